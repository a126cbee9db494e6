import { AppError, createCore, loadConfig, mustEnrolTwoFactor } from '@longarm/core';
import type { CommandContext } from './context.ts';

/** The password from stdin: one trailing newline (LF or CRLF) is not part of it. */
export const passwordFromStdin = (raw: string): string => raw.replace(/\r?\n$/, '');

export function registerUsersCommand({ program, io, json }: CommandContext): void {
  const users = program
    .command('users')
    .description('accounts (roles: owner, admin, analyst, reviewer, viewer)');
  // Accounts are managed on the store directly: local access to the data folder is full access.
  const withAccounts = async <T>(
    fn: (a: Awaited<ReturnType<typeof createCore>>['services']['accounts']) => Promise<T>,
  ) => {
    const core = await createCore(loadConfig(io.env), { holder: 'longarm users' });
    try {
      return await fn(core.services.accounts);
    } finally {
      await core.close();
    }
  };
  users
    .command('add')
    .description('create an account')
    .requiredOption('--email <email>', 'e-mail address (the login name)')
    .requiredOption('--role <role>', 'owner, admin, analyst, reviewer or viewer')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print the account as JSON')
    .action(async (opts: { email: string; role: string; passwordStdin?: boolean; json?: boolean }) => {
      if (!opts.passwordStdin || !io.readStdin) {
        throw new AppError(
          'invalid_input',
          'give the password on standard input with --password-stdin (never on the command line)',
        );
      }
      const password = passwordFromStdin(await io.readStdin());
      const user = await withAccounts((a) => a.addUser({ email: opts.email, role: opts.role, password }));
      const note = mustEnrolTwoFactor(user)
        ? '; its first login asks it to set up an authenticator app (required for owners and admins)'
        : '';
      io.out(opts.json ? json(user) : `created ${user.email} (${user.role})${note}\n`);
    });
  users
    .command('list')
    .description('list accounts')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await withAccounts((a) => a.listUsers());
      io.out(
        opts.json
          ? json(list)
          : list
              .map(
                (u) =>
                  `${u.email}  ${u.role}${u.twoFactor ? '  2fa' : mustEnrolTwoFactor(u) ? '  (2fa not set up yet)' : ''}${u.disabled ? '  (disabled)' : ''}\n`,
              )
              .join(''),
      );
    });
  users
    .command('reset-2fa')
    .description(
      "forget an account's authenticator (a lost phone) and end its sessions; it enrols again at its next login",
    )
    .requiredOption('--email <email>', 'the account')
    .option('--json', 'print the account as JSON')
    .action(async (opts: { email: string; json?: boolean }) => {
      const user = await withAccounts((a) => a.resetTwoFactor(opts.email));
      io.out(
        opts.json ? json(user) : `${user.email}: authenticator removed; the next login sets up a new one\n`,
      );
    });
}
