import type { CommandContext } from './context.ts';

export function registerRunsCommand({ program, io, withCore, json }: CommandContext): void {
  program
    .command('runs')
    .description('list ingest runs and their reports')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const runs = await withCore('longarm runs', (core) => core.listRuns());
      if (opts.json) {
        io.out(json(runs));
        return;
      }
      for (const r of runs) {
        const rep = r.report as { ingested?: unknown[]; duplicates?: unknown[]; failed?: unknown[] };
        io.out(
          `${r.id}  ${r.startedAt}  ${r.command}  ingested ${rep.ingested?.length ?? 0}, duplicates ${rep.duplicates?.length ?? 0}, failed ${rep.failed?.length ?? 0}\n`,
        );
      }
    });
}
