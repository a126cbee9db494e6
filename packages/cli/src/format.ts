import type { DocumentResponse, SearchResponse, TextSegment } from '@longarm/contracts';
import type { IngestReport } from '@longarm/core';

const segments = (parts: TextSegment[]): string =>
  parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join('');

export function formatIngestSummary(report: IngestReport & { runId: string }): string {
  const lines = [
    `ingested ${report.ingested.length}, duplicates ${report.duplicates.length}, failed ${report.failed.length} (run ${report.runId})`,
  ];
  for (const f of report.failed) {
    lines.push(`  failed  ${f.path}: ${f.message} [${f.code}]`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatSearch(r: SearchResponse): string {
  const lines: string[] = [];
  for (const c of r.corrections) {
    lines.push(`(no match for "${c.from}"; showing results for "${c.to}")`);
  }
  lines.push(`${r.total} result${r.total === 1 ? '' : 's'} for "${r.query}"`);
  r.hits.forEach((h, i) => {
    lines.push(
      '',
      `${i + 1}. ${h.title}`,
      `   ${h.id}  ${h.language}  ${h.publishedAt ?? 'no date'}  ${h.outlet ?? ''}`.trimEnd(),
    );
    lines.push(`   ${segments(h.snippet)}`);
  });
  return `${lines.join('\n')}\n`;
}

export function formatDocument(d: DocumentResponse): string {
  const meta = [
    `id:        ${d.id}`,
    `title:     ${d.title}`,
    `language:  ${d.language}`,
    `published: ${d.publishedAt ?? '—'}`,
    `outlet:    ${d.outlet ?? '—'}`,
    `url:       ${d.url ?? '—'}`,
    `type:      ${d.mediaType} (${d.byteSize} bytes, sha256 ${d.sha256})`,
    `files:     ${d.fileNames.join(', ') || '—'}`,
  ];
  return `${meta.join('\n')}\n\n${d.text}\n`;
}
