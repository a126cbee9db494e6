import type { RunId } from '../domain/ids.ts';
import type { SourceFile } from '../pipeline/ingest.ts';
import type { IngestReport } from '../pipeline/ingest.ts';
import records from '../demo/demo-records.json' with { type: 'json' };
import type { IngestService } from './ingest.service.ts';

export interface DemoRecord {
  slug: string;
  title: string;
  language: string;
  case: string;
  published: string;
  outlet: string;
  /** Null only where no stable address of the report is known; outlet and date then identify it. */
  url: string | null;
  text: string;
}

export const DEMO_RECORDS: readonly DemoRecord[] = records;

/** A demo record as a text file: headline, body, and where the facts come from. */
export function toDemoSource(r: DemoRecord): SourceFile {
  const body = `${r.title}\n\n${r.text.trim()}\n\nSource: ${r.outlet}, ${r.url ?? r.published}\n`;
  return {
    path: `demo/${r.slug}.txt`,
    bytes: new TextEncoder().encode(body),
    known: {
      title: r.title,
      language: r.language,
      ...(r.url ? { url: r.url } : {}),
      outlet: r.outlet,
      publishedAt: r.published,
      sourceKind: 'case_record',
      sensitivity: 'public',
      metadata: { demoCase: r.case, demoSlug: r.slug },
    },
  };
}

export interface DemoService {
  /** Loads the demo workspace; records already present are reported as duplicates. */
  load(): Promise<IngestReport & { runId: RunId }>;
}

export function createDemoService({ ingest }: { ingest: IngestService }): DemoService {
  return { load: () => ingest.ingestSources(DEMO_RECORDS.map(toDemoSource), 'demo load') };
}
