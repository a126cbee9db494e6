/** Word tables: legal forms and descriptors (from rigour, MIT), plus our own public-body aliases. */
import rigour from './resources/rigour.json' with { type: 'json' };
import { normalizeName } from './normalize.ts';

/**
 * Public bodies that matter for transnational repression, in English, Chinese and Russian. Each key is
 * the canonical token that every alias collapses to (rigour's tables do not cover these).
 */
const PUBLIC_BODIES: Record<string, string[]> = {
  psb: ['psb', 'public security bureau', 'bureau of public security', '公安局', '公安分局'],
  psd: ['public security department', 'provincial public security department', '公安厅', '公安廳'],
  mps: ['mps', 'ministry of public security', '公安部'],
  mss: ['mss', 'ministry of state security', '国家安全部', '國家安全部', '国安部'],
  ssb: ['state security bureau', 'bureau of state security', '国家安全局', '國家安全局', '国安局', '國安局'],
  ufwd: [
    'ufwd',
    'united front work department',
    'united front',
    '统战部',
    '統戰部',
    '统一战线工作部',
    '統一戰線工作部',
  ],
  pstation: ['police station', '派出所'],
  embassy: ['embassy', '大使馆', '大使館', 'посольство'],
  consulate: [
    'consulate',
    'consulate general',
    '领事馆',
    '領事館',
    '总领事馆',
    '總領事館',
    'консульство',
    'генеральное консульство',
  ],
  fsb: ['fsb', 'federal security service', 'фсб', 'федеральная служба безопасности'],
  mfa: [
    'mfa',
    'ministry of foreign affairs',
    'foreign ministry',
    '外交部',
    'мид',
    'министерство иностранных дел',
  ],
  court: ['court', 'people s court', 'peoples court', '法院', '人民法院', 'суд'],
  procuratorate: ['procuratorate', 'people s procuratorate', '检察院', '檢察院', '人民检察院', 'прокуратура'],
  government: [
    'government',
    "people's government",
    'peoples government',
    '政府',
    '人民政府',
    'правительство',
  ],
  police: ['police', '警察', '警方', 'полиция', 'милиция'],
  committee: ['committee', 'commission', '委员会', '委員會', 'комитет'],
  party: ['party', 'communist party', '共产党', '共產黨'],
  university: ['university', '大学', '大學', 'университет'],
  bank: ['bank', '银行', '銀行', 'банк'],
  group: ['group', '集团', '集團', 'группа'],
  company: ['company', '公司', 'компания'],
};

/** Administrative qualifiers: kept as weak tokens (Fuzhou PSB = Fuzhou Municipal PSB). */
const ADMIN: Record<string, string[]> = {
  city: ['city', 'municipal', 'municipality', '市', 'город', 'городской', 'муниципальный'],
  province: ['province', 'provincial', '省', 'область', 'областной'],
  county: ['county', '县', '縣', 'район', 'районный'],
  district: ['district', '区', '區', '分局'],
  central: ['central', 'central committee', '中央'],
  ccp: ['ccp', 'cpc', 'chinese communist party', 'communist party of china', '中共', '中共中央'],
  national: ['national', 'state', '国家', '國家', 'государственный'],
};

const PUBLIC_BODIES_HAN = new Set(Object.values(PUBLIC_BODIES).flat());
const legal = new Map<string, string>(Object.entries(rigour.legalForms));
const symbols = new Map<string, string>(Object.entries(rigour.orgSymbols));
const admin = new Map<string, string>();
for (const [k, words] of Object.entries(PUBLIC_BODIES)) {
  for (const w of words) {
    symbols.set(normalizeName(w), k);
  }
}
for (const [k, words] of Object.entries(ADMIN)) {
  for (const w of words) {
    admin.set(normalizeName(w), k);
  }
}
export const NICKNAMES = new Map<string, string>(Object.entries(rigour.nicknames));
export const PERSON_PREFIXES = new Set<string>(
  [
    ...rigour.personPrefixes,
    'sheikh',
    'shaikh',
    'haji',
    'hajji',
    'sayyid',
    'mr',
    'mrs',
    'ms',
    'dr',
    'sir',
    'lord',
    'gen',
    'general',
    'col',
    'colonel',
    'господин',
    'г-н',
  ].map(normalizeName),
);
export const ORG_PREFIXES = new Set<string>(rigour.orgPrefixes);

export type LexKind = 'legal' | 'symbol' | 'admin';

/** Looks a normalised phrase up in the tables. */
export function lookupPhrase(
  phrase: string,
  kinds: readonly LexKind[],
): { kind: LexKind; key: string } | undefined {
  for (const kind of kinds) {
    const key =
      kind === 'legal' ? legal.get(phrase) : kind === 'symbol' ? symbols.get(phrase) : admin.get(phrase);
    if (key !== undefined) {
      return { kind, key };
    }
  }
  return undefined;
}

/** Han terms for segmenting Chinese organisation names, longest first. */
export const HAN_TERMS: string[] = [...new Set([...symbols.keys(), ...admin.keys(), ...legal.keys()])]
  .filter(
    (t) => /^\p{Script=Han}+$/u.test(t) && ([...t].length > 1 || admin.has(t) || PUBLIC_BODIES_HAN.has(t)),
  )
  .sort((a, b) => b.length - a.length);
