import { EXIT_PARTLY_DONE } from '../exit-codes.ts';
import { formatIngestSummary } from '../format.ts';
import type { CommandContext } from './context.ts';

export function registerDemoCommand({ program, io, withCore, ExitSignal, json }: CommandContext): void {
  const demo = program.command('demo').description('the demo workspace');
  demo
    .command('load')
    .description('load the demo case records (already loaded ones are skipped)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const report = await withCore('longarm demo load', (core) => core.loadDemo());
      const { runId, ...contract } = report;
      io.out(opts.json ? json({ ...contract, run: runId }) : formatIngestSummary(report));
      if (report.failed.length > 0) {
        throw new ExitSignal(EXIT_PARTLY_DONE);
      }
    });
}
