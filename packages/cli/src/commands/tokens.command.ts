import { AppError, createCore, loadConfig } from '@longarm/core';
import type { CommandContext } from './context.ts';

/** API tokens for scripts, managed on the store directly (local access to the data folder is full access). */
export function registerTokensCommand({ program, io, json }: CommandContext): void {
  const tokens = program
    .command('tokens')
    .description('API tokens (Authorization: Bearer …) bound to an account, scoped and expiring');
  const withAccounts = async <T>(
    fn: (a: Awaited<ReturnType<typeof createCore>>['services']['accounts']) => Promise<T>,
  ) => {
    const core = await createCore(loadConfig(io.env), { holder: 'longarm tokens' });
    try {
      return await fn(core.services.accounts);
    } finally {
      await core.close();
    }
  };
  tokens
    .command('add')
    .description('create a token and print it once (only its hash is kept)')
    .requiredOption('--email <email>', 'the account the token acts for')
    .option('--scope <scope>', 'read (read only) or write (everything the account may do)', 'read')
    .option('--days <n>', 'days until it expires (1 to 365)', '30')
    .option('--label <text>', 'what the token is for')
    .option('--json', 'print as JSON')
    .action(async (opts: { email: string; scope: string; days: string; label?: string; json?: boolean }) => {
      const days = Number(opts.days);
      if (!/^\d+$/.test(opts.days)) {
        throw new AppError('invalid_input', `--days must be a whole number, not "${opts.days}"`);
      }
      const { token, info } = await withAccounts((a) =>
        a.createToken({
          email: opts.email,
          scope: opts.scope,
          days,
          ...(opts.label ? { label: opts.label } : {}),
        }),
      );
      io.out(
        opts.json
          ? json({ token, ...info })
          : `${token}\n(${info.id}, ${info.scope}, for ${info.email}, expires ${info.expiresAt}; shown once)\n`,
      );
    });
  tokens
    .command('list')
    .description('list tokens (never the tokens themselves)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await withAccounts((a) => a.listTokens());
      io.out(
        opts.json
          ? json(list)
          : list
              .map(
                (t) =>
                  `${t.id}  ${t.email}  ${t.scope}  expires ${t.expiresAt}${t.label ? `  ${t.label}` : ''}\n`,
              )
              .join(''),
      );
    });
  tokens
    .command('revoke')
    .description('delete a token at once')
    .argument('<id>', 'the token id (tok_…) from tokens list')
    .action(async (id: string) => {
      await withAccounts((a) => a.revokeToken(id));
      io.out(`revoked ${id}\n`);
    });
}
