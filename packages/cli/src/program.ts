import { Command, CommanderError, Option } from 'commander';
import { AppError, loadConfig } from '@longarm/core';
import { openBackend, type Backend } from './backend.ts';
import { EXIT_CODE, EXIT_DONE, EXIT_NOTHING_DONE, EXIT_PARTLY_DONE } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { formatDocument, formatIngestSummary, formatSearch } from './format.ts';

/** Thrown by commands to end with an exit code after their output is written. */
export class ExitSignal extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The commander program; every command opens the core lazily and closes it when done. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('longarm')
    .description('Investigate and document transnational repression: ingest, search and share evidence.')
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError()
    .configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) });

  const withCore = async <T>(holder: string, fn: (backend: Backend) => Promise<T>): Promise<T> => {
    const backend = await openBackend(loadConfig(io.env), holder);
    try {
      return await fn(backend);
    } finally {
      await backend.close();
    }
  };

  program
    .command('ingest')
    .description('ingest files and folders (recursively); the same file twice is stored once')
    .argument('<paths...>', 'files or folders')
    .option('--json', 'print the report as JSON on stdout')
    .addOption(
      new Option('--workers <n>', 'worker threads for parsing').default('1').argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 64) {
          throw new AppError('invalid_input', `--workers takes a whole number from 1 to 64, not "${v}"`);
        }
        return n;
      }),
    )
    .action(async (paths: string[], opts: { json?: boolean }) => {
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
          return await core.ingestPaths(paths, (p) => bar?.update(p.done));
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

  program
    .command('search')
    .description('full-text search in any script; typos in names are corrected')
    .argument('<query...>', 'words to find (quotes for a phrase, OR, -word)')
    .option('--json', 'print the response as JSON')
    .option('--lang <codes>', 'only these languages, comma-separated')
    .option('--from <date>', 'published on or after (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'published on or before')
    .option('--limit <n>', 'results per page', '20')
    .option('--offset <n>', 'results to skip', '0')
    .action(
      async (
        words: string[],
        opts: { json?: boolean; lang?: string; from?: string; to?: string; limit: string; offset: string },
      ) => {
        const { SearchRequestSchema } = await import('@longarm/contracts');
        const parsed = SearchRequestSchema.safeParse({
          q: words.join(' '),
          lang: opts.lang,
          from: opts.from,
          to: opts.to,
          limit: opts.limit,
          offset: opts.offset,
        });
        if (!parsed.success) {
          throw new AppError(
            'invalid_input',
            parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
          );
        }
        const result = await withCore('longarm search', (core) => core.search(parsed.data));
        io.out(opts.json ? json(result) : formatSearch(result));
      },
    );

  program
    .command('show')
    .description('print one document')
    .argument('<id>', 'document id (doc_…)')
    .option('--json', 'print the document as JSON')
    .option('--q <query>', 'mark where these words occur')
    .action(async (id: string, opts: { json?: boolean; q?: string }) => {
      const doc = await withCore('longarm show', (core) => core.getDocument(id, opts.q));
      io.out(opts.json ? json(doc) : formatDocument(doc));
    });

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

  program
    .command('serve')
    .description(
      'serve the web app and API (PORT, default 8080); loads the demo workspace into an empty store',
    )
    .action(async () => {
      const config = loadConfig(io.env);
      const { startServer } = await import('@longarm/server');
      const server = await startServer(config);
      io.err(
        `longarm is serving ${server.url} (data: ${config.databaseUrl ? 'PostgreSQL' : config.dataDir})\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

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

  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending schema migrations (every command also does this on start)')
    .action(async () => {
      await withCore('longarm db migrate', () => Promise.resolve());
      io.out('database is up to date\n');
    });

  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  program.exitOverride();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_DONE;
  } catch (e) {
    if (e instanceof ExitSignal) {
      return e.exitCode;
    }
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT_DONE : EXIT_NOTHING_DONE;
    }
    if (e instanceof AppError) {
      io.err(`longarm: ${e.message}\n`);
      if (debug) {
        io.err(`${e.stack ?? ''}\n`);
      }
      return EXIT_CODE[e.code];
    }
    io.err(
      `longarm: internal error: ${(e as Error).message}${debug ? `\n${(e as Error).stack ?? ''}` : ' (run again with --debug for details)'}\n`,
    );
    return EXIT_NOTHING_DONE;
  }
}
