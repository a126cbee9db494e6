// Builds what runs in production: the CLI+server bundle (dist/longarm.mjs) and the web app (dist/web).
// Runs from `npm ci` (prepare) and `npm run build`. Third-party packages stay in node_modules.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const deps = new Set();
for (const p of ['core', 'server', 'cli', 'contracts']) {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8'));
  for (const d of Object.keys(pkg.dependencies ?? {})) {
    if (!d.startsWith('@longarm/')) {
      deps.add(d);
    }
  }
}
const started = Date.now();
await build({
  entryPoints: {
    longarm: join(root, 'packages/cli/src/main.ts'),
    // Worker threads load this file from beside the bundle (see core pipeline/preparer.ts).
    'prepare-worker': join(root, 'packages/core/src/pipeline/prepare.worker.ts'),
  },
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  external: [...deps].flatMap((d) => [d, `${d}/*`]),
  logLevel: 'warning',
});
console.log(`build: dist/longarm.mjs and dist/prepare-worker.mjs in ${Date.now() - started} ms`);

if (!process.argv.includes('--no-web')) {
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'packages/web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) {
    process.exit(r.status ?? 1);
  }
  console.log('build: dist/web');
}
