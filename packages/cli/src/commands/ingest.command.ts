import { Option } from 'commander';
import { AppError } from '@longarm/core';
import { EXIT_NOTHING_DONE, EXIT_PARTLY_DONE } from '../exit-codes.ts';
import { formatIngestSummary } from '../format.ts';
import type { CommandContext } from './context.ts';

export function registerIngestCommand({ program, io, withCore, ExitSignal, json }: CommandContext): void {
  program
    .command('ingest')
    .description('ingest files and folders (recursively); the same file twice is stored once')
    .argument('<paths...>', 'files or folders')
    .option('--json', 'print the report as JSON on stdout')
    .option('--no-extract', 'index only; `longarm extract --pending` extracts later')
    .addOption(
      new Option('--workers <n>', 'parse in N worker threads (1: in this thread)')
        .default(1)
        .argParser((v) => {
          const n = Number(v);
          if (!Number.isInteger(n) || n < 1 || n > 64) {
            throw new AppError('invalid_input', `--workers takes a whole number from 1 to 64, not "${v}"`);
          }
          return n;
        }),
    )
    .action(async (paths: string[], opts: { json?: boolean; workers: number; extract: boolean }) => {
      const report = await withCore('longarm ingest', async (core) => {
        let bar: { update(n: number): void; stop(): void } | undefined;
        if (io.isTty && !opts.json) {
          const { SingleBar, Presets } = await import('cli-progress');
          const b = new SingleBar(
            { format: 'ingest {value} files | {file}', stream: process.stderr, clearOnComplete: true },
            Presets.shades_classic,
          );
          b.start(0, 0, { file: '' });
          bar = { update: (n) => b.update(n), stop: () => b.stop() };
        }
        try {
          return await core.ingestPaths(paths, (p) => bar?.update(p.done), {
            workers: opts.workers,
            extract: opts.extract,
          });
        } finally {
          bar?.stop();
        }
      });
      const { runId, ...contract } = report;
      io.out(opts.json ? json({ ...contract, run: runId }) : formatIngestSummary(report));
      if (report.failed.length > 0) {
        throw new ExitSignal(
          report.ingested.length + report.duplicates.length > 0 ? EXIT_PARTLY_DONE : EXIT_NOTHING_DONE,
        );
      }
    });
}
