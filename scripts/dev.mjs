// Development: the API server (restarted on change by tsx) and the Vite dev server with a proxy to it.
import { spawn } from 'node:child_process';

const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'packages/cli/src/main.ts', 'serve'], {
    stdio: 'inherit',
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'packages/web/vite.config.ts'], {
    stdio: 'inherit',
  }),
];
const stop = () => {
  for (const c of children) {
    c.kill('SIGTERM');
  }
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const c of children) {
  c.once('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
