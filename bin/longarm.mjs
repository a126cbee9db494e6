#!/usr/bin/env node
// Entry point of `npx longarm` and `npm start`. Runs the built CLI on Node 22 or newer: when started
// by an older system Node, it hands over to the Node 22 that the `node` devDependency installs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  const local = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
  if (!existsSync(local)) {
    process.stderr.write(
      `longarm: needs Node.js 22 or newer (this is ${process.version}); run npm ci first\n`,
    );
    process.exit(1);
  }
  const r = spawnSync(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
const built = join(root, 'dist', 'longarm.mjs');
if (!existsSync(built)) {
  process.stderr.write('longarm: the CLI is not built; run `npm run build` (npm ci does it)\n');
  process.exit(1);
}
await import(built);
