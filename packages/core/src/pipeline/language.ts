type Detect = (text: string) => { language: string };
let detector: Promise<Detect> | undefined;

/**
 * Loads ELD's extra-small database once per thread (≈85 MB). Measured on 300 sentences in each of
 * 17 languages it scores 0.936 against 0.937 for medium (≈195 MB) and large (≈390 MB), and every
 * worker thread loads its own copy. ELD has no Indonesian model (Indonesian text comes out as ms),
 * so `malayOrIndonesian` decides between the two.
 */
const loadDetector = (): Promise<Detect> =>
  (detector ??= import('eld/extrasmall').then((m) => (text: string) => m.eld.detect(text)));

/**
 * ISO 639-1 code of the text's main language, or 'und'. Samples the start and the middle so that
 * a header in another language does not decide.
 */
export async function detectLanguage(text: string): Promise<string> {
  const clean = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length < 3) {
    return 'und';
  }
  const mid = Math.floor(clean.length / 2);
  const sample = clean.length > 3000 ? `${clean.slice(0, 1500)} ${clean.slice(mid, mid + 1500)}` : clean;
  const detect = await loadDetector();
  const language = detect(sample).language || 'und';
  return language === 'ms' || language === 'id' ? malayOrIndonesian(sample) : language;
}

// Words whose spelling differs between standard Indonesian and Malaysian Malay (our own lists,
// from the two standards' usual forms: bahwa/bahawa, uang/wang, -itas/-iti, month names…).
const INDONESIAN =
  /^(?:bahwa|uang|pemerintah|pemerintahan|bisa|karena|yaitu|maupun|mobil|kantor|selama|ujar|tapi|nggak|gak|aja|banget|lewat|dirinya|provinsi|kabupaten|tentara|televisi|agustus|desember|maret|juli|juni|rp|\p{L}+itas)$/u;
const MALAY =
  /^(?:bahawa|wang|kerajaan|boleh|kerana|iaitu|mahupun|kereta|pejabat|semasa|hospital|polis|setiausaha|kakitangan|sahaja|akhbar|negeri|tentera|televisyen|teksi|ogos|disember|mac|julai|jun|rm|\p{L}+iti)$/u;

/**
 * Indonesian or Malay, from spellings that differ between the two standards. A text with no such
 * word is taken as Indonesian: in the news this product reads, Indonesian is far more common.
 */
export function malayOrIndonesian(text: string): 'id' | 'ms' {
  let id = 0;
  let ms = 0;
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    if (INDONESIAN.test(word)) {
      id += 1;
    } else if (MALAY.test(word)) {
      ms += 1;
    }
  }
  return ms > id ? 'ms' : 'id';
}
