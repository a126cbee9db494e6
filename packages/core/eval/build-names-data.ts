// Regenerates packages/core/src/names/resources/rigour.json from the MIT-licensed rigour name resources
// (OpenSanctions, see shared/eval/nlp/name-matching/rigour-name-resources/LICENSE.upstream).
// Run once by hand: npx tsx packages/core/eval/build-names-data.ts [path-to-rigour-name-resources]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { normalizeName } from '../src/names/normalize.ts';

const here = dirname(fileURLToPath(import.meta.url));
const src = process.argv[2] ?? join(here, '../../../../shared/eval/nlp/name-matching/rigour-name-resources');
const read = (f: string): unknown => parse(readFileSync(join(src, f), 'utf8'));

interface OrgType {
  display?: string;
  compare?: string;
  generic?: string;
  aliases?: string[];
}
const orgTypes = (read('org_types.yml') as { types: OrgType[] }).types;
const symbols = read('symbols.yml') as Record<string, Record<string, (string | number)[]>>;
const stop = read('stopwords.yml') as Record<string, string[]>;

const key = (s: string): string => normalizeName(String(s));

// legal form alias (normalised) -> generic class (or compare/display form when no generic)
const legalForms: Record<string, string> = {};
for (const t of orgTypes) {
  const target = key(t.generic ?? t.compare ?? t.display ?? '');
  for (const a of [...(t.aliases ?? []), t.display, t.compare]) {
    const k = a ? key(a) : '';
    if (k && target && !(k in legalForms)) {
      legalForms[k] = target;
    }
  }
}

// descriptor word (normalised) -> canonical key, from org_symbols and org_domains
const orgSymbols: Record<string, string> = {};
for (const table of ['org_symbols', 'org_domains']) {
  for (const [canon, words] of Object.entries(symbols[table] ?? {})) {
    for (const w of [canon, ...(words ?? [])]) {
      const k = key(String(w));
      // longer phrases in these tables are names of particular companies, not descriptors
      if (k && k.split(' ').length <= 2 && !(k in orgSymbols)) {
        orgSymbols[k] = key(canon);
      }
    }
  }
}

const nicknames: Record<string, string> = {};
for (const [canon, words] of Object.entries(symbols.person_nick ?? {})) {
  const target = key(String(words.at(-1) ?? canon));
  for (const w of words) {
    const k = key(String(w));
    if (k && k !== target) {
      nicknames[k] = target;
    }
  }
}

const personPrefixes = [...new Set((stop.PERSON_NAME_PREFIXES ?? []).map(key).filter(Boolean))];
const orgPrefixes = [...new Set((stop.ORG_NAME_PREFIXES ?? []).map(key).filter(Boolean))];

const out = {
  source: 'rigour resources/names (MIT, OpenSanctions)',
  legalForms,
  orgSymbols,
  nicknames,
  personPrefixes,
  orgPrefixes,
};
const target = join(here, '../src/names/resources/rigour.json');
writeFileSync(target, `${JSON.stringify(out)}\n`);
process.stdout.write(
  `wrote ${target}: ${Object.keys(legalForms).length} legal forms, ${Object.keys(orgSymbols).length} org symbols, ${Object.keys(nicknames).length} nicknames, ${personPrefixes.length} prefixes\n`,
);
