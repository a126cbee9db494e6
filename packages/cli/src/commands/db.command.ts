import type { CommandContext } from './context.ts';

export function registerDbCommand({ program, io, withCore }: CommandContext): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending schema migrations (every command also does this on start)')
    .action(async () => {
      await withCore('longarm db migrate', () => Promise.resolve());
      io.out('database is up to date\n');
    });
}
