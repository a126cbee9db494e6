type Detect = (text: string) => { language: string };
let detector: Promise<Detect> | undefined;

/**
 * Loads ELD's medium database once (≈190 MB, 0.4 s); the large one costs twice the memory for a
 * small gain on full sentences (BASELINES.md).
 */
const loadDetector = (): Promise<Detect> =>
  (detector ??= import('eld/medium').then((m) => (text: string) => m.eld.detect(text)));

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
