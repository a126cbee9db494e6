/**
 * Blocking keys as a store keeps them: the matcher's own keys (`nameKeys`) tagged with their kind,
 * plus one kind of ours, `initials`: one word's phonetic key with the sorted initials of the other
 * words, so a typo in any one word of a two-word name still leaves a shared key.
 */
import { analyzeCached } from './compare.ts';
import { nameKeys } from './keys.ts';
import { scriptOf } from './normalize.ts';

export type BlockingKeyKind = 'token' | 'phonetic' | 'sorted' | 'initials';

export interface BlockingKey {
  key: string;
  kind: BlockingKeyKind;
}

const KIND_OF_PREFIX: Record<string, BlockingKeyKind> = { w: 'token', p: 'phonetic', n: 'sorted' };

/** Every blocking key of one name; `schema` is a FollowTheMoney schema (Person, Organization …). */
export function blockingKeys(name: string, schema?: string): BlockingKey[] {
  const out = new Map<string, BlockingKeyKind>();
  for (const key of nameKeys(name, schema)) {
    out.set(key, KIND_OF_PREFIX[key.slice(0, 1)] ?? 'token');
  }
  for (const v of analyzeCached(name, schema).variants) {
    const words = v.tokens.filter((t) => t.kind === 'name' && t.text.length > 1);
    if (words.length < 2 || words.length > 6) {
      continue;
    }
    words.forEach((w, i) => {
      if (w.phonetic.length < 2) {
        return;
      }
      const initials = words
        .filter((_, j) => j !== i)
        .map((t) => t.text[0] ?? '')
        .sort()
        .join('');
      out.set(`i:${w.phonetic}|${initials}`, 'initials');
    });
  }
  return [...out].map(([key, kind]) => ({ key, kind }));
}

const ISO_SCRIPT: Record<string, string> = {
  latin: 'Latn',
  han: 'Hani',
  cyrillic: 'Cyrl',
  arabic: 'Arab',
  hangul: 'Hang',
  kana: 'Jpan',
  greek: 'Grek',
};

/** The ISO 15924 code of the script a name is mostly written in (by its first letter). */
export function isoScriptOf(name: string): string {
  const s = scriptOf(name.trim());
  return ISO_SCRIPT[s] ?? 'Zyyy';
}
