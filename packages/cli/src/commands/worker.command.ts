import { createCore, loadConfig } from '@longarm/core';
import { Option } from 'commander';
import type { CommandContext } from './context.ts';

export function registerWorkerCommand({ program, io }: CommandContext): void {
  program
    .command('worker')
    .description(
      'take ingest jobs from the shared queue (PostgreSQL, DATABASE_URL) until stopped; run one per machine or core',
    )
    .addOption(
      new Option('--workers <n>', 'parse in N worker threads (1: in this thread)')
        .default(1)
        .argParser(Number),
    )
    .addOption(new Option('--batch <n>', 'jobs taken at a time').default(16).argParser(Number))
    .action(async (opts: { workers: number; batch: number }) => {
      const core = await createCore(loadConfig(io.env), { holder: 'longarm worker' });
      try {
        const worker = await core.services.ingest.startWorker({
          workers: opts.workers,
          batchSize: opts.batch,
        });
        io.err(`longarm worker ${process.pid} is taking ingest jobs; stop it with Ctrl-C or SIGTERM\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await worker.stop();
      } finally {
        await core.close();
      }
    });
}
