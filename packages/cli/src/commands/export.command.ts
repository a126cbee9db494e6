import { Option } from 'commander';
import type { CommandContext } from './context.ts';

export function registerExportCommand({ program, io, withCore }: CommandContext): void {
  program
    .command('export')
    .description('export exactly the records a filter shows')
    .addOption(
      new Option('--type <type>', 'what to export')
        .choices(['documents', 'entities', 'incidents', 'facilities', 'claims', 'list-entries'])
        .default('documents'),
    )
    .addOption(
      new Option('--format <format>', 'file format')
        .choices(['csv', 'xlsx', 'geojson', 'ftm'])
        .default('csv'),
    )
    .option('--query <search>', 'only records matching this search')
    .option('--lang <codes>', 'only these languages, comma-separated')
    .option('--from <date>', 'published on or after')
    .option('--to <date>', 'published on or before')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(
      async (opts: {
        type: 'documents';
        format: 'csv';
        query?: string;
        lang?: string;
        from?: string;
        to?: string;
        out?: string;
      }) => {
        await withCore('longarm export', async (core) => {
          const lines = core.exportRecords({
            type: opts.type,
            format: opts.format,
            query: opts.query,
            languages: opts.lang?.split(',').filter(Boolean),
            from: opts.from,
            to: opts.to,
          });
          if (opts.out) {
            const { open, rename } = await import('node:fs/promises');
            const tmp = `${opts.out}.partial`;
            const file = await open(tmp, 'w');
            try {
              for await (const line of lines) {
                await file.write(line);
              }
            } finally {
              await file.close();
            }
            await rename(tmp, opts.out);
          } else {
            for await (const line of lines) {
              io.out(line);
            }
          }
        });
      },
    );
}
