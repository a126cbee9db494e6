import { readFile } from 'node:fs/promises';
import { AppError, createExtractService } from '@longarm/core';
import type { CommandContext } from './context.ts';

/** `longarm extract <file> --json [--with-text]`: the whole pipeline on one file, nothing stored. */
export function registerExtractCommand({ program, io, json }: CommandContext): void {
  program
    .command('extract')
    .description(
      'extract entities, places, dates, figures, tactics and responses from one file (stores nothing)',
    )
    .argument('<file>', 'the file to read')
    .option('--json', 'print the result as JSON (the only output format for now)')
    .option('--with-text', 'include the extracted text')
    .action(async (file: string, opts: { json?: boolean; withText?: boolean }) => {
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
    });
}
