import type { RunRecord } from '@longarm/core';
import type { CommandContext } from './context.ts';

interface ReportShape {
  ingested?: { path: string; id: string; language: string }[];
  duplicates?: { path: string; of: string }[];
  failed?: { path: string; code: string; message: string }[];
  warnings?: { path: string; message: string; where?: string }[];
}

const counts = (r: RunRecord): string => {
  const rep = r.report as ReportShape;
  const state = r.finishedAt ? '' : ' (interrupted or running)';
  return `ingested ${rep.ingested?.length ?? 0}, duplicates ${rep.duplicates?.length ?? 0}, failed ${rep.failed?.length ?? 0}${state}`;
};

export function registerRunsCommand({ program, io, withCore, json }: CommandContext): void {
  const runs = program
    .command('runs')
    .description('list ingest runs and their reports')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await withCore('longarm runs', (core) => core.listRuns());
      if (opts.json) {
        io.out(json(list));
        return;
      }
      for (const r of list) {
        io.out(`${r.id}  ${r.startedAt}  ${r.command}  ${counts(r)}\n`);
      }
    });

  runs
    .command('show')
    .description('one run: every file with what became of it')
    .argument('<id>', 'run id (run_…)')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const r = await withCore('longarm runs show', (core) => core.getRun(id));
      if (opts.json) {
        io.out(json(r));
        return;
      }
      const rep = r.report as ReportShape;
      const lines = [
        `${r.id}  ${r.command}`,
        `started ${r.startedAt}, finished ${r.finishedAt ?? '—'}: ${counts(r)}`,
      ];
      for (const i of rep.ingested ?? []) {
        lines.push(`  ingested   ${i.path}  ${i.id}  ${i.language}`);
      }
      for (const d of rep.duplicates ?? []) {
        lines.push(`  duplicate  ${d.path}  of ${d.of}`);
      }
      for (const f of rep.failed ?? []) {
        lines.push(`  failed     ${f.path}  ${f.message} [${f.code}]`);
      }
      for (const w of rep.warnings ?? []) {
        lines.push(`  warning    ${w.path}${w.where ? ` (${w.where})` : ''}  ${w.message}`);
      }
      io.out(`${lines.join('\n')}\n`);
    });
}
