import { formatDocument } from '../format.ts';
import type { CommandContext } from './context.ts';

export function registerShowCommand({ program, io, withCore, json }: CommandContext): void {
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
}
