/**
 * Scores `extractAll` against labelled data we wrote (eval/extract/labelled: five seeds by
 * reference, demo records) and against ../shared/eval/nlp (UNER LOC for places, Recognizers-Text
 * date specs), per field and per language. Counting (issue #5): recall counts the key places and
 * actors of each article; a prediction is right when it names any place or actor the article
 * mentions (key or other); codes and states are set F1 per document; figures = share of stated
 * figures whose value is found.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractAll } from '../src/pipeline/extract/extract.stage.ts';
import { fold } from '../src/pipeline/extract/text.ts';

const ROOT = join(import.meta.dirname, '../../..');
const SHARED = process.env.LONGARM_SHARED ?? join(ROOT, '../shared');

interface LabelledDoc {
  seed?: string;
  demo?: string;
  /** Documents we wrote with their text inline (heldout-2.json, dev-2.json). */
  id?: string;
  text?: string;
  language: string;
  places: { key: string[]; other: string[] };
  actors: { key: string[]; other: string[] };
  codes: string[];
  origin: string[];
  host: string[];
  figures: number[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const add = (a: Counts, b: Counts): void => {
  a.tp += b.tp;
  a.fp += b.fp;
  a.fn += b.fn;
};
const prf = (c: Counts) => {
  const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
};
const fmt = (c: Counts): string => {
  const { p, r, f } = prf(c);
  return `P ${p.toFixed(2)} R ${r.toFixed(2)} F1 ${f.toFixed(2)} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`;
};

const aliases = (label: string): string[] => label.split('|').map(fold);

/** Recall over key labels, precision over distinct predicted names against key + other. */
function scoreNames(predicted: string[][], labels: { key: string[]; other: string[] }): Counts {
  const all = [...labels.key, ...labels.other].map(aliases);
  const c = zero();
  const seen = new Set<string>();
  for (const names of predicted) {
    const folded = names.map(fold);
    const id = folded[0] ?? '';
    if (seen.has(id)) {
      continue;
    }
    seen.add(id);
    if (all.some((a) => a.some((x) => folded.includes(x)))) {
      c.tp++;
    } else {
      c.fp++;
    }
  }
  // Recall is over keys: a key counts as found if any prediction names it.
  const keyFound = labels.key
    .map(aliases)
    .filter((a) => predicted.some((names) => names.map(fold).some((n) => a.includes(n))));
  const recallTp = keyFound.length;
  return { tp: c.tp, fp: c.fp, fn: labels.key.length - recallTp, recallTp } as Counts & { recallTp: number };
}

function setCounts(pred: Iterable<string>, gold: Iterable<string>): Counts {
  const p = new Set(pred);
  const g = new Set(gold);
  let tp = 0;
  for (const x of p) {
    if (g.has(x)) {
      tp++;
    }
  }
  return { tp, fp: p.size - tp, fn: g.size - tp };
}

const FIELDS = ['places', 'actors', 'codes', 'states', 'figures'] as const;
type Field = (typeof FIELDS)[number];

/** Name-field counts keep precision (tp/fp over predictions) and recall (key hits) apart. */
interface NameCounts {
  ptp: number;
  pfp: number;
  rtp: number;
  rfn: number;
}

/** One table: P/R/F1 per field and language over `docs`. */
function scoreSet(title: string, docs: { id: string; text: string; label: LabelledDoc }[]): string[] {
  const out: string[] = [];
  const byLang = new Map<string, Record<Field, NameCounts>>();
  const total: Record<Field, NameCounts> = Object.fromEntries(
    FIELDS.map((f) => [f, { ptp: 0, pfp: 0, rtp: 0, rfn: 0 }]),
  ) as Record<Field, NameCounts>;
  let spanErrors = 0;
  let items = 0;
  const missingLabels: string[] = [];
  const t0 = performance.now();
  for (const { id, text, label } of docs) {
    // Offsets of our labels are computed against the text at run time; a label that is not in the
    // text is a labelling error and is reported.
    for (const l of [
      ...label.places.key,
      ...label.places.other,
      ...label.actors.key,
      ...label.actors.other,
    ]) {
      const first = l.split('|')[0] ?? '';
      if (!text.includes(first)) {
        missingLabels.push(`${id}: ${first}`);
      }
    }
    const r = extractAll(text, label.language);
    for (const it of [...r.entities, ...r.places, ...r.dates, ...r.figures]) {
      items++;
      if (text.slice(it.start, it.end) !== it.text) {
        spanErrors++;
      }
    }
    // Evidence and PII spans carry no text: they must be non-empty slices inside the document.
    for (const it of [...[...r.tactics, ...r.responses].flatMap((c) => c.evidence), ...r.pii]) {
      items++;
      if (!(it.start >= 0 && it.start < it.end && it.end <= text.length)) {
        spanErrors++;
      }
    }
    const places = scoreNames(
      r.places.map((p) => [p.text, p.name]),
      label.places,
    ) as Counts & { recallTp: number };
    const actorTypes = new Set(['person', 'organization', 'public_body', 'facility', 'channel', 'campaign']);
    const actors = scoreNames(
      r.entities.filter((e) => actorTypes.has(e.type)).map((e) => [e.text, e.canonical]),
      label.actors,
    ) as Counts & { recallTp: number };
    const codes = setCounts(
      [...r.tactics, ...r.responses].map((t) => t.code),
      label.codes,
    );
    const states = setCounts(
      [...r.states.origin.map((s) => `o:${s}`), ...r.states.host.map((s) => `h:${s}`)],
      [...label.origin.map((s) => `o:${s}`), ...label.host.map((s) => `h:${s}`)],
    );
    const values = new Set(r.figures.flatMap((f) => [f.value, f.upper ?? f.value]));
    const figHits = label.figures.filter((v) => values.has(v)).length;
    const perDoc: Record<Field, NameCounts> = {
      places: { ptp: places.tp, pfp: places.fp, rtp: places.recallTp, rfn: places.fn },
      actors: { ptp: actors.tp, pfp: actors.fp, rtp: actors.recallTp, rfn: actors.fn },
      codes: { ptp: codes.tp, pfp: codes.fp, rtp: codes.tp, rfn: codes.fn },
      states: { ptp: states.tp, pfp: states.fp, rtp: states.tp, rfn: states.fn },
      figures: { ptp: 0, pfp: 0, rtp: figHits, rfn: label.figures.length - figHits },
    };
    const lang =
      byLang.get(label.language) ??
      (Object.fromEntries(FIELDS.map((f) => [f, { ptp: 0, pfp: 0, rtp: 0, rfn: 0 }])) as Record<
        Field,
        NameCounts
      >);
    for (const f of FIELDS) {
      for (const target of [lang[f], total[f]]) {
        target.ptp += perDoc[f].ptp;
        target.pfp += perDoc[f].pfp;
        target.rtp += perDoc[f].rtp;
        target.rfn += perDoc[f].rfn;
      }
    }
    byLang.set(label.language, lang);
  }
  const ms = performance.now() - t0;

  const line = (c: NameCounts, f: Field): string => {
    const r = c.rtp + c.rfn === 0 ? NaN : c.rtp / (c.rtp + c.rfn);
    if (f === 'figures') {
      return `found ${Number.isNaN(r) ? '  – ' : r.toFixed(2)} (${c.rtp}/${c.rtp + c.rfn})`;
    }
    const p = c.ptp + c.pfp === 0 ? NaN : c.ptp / (c.ptp + c.pfp);
    const f1 = (2 * p * r) / (p + r);
    const s = (x: number) => (Number.isNaN(x) ? '  – ' : x.toFixed(2));
    return `P ${s(p)} R ${s(r)} F1 ${s(f1)}`;
  };
  out.push(`## Extraction, ${title} (${docs.length} documents, ${ms.toFixed(0)} ms)`);
  out.push(`spans equal to their text: ${items - spanErrors}/${items}`);
  if (missingLabels.length > 0) {
    out.push(`labels not found in their text (fix the labels): ${missingLabels.join('; ')}`);
  }
  out.push('');
  out.push(`| lang | docs | places | actors | tactics+responses | states | figures |`);
  out.push(`|---|---|---|---|---|---|---|`);
  const docCount = (l: string) => docs.filter((d) => d.label.language === l).length;
  for (const [l, c] of [...byLang.entries()].sort()) {
    out.push(`| ${l} | ${docCount(l)} | ${FIELDS.map((f) => line(c[f], f)).join(' | ')} |`);
  }
  out.push(`| all | ${docs.length} | ${FIELDS.map((f) => line(total[f], f)).join(' | ')} |`);
  out.push('');
  return out;
}

export function runExtractEval(): string {
  const out: string[] = [];
  const labelledDir = join(import.meta.dirname, 'extract/labelled');
  const seedDocs = (
    JSON.parse(readFileSync(join(labelledDir, 'seeds.json'), 'utf8')) as { docs: LabelledDoc[] }
  ).docs;
  const demoDocs = (
    JSON.parse(readFileSync(join(labelledDir, 'demo.json'), 'utf8')) as { docs: LabelledDoc[] }
  ).docs;
  const demo = JSON.parse(
    readFileSync(join(import.meta.dirname, '../src/demo/demo-records.json'), 'utf8'),
  ) as {
    slug: string;
    title: string;
    text: string;
  }[];
  const seedsDir = join(SHARED, 'seeds');
  const heldDocs = (
    JSON.parse(readFileSync(join(labelledDir, 'heldout.json'), 'utf8')) as { docs: LabelledDoc[] }
  ).docs;
  type Doc = { id: string; text: string; label: LabelledDoc };
  const fromDemo = (d: LabelledDoc): Doc => {
    const r = demo.find((x) => x.slug === d.demo);
    if (!r) {
      throw new Error(`demo record ${d.demo} not found`);
    }
    return { id: d.demo ?? '', text: `${r.title}\n\n${r.text}`, label: d };
  };
  const docs: Doc[] = [];
  for (const d of seedDocs) {
    const file = join(seedsDir, d.seed ?? '');
    if (!existsSync(file)) {
      out.push(`(seed ${d.seed} not found under ${seedsDir}; set LONGARM_SHARED)`);
      continue;
    }
    docs.push({ id: d.seed ?? '', text: readFileSync(file, 'utf8'), label: d });
  }
  docs.push(...demoDocs.map(fromDemo));
  const dev2 = inlineDocs(join(labelledDir, 'dev-2.json'));
  docs.push(...dev2);
  out.push(
    ...scoreSet(
      `development set: 5 seeds + 21 demo records + ${dev2.length} dev-2 texts (cue lexicons were tuned on these)`,
      docs,
    ),
  );
  out.push(...scoreSet(`dev-2 alone: ${dev2.length} texts we wrote for tuning the multilingual rules`, dev2));
  out.push(...scoreSet('held-out set: 8 demo records labelled after tuning', heldDocs.map(fromDemo)));
  const held2 = inlineDocs(join(labelledDir, 'heldout-2.json'));
  out.push(
    ...scoreSet(
      `held-out set 2: ${held2.length} articles we wrote in ${new Set(held2.map((d) => d.label.language)).size} languages, never tuned on`,
      held2,
    ),
  );

  out.push(...unerPlaces());
  out.push('');
  out.push(...recognizerDates());
  return out.join('\n');
}

/** Labelled documents whose text is stored inline (`id` + `text`). */
export function inlineDocs(file: string): { id: string; text: string; label: LabelledDoc }[] {
  if (!existsSync(file)) {
    return [];
  }
  return (JSON.parse(readFileSync(file, 'utf8')) as { docs: LabelledDoc[] }).docs.map((d) => ({
    id: d.id ?? '',
    text: d.text ?? '',
    label: d,
  }));
}

/** Places against UNER LOC: distinct folded strings per sentence (string-level, like BASELINES.md). */
function unerPlaces(): string[] {
  const dir = join(SHARED, 'eval/nlp/ner/uner-v1-test');
  if (!existsSync(dir)) {
    return [`(UNER data not found under ${dir})`];
  }
  const files: [string, string, string][] = [
    ['en', 'en_pud-ud-test.iob2', 'en_pud'],
    ['en', 'en_ewt-ud-test.iob2', 'en_ewt'],
    ['de', 'de_pud-ud-test.iob2', 'de_pud'],
    ['sv', 'sv_pud-ud-test.iob2', 'sv_pud'],
    ['pt', 'pt_pud-ud-test.iob2', 'pt_pud'],
    ['ru', 'ru_pud-ud-test.iob2', 'ru_pud'],
    ['zh', 'zh_gsdsimp-ud-test.iob2', 'zh_gsdsimp'],
    ['zh', 'zh_pud-ud-test.iob2', 'zh_pud (traditional)'],
  ];
  const out = [
    '## Places vs UNER v1 LOC (gazetteer only; string match per sentence)',
    '',
    '| set | sentences | LOC P/R/F1 |',
    '|---|---|---|',
  ];
  for (const [lang, file, name] of files) {
    const c = zero();
    let n = 0;
    for (const block of readFileSync(join(dir, file), 'utf8').split(/\n\s*\n/)) {
      const text = /^# text = (.*)$/m.exec(block)?.[1];
      if (!text) {
        continue;
      }
      n++;
      const gold: string[] = [];
      let cur: string[] | undefined;
      for (const row of block.split('\n')) {
        if (row.startsWith('#') || !row.trim()) {
          continue;
        }
        const [, tok = '', tag = 'O'] = row.split('\t');
        if (tag === 'B-LOC') {
          if (cur) {
            gold.push(cur.join(lang === 'zh' ? '' : ' '));
          }
          cur = [tok];
        } else if (tag === 'I-LOC' && cur) {
          cur.push(tok);
        } else if (cur) {
          gold.push(cur.join(lang === 'zh' ? '' : ' '));
          cur = undefined;
        }
      }
      if (cur) {
        gold.push(cur.join(lang === 'zh' ? '' : ' '));
      }
      const norm = (s: string) => fold(s).replace(/[^\p{L}\p{N}]/gu, '');
      const g = new Set(gold.map(norm));
      const p = new Set(extractAll(text, lang).places.map((x) => norm(x.text)));
      add(c, setCounts(p, g));
    }
    out.push(`| ${name} | ${n} | ${fmt(c)} |`);
  }
  return out;
}

/** Dates against Recognizers-Text DateTimeModel specs: date mentions whose span we overlap, and exact values. */
function recognizerDates(): string[] {
  const dir = join(SHARED, 'eval/nlp/dates-numbers/recognizers-text-specs/DateTime');
  if (!existsSync(dir)) {
    return [`(date specs not found under ${dir})`];
  }
  const langs: [string, string][] = [
    ['en', 'English'],
    ['zh', 'Chinese'],
    ['nl', 'Dutch'],
    ['fr', 'French'],
    ['de', 'German'],
    ['es', 'Spanish'],
    ['it', 'Italian'],
    ['pt', 'Portuguese'],
    ['ja', 'Japanese'],
    ['tr', 'Turkish'],
    ['ar', 'Arabic'],
  ];
  const out = [
    '## Dates vs Recognizers-Text DateTimeModel (datetimeV2.date mentions)',
    '',
    '| lang | mentions | span found | value equal |',
    '|---|---|---|---|',
  ];
  for (const [lang, folder] of langs) {
    const file = join(dir, folder, 'DateTimeModel.json');
    if (!existsSync(file)) {
      continue;
    }
    const cases = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as {
      Input: string;
      Context?: { ReferenceDateTime?: string };
      Results?: {
        Start: number;
        End: number;
        TypeName: string;
        Resolution?: { values?: { value?: string }[] };
      }[];
    }[];
    let gold = 0;
    let found = 0;
    let exact = 0;
    for (const c of cases) {
      const golds = (c.Results ?? []).filter((r) => r.TypeName === 'datetimeV2.date');
      if (golds.length === 0) {
        continue;
      }
      const ref = c.Context?.ReferenceDateTime ? new Date(c.Context.ReferenceDateTime) : undefined;
      const pred = extractAll(c.Input, lang, { referenceDate: ref }).dates;
      for (const g of golds) {
        gold++;
        const hit = pred.find((p) => p.start <= g.End && g.Start < p.end);
        if (hit) {
          found++;
          if ((g.Resolution?.values ?? []).some((v) => v.value === hit.value)) {
            exact++;
          }
        }
      }
    }
    out.push(`| ${lang} | ${gold} | ${(found / gold).toFixed(3)} | ${(exact / gold).toFixed(3)} |`);
  }
  return out;
}
