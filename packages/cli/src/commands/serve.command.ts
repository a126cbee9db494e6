import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@longarm/core';
import type { CommandContext } from './context.ts';

/**
 * The first start of a workspace creates its owner. A terminal gets the password once; when
 * standard error is not a terminal (a service manager whose journal keeps everything), the password
 * goes to a file only the data folder's user can read, and the terminal gets its path.
 */
export function firstOwnerNotice(
  url: string,
  owner: { email: string; password: string },
  dataDir: string,
  isTty = process.stderr.isTTY === true,
): string {
  const head = `First start: created the owner account ${owner.email}.`;
  const after = `Log in at ${url}/login; the first login asks you to set up an authenticator app.`;
  if (isTty) {
    return `${head}\nIts password, shown this once and never again:\n\n    ${owner.password}\n\n${after}\n`;
  }
  const file = join(dataDir, 'first-owner-password.txt');
  rmSync(file, { force: true }); // a file left from before could have looser permissions
  writeFileSync(file, `${owner.email}\n${owner.password}\n`, { mode: 0o600, flag: 'wx' });
  return `${head}\nIts password is in ${file} (readable by this user only); delete the file after the first login.\n${after}\n`;
}

export function registerServeCommand({ program, io }: CommandContext): void {
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
      if (server.firstOwner) {
        io.err(firstOwnerNotice(server.url, server.firstOwner, config.dataDir));
      }
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
