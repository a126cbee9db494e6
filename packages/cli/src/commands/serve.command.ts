import { loadConfig } from '@longarm/core';
import type { CommandContext } from './context.ts';

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
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
