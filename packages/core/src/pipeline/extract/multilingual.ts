/**
 * Rules for languages beyond the first five (pt id ja ko ru uk fa ar tr es it de): cue stems per
 * code, origin-state phrases built from demonyms × bodies, and head words that make a name a state
 * body or an organisation. Tuned on eval/extract/labelled/dev-2.json only.
 */

/** Extra cue stems per code, matched case-insensitively anywhere in a sentence. */
export const I18N_CUES: Record<string, string[]> = {
  'INF.POLICE_STATION': [
    'delegacias?',
    'estaç(?:ão|ões) de (?:serviço|polícia)',
    'postos? de polícia',
    'pos polisi',
    'kantor polisi',
    '警察署',
    '비밀경찰서',
    '경찰서',
    'полицейск\\S* (?:участ|пункт|станц)',
    'поліцейськ\\S* (?:відділ|станц|пункт)',
    'ایستگاه پلیس',
    'مراكز شرطة',
    'مركز شرطة',
    'karakol',
    'polis merkez',
    'Polizeistation',
  ],
  'HST.JOINT_POLICING': [
    'pattuglie congiunte',
    'patrulhas? conjuntas?',
    'patrullas? conjuntas?',
    'gemeinsame Streifen',
    'patroli gabungan',
  ],
  'HST.DETAIN': [
    'atas permintaan',
    'a pedido d',
    'a petición d',
    'su richiesta d',
    'auf Ersuchen',
    'talebi üzerine',
    'по запросу',
    'на запит',
    'بناء على طلب',
    'به درخواست',
    '要請により',
    '요청으로',
  ],
  'HST.INTERPOL': [
    'red notice',
    'notifica rossa',
    'notificación roja',
    'difusão vermelha',
    'kırmızı bülten',
    'красн\\S* уведомлен',
    'النشرة الحمراء',
    'اینترپل',
    'الإنتربول',
    '赤手配',
    '적색수배',
  ],
  'HST.EXTRADITE': [
    'ekstradisi',
    'mengekstradisi',
    'extradi[çcz]',
    'estradizion',
    'Auslieferung',
    'iade',
    'экстрадиц',
    'выдач',
    'екстрадиц',
    'تسليم',
    'استرداد',
    '引き渡し',
    '송환',
  ],
  'HST.DEPORT': [
    'espuls',
    'abgeschoben',
    'deportad',
    'deportat',
    'sınır dışı',
    'депортир',
    'выслал',
    'ترحيل',
    'اخراج',
    '강제송환',
    '強制送還',
  ],
  'PHY.KILL': [
    '(?<!покушение на )убийств',
    'убит',
    'вбивств',
    'assassinat',
    'assassínio',
    'asesinat',
    'omicidio',
    'Mord',
    'ermordet',
    'öldürül',
    'cinayet',
    'قُتل',
    'قتل',
    'مقتل',
    'dibunuh',
    'pembunuhan',
    '殺害',
    '살해',
  ],
  'PHY.KILL_ATTEMPT': [
    'покушени',
    'замах',
    'tentativa de assassinato',
    'intento de asesinato',
    'tentato omicidio',
    'Mordversuch',
    'suikast',
    'ترور',
    'محاولة اغتيال',
    '暗殺未遂',
    '암살 시도',
  ],
  'PHY.ASSAULT': [
    'напал',
    'нападени',
    'молотк',
    'напад',
    'agredid',
    'aggredit',
    'angegriffen',
    'saldırı',
    'طعن',
    'الاعتداء',
    'diserang',
    '襲撃',
    '폭행',
  ],
  'PHY.ABDUCT': [
    'kaçırıl',
    'sequestr',
    'secuestr',
    'rapit',
    'Entführung',
    'entführt',
    'похищ',
    'похитил',
    'викрад',
    'ربودن',
    'ربوده',
    'اختطاف',
    'خطف',
    'diculik',
    'penculikan',
    '拉致',
    '납치',
    'змусила\\S* \\S+ (?:сісти|приземлит)',
    'приземлитися',
  ],
  'PHY.RENDITION': ["Türkiye'ye gönderil", 'به ایران منتقل', 'llevarlo a', 'aterrizó en'],
  'PHY.INTIMIDATE': ['посетил'],
  'LEG.CHARGE': [
    'acus(?:ou|ad[oa]|ó|aron)',
    'accusat',
    'menuduh',
    'suçlu',
    'обвинен',
    'обвинува',
    'обвинуваченн',
    'заочно',
    'in absentia',
    'terroris',
    'متهم',
    'اتهام',
    'به اعدام محکوم',
    '指名手配',
    '기소',
  ],
  'LEG.BOUNTY': [
    '懸賞金',
    '현상금',
    'recompensa',
    'taglia',
    'Kopfgeld',
    'ödül',
    'вознагражден',
    'جایزه',
    'مكافأة',
  ],
  'LEG.ASSET': [
    'confisc',
    'beschlagnahm',
    'перевод\\S* денег',
    'tassa del',
    'impuesto',
    'müsadere',
    'مصادرة',
    'مصادره',
  ],
  'LEG.LISTING': [
    'нежелательн',
    'экстремист',
    'екстреміст',
    'terör örgütü',
    'organizzazione terroristica',
    'organización terrorista',
  ],
  'LEG.EXTRATERRITORIAL_LAW': ['国家安全維持法', '국가보안법'],
  'MOB.DOCUMENT_DENIAL': [
    'passaporte',
    'non riceve il passaporto',
    'Reisepass',
    'pasaporte',
    'паспорт\\S* (?:аннулир|отоз)',
    'pasaport',
    'گذرنامه',
    'جواز السفر',
  ],
  'MOB.EXIT_BAN': [
    'منع من السفر',
    'ممنوع‌الخروج',
    'запрет на выезд',
    'заборона виїзду',
    'yurt dışı yasağı',
    'prohibición de salida',
  ],
  'MOB.LURE': [
    'engañ',
    'ingann',
    'enganad',
    'gelockt',
    'فریب',
    'استدرج',
    'creía que iba',
    'وعده دیدار',
    'dikelabui',
    'おびき',
  ],
  'PRX.FAMILY_THREAT': [
    'famíli',
    'família',
    'familia',
    'familiari',
    'Familie',
    'ailesine',
    'ailesi',
    'семь',
    'родствен',
    'родин',
    'матері',
    'матери',
    'خانواده',
    'عائلت',
    'أسرته',
    'keluarga',
    '家族',
    '가족',
  ],
  'PRX.FAMILY_DETAIN': ['saudaranya ditahan', 'اعتقلت شقيق', '事情聴取', 'family[^.]{0,40}detain'],
  'PRX.FAMILY_PENALTY': ['perdono terreni', 'pierden', 'perdem'],
  'DIG.THREAT': [
    'ameaç',
    'amenaz',
    'minacc',
    'Drohung',
    'bedroht',
    'угроз',
    'погроз',
    'تهدید',
    'تهديد',
    'ancaman',
    'tehdit',
    '脅迫',
    '협박',
  ],
  'DIG.HARASS': ['신상', '晒し', 'acoso', 'molestie', 'Hetze', 'травл'],
  'DIG.SPYWARE': [
    'Pegasus',
    'بيغاسوس',
    'پگاسوس',
    'spyware',
    'برنامج التجسس',
    'برنامج تجسس',
    'Spähsoftware',
    'шпионск\\S* программ',
  ],
  'SUR.SURVEIL': [
    'sorveglia',
    'überwach',
    'späht',
    'ausgespäht',
    'Liste mit',
    'memata-matai',
    'mengawasi',
    'izliyor',
    'fişle',
    'следит',
    'слежк',
    'جاسوسی',
    'مراقبة',
    '監視',
    '감시',
    '촬영',
    'Spionage',
  ],
  'SUR.REGISTER': ['nomes e endereços', 'nombres y direcciones', 'Namen und Adressen'],
  'RET.PERSUADE': [
    'volver a',
    'zurückzukehren',
    'dönmeye',
    'вернуться',
    'повернутися',
    'بازگشت',
    'العودة',
    'kembali ke',
    '귀국',
  ],
  'RET.INVOLUNTARY_RETURN': [],
  'INF.UF_MOBILISATION': ['학생회', '同郷会', 'Vereine'],
  'INF.ELITE_CULTIVATION': [],
};

export const I18N_RESPONSE_CUES: Record<string, string[]> = {
  'RSP.INVESTIGATION': [
    'investiga',
    'inquérito',
    'indagin',
    'accertamenti',
    'ermittel',
    'Ermittlung',
    'расследован',
    'следстви',
    'розслідуван',
    'soruştur',
    'تحقیق',
    'التحقيق',
    'penyelidikan',
    '捜査',
    '捜索',
    '수사',
    '조사',
    'Strafverfahren',
  ],
  'RSP.ARREST_CHARGE': [
    'задержал',
    'обвинени',
    'предъявлени',
    'arrestat',
    'detenid',
    'festgenommen',
    'tutuklan',
    'بازداشت',
    'اعتقال',
    'ditangkap',
    '逮捕',
    '체포',
  ],
  'RSP.CONVICTION': [
    'приговор',
    'вирок',
    'condannat',
    'condenó',
    'condenad',
    'verurteil',
    'mahkum',
    'محکوم',
    'حكم',
    'divonis',
    '有罪',
    '유죄',
  ],
  'RSP.DIPLOMAT_EXPULSION': [
    'выслал\\S* \\S* ?(?:\\d+ )?(?:российск|дипломат)',
    'дипломат',
    'Diplomaten aus',
    'espuls\\S* diplomat',
    'expuls\\S* diplomát',
    'diplomatları',
    'ديبلوماسي',
    'دبلوماسي',
    'دیپلمات',
  ],
  'RSP.DIPLOMATIC_PROTEST': [
    '非難',
    '항의',
    'اعتراض',
    'احتجاج',
    'pidió su liberación',
    'condenou',
    'این حکم را محکوم',
    'memprotes',
  ],
  'RSP.SANCTION': [
    'санкц',
    'sanç',
    'sanzion',
    'sancion',
    'Sanktion',
    'تحریم',
    'عقوبات',
    'sanksi',
    '制裁',
    '제재',
  ],
  'RSP.POLICY_CHANGE': ['görevden aldı', 'ya no', 'não vai mais', 'прекрат'],
  'RSP.NO_EVIDENCE_FOUND': [
    'nenhuma prova',
    'ninguna prueba',
    'nessuna prova',
    'keine Hinweise',
    'никаких доказательств',
  ],
  'RSP.PROTECTION': ['warnte', 'protección', 'protezione', 'Schutz', 'защит', 'захист', 'حماية'],
  'RSP.DENIAL': [
    'negou',
    'negó',
    'neg(?:a|ano)',
    'bestreit',
    'weist[^.]{0,40}zurück',
    'отрица',
    'заперечу',
    'відкин',
    'reddet',
    'reddediyor',
    'رد کرد',
    'نفت',
    'نفى',
    'ينفي',
    'membantah',
    '否定',
    '반론',
    '부인',
  ],
  'RSP.ALT_EXPLANATION': [],
};

const DEMONYMS: Record<string, string> = {
  CN: 'chin[eêa]s\\S*|chino\\S*|cines\\S*|Tiongkok|Cina|China|китайск\\S*|китайськ\\S*|چین\\S*|الصين\\S*|الصيني\\S*|Çin',
  RU: 'чеченск\\S*|russ\\S*|rus[oa]s?|российск\\S*|русск\\S*|російськ\\S*|روسی\\S*|الروسي\\S*|Rus|Rusya\\S*',
  IR: 'iran\\S*|ایران\\S*|إيران\\S*|الإيراني\\S*|иранск\\S*|іранськ\\S*|İran\\S*',
  TR: 'türk\\S*|turc\\S*|turk\\S*|turch\\S*|турецк\\S*|турецьк\\S*|ترکیه\\S*|التركي\\S*|Turki',
  SA: 'saudi\\S*|saudita\\S*|سعودی\\S*|السعودي\\S*|саудовск\\S*',
  RW: 'rwand\\S*|ruand\\S*|руандийск\\S*',
  VN: "vietnam\\S*|вьетнамск\\S*|в'єтнамськ\\S*",
  NI: 'nicaragüense\\S*|nicaraguens\\S*|nicaraguan\\S*',
  BY: 'belarus\\S*|biélorusse\\S*|bielorrus\\S*|weißrussisch\\S*|белорусск\\S*|білоруськ\\S*',
  ER: 'eritre\\S*|эритрейск\\S*',
};

const BODIES =
  'polic\\S*|polí[cs]ia\\S*|polizi\\S*|polizei\\S*|polisi|polis\\S*|полиц\\S*|поліц\\S*|پلیس|الشرطة|autorit\\S*|autoridad\\S*|authorit\\S*|Behörde\\S*|власт\\S*|влад\\S*|otorit\\S*|makam\\S*|مقامات|السلطات|government|govern[oa]|gobierno|gouvernement|Regierung|Pemerintah|правительств\\S*|уряд\\S*|حکومت|الحكومة|hükümet\\S*|embass\\S*|embaixada|embajada|ambasciata|Botschaft|посольств\\S*|سفارت|السفارة|büyükelçilik\\S*|consola\\S*|consulad\\S*|consul\\S*|Konsulat\\S*|консульств\\S*|القنصلية|کنسولگری|intelligence|Geheimdienst\\S*|inteligencia|servizi segreti|спецслужб\\S*|разведк\\S*|розвідк\\S*|istihbarat\\S*|intelijen|المخابرات|agent\\S*|агент\\S*|عملاء|государственн\\S* орган\\S*|державн\\S* орган\\S*|security services|regime|régime|режим\\S*|نظام';

const W = '[^\\s.,;:!?()"«»]+';

/** Origin-state phrases: "russische Behörden", "polícia chinesa", "السلطات السعودية", "中国当局", "중국 공안". */
export const I18N_ORIGIN_CUES: [string, RegExp][] = [
  ...Object.entries(DEMONYMS).flatMap(([cc, dem]): [string, RegExp][] => [
    [cc, new RegExp(`(?<![\\p{L}])(?:${dem})\\s+(?:${W}\\s+){0,1}?(?:${BODIES})(?![\\p{L}])`, 'iu')],
    [
      cc,
      new RegExp(
        `(?<![\\p{L}])(?:${BODIES})\\s+(?:(?:da|do|de|del|della|di|des|der|dari)\\s+)?(?:${dem})(?![\\p{L}])`,
        'iu',
      ),
    ],
  ]),
  ['CN', /(?:中国|中國|중국)\s?(?:の)?(?:当局|警察|公安|政府|大使館|外務省|정부|공안|경찰|대사관|당국)/u],
  ['CN', /주한중국대사관|中国外務省|中国外交部/u],
  ['CN', /香港警察|香港警務處|香港当局|홍콩 경찰|polícia de Hong Kong|Hongkonger Polizei/u],
  ['RU', /ФСБ|ГРУ|\bFSB\b|\bGRU\b|Кремл\S*|Kremlin/u],
  ['TR', /Milli İstihbarat Teşkilatı|\bMİT\b|türkische Geheimdienst/u],
  ['IR', /سپاه پاسداران|IRGC|پاسداران|الحرس الثوري|Revolutionary Guard/u],
];

/** Names of bodies and organisations that recur in our languages (spellings per script). */
export const I18N_ACTORS: [string, 'public_body' | 'organization', string, RegExp][] = [
  [
    'Interpol',
    'organization',
    '',
    /Interpol|Интерпол\S*|Інтерпол\S*|اینترپل|الإنتربول|インターポール|인터폴/u,
  ],
  [
    'Amnesty International',
    'organization',
    '',
    /Amnesty International(?: \p{Lu}\p{Ll}+)?|Международная амнистия|عفو بین‌الملل|منظمة العفو الدولية|アムネスティ|국제앰네스티/u,
  ],
  ['Human Rights Watch', 'organization', '', /هيومن رايتس ووتش|ヒューマン・ライツ・ウォッチ|휴먼라이츠워치/u],
  ['Citizen Lab', 'organization', '', /سيتيزن لاب|سیتیزن لب|シチズンラボ/u],
  [
    'United Nations',
    'organization',
    '',
    /(?:ل|ا)لأمم المتحدة|سازمان ملل|ООН|PBB|国連|유엔|Naciones Unidas|Nazioni Unite|Nações Unidas|Vereinte\S* Nationen|Birleşmiş Milletler|UNHCR/u,
  ],
  ['Hong Kong Police Force', 'public_body', 'CN', /香港警察|香港警務處|홍콩 경찰/u],
  ['FSB', 'public_body', 'RU', /ФСБ|\bFSB\b/u],
  ['MIT (Turkey)', 'public_body', 'TR', /Milli İstihbarat Teşkilatı|\bMİT\b|\bMIT\b/u],
  ['IRGC', 'public_body', 'IR', /سپاه پاسداران|IRGC|الحرس الثوري/u],
];

/**
 * Head words that make a phrase a state body or an organisation, by script: Cyrillic phrases end on
 * a Capitalised name or start with one; CJK/Hangul names end on a body suffix.
 */
export const BODY_PATTERNS: RegExp[] = [
  // Russian/Ukrainian: "Генеральна прокуратура Росії", "Высший земельный суд Берлина", "Полиция Швеции".
  /(?<![\p{L}])(?:\p{Lu}[\p{Ll}-]+\s+){0,3}(?:[Пп]рокуратур[аи]|[Сс]уд|[Сс]лужб[аи]\s+(?:\S+\s+){0,2}безпеки|[Пп]олиция|[Пп]оліція|[Мм]инистерств[оа]|[Мм]іністерств[оа]|[Пп]осольств[оа])(?:\s+\p{Lu}[\p{Ll}-]+){1,2}/u,
  /(?<![\p{L}])(?:\p{Lu}[\p{Ll}-]+)(?:\s+[\p{Ll}-]+){0,3}\s+(?:суд|служба державної безпеки|служба безопасности|поліція|полиция)(?:\s+\p{Lu}[\p{Ll}-]+)?/u,
  // Japanese/Korean bodies ending on an office word: 警視庁, 国家情報院, 국가정보원, 교육부.
  /[\p{Script=Han}\p{Script=Katakana}ー]{1,8}(?:庁|省|局|院|署|委員会)/u,
  // Korean: the body word may carry a particle (교육부는) and a country before it (중국 대사관).
  /(?:[가-힣]{2,4} )?(?:[가-힣]{0,6}(?:정보원|대사관|위원회|경찰청|검찰청|법원)|[가-힣]{2,5}부)(?=[은는이가을를의에도와과로]|[^가-힣]|$)/u,
  // Consulates and embassies named by an adjective: "consolato eritreo", "embaixada chinesa".
  /(?<![\p{L}])(?:[Cc]onsolato|[Aa]mbasciata|[Cc]onsulado|[Ee]mbaixada|[Ee]mbajada) \p{Ll}{4,}/u,
  // Latin scripts beyond the first five: "Polícia Federal", "Ministério da Justiça", "procura di Prato".
  /(?<![\p{L}])(?:Polícia|Policía|Ministério|Ministero|Ministerio|Procura|Fiscalía|Asamblea|Assembleia|Generalbundesanwalt|Bundesnachrichtendienst|Departamento|Dipartimento|Tribunal|Bakanlığı|Mahkemesi|Komite|Kementerian)(?:\s+(?:(?:da|de|do|del|dell'|della|di|dos|das)\s+)?(?:federal|Federal|\p{Lu}[\p{L}'’-]+)){0,4}|(?:\p{Lu}[\p{L}]+\s+){1,3}(?:Bakanlığı|Mahkemesi)|(?:procura|polizia|consolato|embaixada|embajada|ambasciata) (?:di|de|da|del) \p{Lu}[\p{L}]+/u,
  // Arabic/Persian: "النيابة العامة التركية", "وزارة الخارجية الأمريكية", "پلیس متروپولیتن", "وزارت امور خارجه ایران".
  /(?:النيابة العامة|وزارة|القنصلية|السفارة|المحكمة)(?:\s+[\p{Script=Arabic}]+){1,2}|(?:پلیس|وزارت|سفارت|دادگاه)(?:\s+[\p{Script=Arabic}]+){1,3}/u,
];

/** Capitalised words that open sentences or titles rather than names. */
const NAME_STOP = new Set(
  'El La Los Las Il Lo Le Gli Un Una Uno O A Os As Um Uma Der Die Das Ein Eine Bu Bir Seorang Para Sang Segundo Según Secondo Menurut Pada Dalam De Di Da Do Del Della Dos Das Na No Em En Con Per Ha Ya Yang Dan Ini Itu Son Sua Su Suo Sus Sono Eles Ele Ela Ella Lei Él Como Come Cuando Quando Mais Más Dopo Depois Después Além Anche Também También Warga Kepala Başbakanı Bakanı Bakan Presidente Ministro Ministra Il'.split(
    ' ',
  ),
);

/**
 * Person-name candidates: runs of 2–3 capitalised words (Latin script outside German, or Cyrillic),
 * trimmed on the left of opening words and of anything already taken (places, bodies).
 */
export function personNames(
  text: string,
  lang: string,
  taken: (s: { start: number; end: number }) => boolean,
): { start: number; end: number }[] {
  const re =
    lang === 'ru' || lang === 'uk'
      ? /(?<![\p{L}])\p{Lu}[\p{Ll}’'-]+(?: \p{Lu}[\p{Ll}’'-]+)+/gu
      : /(?<![\p{L}])\p{Lu}[\p{Ll}’'-]+(?: (?:\p{Lu}[\p{Ll}’'-]+|van|de|da|dos|bin|al))* \p{Lu}[\p{Ll}’'-]+/gu;
  if (lang === 'de' || !/^(?:pt|es|it|id|tr|ru|uk)$/u.test(lang)) {
    return [];
  }
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(re)) {
    const words = [...m[0].matchAll(/\S+/gu)].map((w) => ({
      start: m.index + w.index,
      end: m.index + w.index + w[0].length,
      w: w[0],
    }));
    // Titles of office ("Başbakan", "İçişleri Bakanı") are not names.
    const office =
      /^(?:Bakan|Başbakan|Cumhurbaşkan|Ministr|Presiden|Direttor|Diretor|Director|Генерал|Министр|Міністр)/u;
    while (words.length > 0 && (NAME_STOP.has(words[0]!.w) || taken(words[0]!) || office.test(words[0]!.w))) {
      words.shift();
    }
    // A sentence-initial capital on a run of three is usually a common noun ("Öğretmen Ayşe Demir").
    const opensSentence = (w: { start: number }) =>
      /(?:^|[.!?]\s+|\n\s*)$/u.test(text.slice(Math.max(0, w.start - 3), w.start));
    if (words.length >= 3 && opensSentence(words[0]!)) {
      words.shift();
    }
    while (words.length > 0 && taken(words[words.length - 1]!)) {
      words.pop();
    }
    if (
      words.length < 2 ||
      words.length > 4 ||
      words.some((w) => taken(w) || /^\p{Ll}/u.test(w.w) || office.test(w.w))
    ) {
      continue;
    }
    out.push({ start: words[0]!.start, end: words[words.length - 1]!.end });
  }
  return out;
}
