type Detect = (text: string) => { language: string };
let detector: Promise<Detect> | undefined;

/**
 * Loads ELD's extra-small database once per thread (≈85 MB). Measured on 300 sentences in each of
 * 17 languages it scores 0.936 against 0.937 for medium (≈195 MB) and large (≈390 MB), and every
 * worker thread loads its own copy. ELD has no Indonesian model: Indonesian text comes out as ms.
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
  return detect(sample).language || 'und';
}
