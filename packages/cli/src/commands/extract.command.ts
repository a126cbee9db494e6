import { readFile } from 'node:fs/promises';
import { AppError, createCore, createExtractService, loadConfig } from '@longarm/core';
import type { CommandContext } from './context.ts';

/**
 * `longarm extract <file> --json [--with-text]`: the whole pipeline on one file, nothing stored.
 * `longarm extract --pending [--limit N] [--json]`: the stored documents that were indexed but not
 * yet extracted (ingested with --no-extract, or before extraction existed) get their suggestions.
 */
export function registerExtractCommand({ program, io, json }: CommandContext): void {
  program
    .command('extract')
    .description(
      'extract entities, places, dates, figures, tactics and responses from one file (stores nothing)',
    )
    .argument('[file]', 'the file to read')
    .option('--json', 'print the result as JSON (the only output format for now)')
    .option('--with-text', 'include the extracted text')
    .option(
      '--pending',
      'instead of a file: extract the stored documents still waiting, and store the suggestions',
    )
    .option('--limit <n>', 'with --pending: at most this many documents')
    .action(
      async (
        file: string | undefined,
        opts: { json?: boolean; withText?: boolean; pending?: boolean; limit?: string },
      ) => {
        if (opts.pending) {
          if (file !== undefined) {
            throw new AppError('invalid_input', 'give either a file or --pending, not both');
          }
          const limit = opts.limit === undefined ? undefined : Number(opts.limit);
          if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
            throw new AppError(
              'invalid_input',
              `--limit takes a positive whole number, not "${opts.limit ?? ''}"`,
            );
          }
          // Reads and writes the store directly: local access to the data folder is full access.
          const core = await createCore(loadConfig(io.env), { holder: 'longarm extract --pending' });
          try {
            const report = await core.services.enrich.extractPending(limit);
            io.out(
              opts.json
                ? json(report)
                : `extracted ${report.extracted} documents (${report.mentions} mentions, ${report.claims} claims), ${report.failed.length} failed, ${report.remaining} still waiting\n` +
                    report.failed.map((f) => `  ${f.id}: ${f.message}\n`).join(''),
            );
          } finally {
            await core.close();
          }
          return;
        }
        if (file === undefined) {
          throw new AppError(
            'invalid_input',
            'give the file to extract from, or --pending for stored documents',
          );
        }
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          throw new AppError(
            code === 'ENOENT' ? 'not_found' : 'invalid_input',
            `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}; give the path of a readable file`,
          );
        }
        // No database: the extract service needs none, so the store is never opened (or locked).
        const { text, ...rest } = await createExtractService({}).extractFile(bytes, file);
        const { language, title, ...extraction } = rest;
        const result = opts.withText
          ? { language, title, text, ...extraction }
          : { language, title, ...extraction };
        io.out(json(result));
      },
    );
}
