/** Blocking keys: cheap strings under which two names that may match share at least one key. */
import { analyzeCached } from './compare.ts';

/**
 * Keys for candidate blocking in a store: for every romanisation variant, each name word's loose
 * spelling and phonetic key, and the sorted phonetic skeleton of the whole name.
 */
export function nameKeys(name: string, schema?: string): string[] {
  const a = analyzeCached(name, schema);
  const keys = new Set<string>();
  for (const v of a.variants) {
    const words = v.tokens.filter((t) => t.kind === 'name' && t.text.length > 1);
    for (const t of words) {
      keys.add(`w:${t.loose}`);
      if (t.phonetic.length >= 2) {
        keys.add(`p:${t.phonetic}`);
      }
    }
    if (words.length > 1) {
      keys.add(
        `n:${words
          .map((t) => t.phonetic)
          .sort()
          .join(' ')}`,
      );
    }
  }
  return [...keys];
}
