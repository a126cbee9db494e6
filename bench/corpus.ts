import { seededRandom } from '../packages/core/test/random.ts';
/**
 * Generates multilingual articles for benchmarks: sentences assembled from small vocabularies we
 * wrote for ten languages, deterministic for a given seed.
 */
const VOCAB: Record<string, { words: string[]; sep: string; end: string }> = {
  en: {
    sep: ' ',
    end: '.',
    words:
      'police station overseas report relatives pressure return campaign city office officials list leaked document hotline service community association embassy government investigation students abroad network closed denied figures according researchers'.split(
        ' ',
      ),
  },
  sv: {
    sep: ' ',
    end: '.',
    words:
      'polis station utomlands rapport anhöriga påtryckningar återvända kampanj staden kontoret tjänstemän lista läckt dokument telefonlinje tjänst förening ambassad regeringen utredning studenter nätverk stängd förnekade enligt forskare'.split(
        ' ',
      ),
  },
  fr: {
    sep: ' ',
    end: '.',
    words:
      'police poste étranger rapport proches pression retour campagne ville bureau responsables liste document fuite ligne service association ambassade gouvernement enquête étudiants réseau fermé démenti selon chercheurs'.split(
        ' ',
      ),
  },
  nl: {
    sep: ' ',
    end: '.',
    words:
      'politie post buitenland rapport familieleden druk terugkeer campagne stad kantoor ambtenaren lijst gelekt document lijn dienst vereniging ambassade regering onderzoek studenten netwerk gesloten ontkende volgens onderzoekers'.split(
        ' ',
      ),
  },
  de: {
    sep: ' ',
    end: '.',
    words:
      'Polizei Station Ausland Bericht Angehörige Druck Rückkehr Kampagne Stadt Büro Beamte Liste geleakt Dokument Hotline Dienst Verein Botschaft Regierung Ermittlung Studenten Netzwerk geschlossen bestritten laut Forscher'.split(
        ' ',
      ),
  },
  es: {
    sep: ' ',
    end: '.',
    words:
      'policía comisaría extranjero informe familiares presión regreso campaña ciudad oficina funcionarios lista filtrado documento línea servicio asociación embajada gobierno investigación estudiantes red cerrada negó según investigadores'.split(
        ' ',
      ),
  },
  ru: {
    sep: ' ',
    end: '.',
    words:
      'полиция участок зарубежный доклад родственники давление возвращение кампания город офис чиновники список утечка документ горячая линия служба ассоциация посольство правительство расследование студенты сеть закрыт отрицал по данным исследователи'.split(
        ' ',
      ),
  },
  zh: {
    sep: '',
    end: '。',
    words:
      '警察 海外 服务站 报告 亲属 施压 劝返 行动 城市 办公室 官员 名单 泄露 文件 热线 服务 协会 大使馆 政府 调查 留学生 网络 关闭 否认 据称 研究人员 福州 公安局'.split(
        ' ',
      ),
  },
  ja: {
    sep: '',
    end: '。',
    words:
      '警察 海外 拠点 報告 家族 圧力 帰国 作戦 都市 事務所 当局者 名簿 流出 文書 ホットライン サービス 協会 大使館 政府 捜査 留学生 ネットワーク 閉鎖 否定 研究者'.split(
        ' ',
      ),
  },
  ar: {
    sep: ' ',
    end: '.',
    words:
      'الشرطة مركز الخارج تقرير الأقارب ضغط العودة حملة المدينة مكتب المسؤولين قائمة مسربة وثيقة الخط خدمة جمعية السفارة الحكومة تحقيق الطلاب شبكة مغلق نفى وفقا الباحثين'.split(
        ' ',
      ),
  },
};
export const BENCH_LANGUAGES = Object.keys(VOCAB);

const random = seededRandom;

export interface BenchArticle {
  name: string;
  language: string;
  text: string;
}

/** `count` articles of roughly `chars` characters, languages in rotation. */
export function generateArticles(count: number, chars = 1500, seed = 7): BenchArticle[] {
  const rnd = random(seed);
  const out: BenchArticle[] = [];
  for (let i = 0; i < count; i++) {
    const language = BENCH_LANGUAGES[i % BENCH_LANGUAGES.length] ?? 'en';
    const v = VOCAB[language];
    if (!v) {
      continue;
    }
    const pick = (): string => v.words[Math.floor(rnd() * v.words.length)] ?? '';
    const title = `${Array.from({ length: 6 }, pick).join(v.sep)} ${i}`;
    let body = '';
    while (body.length < chars) {
      body += `${Array.from({ length: 8 + Math.floor(rnd() * 10) }, pick).join(v.sep)} ${Math.floor(rnd() * 100000)}${v.end} `;
      if (rnd() < 0.2) {
        body += '\n\n';
      }
    }
    out.push({
      name: `article-${String(i).padStart(5, '0')}-${language}.txt`,
      language,
      text: `${title}\n\n${body.trim()}\n`,
    });
  }
  return out;
}
