import { AppError } from '@longarm/core';
import { formatSearch } from '../format.ts';
import type { CommandContext } from './context.ts';

export function registerSearchCommand({ program, io, withCore, json }: CommandContext): void {
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
}
