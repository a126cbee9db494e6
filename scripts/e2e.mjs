// Browser tests end to end: builds the web app if needed, starts a fresh `longarm serve` on a free
// port with its own data folder (the demo workspace loads into it), runs the vitest e2e suite in
// Debian's chromium against it, stops the server and exits with vitest's code.
//   npm run test:e2e                     PORT and LONGARM_DATA are honoured when set
//   npm run test:e2e -- --screenshot     also writes docs/screenshot-search.png
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// vitest and the server need Node 22; `npm run` puts the `node` devDependency first on PATH already.
const localNode = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
const node =
  Number(process.versions.node.split('.')[0]) >= 22 || !existsSync(localNode) ? process.execPath : localNode;
const HEALTH_TIMEOUT_MS = 90_000;
const args = process.argv.slice(2);
const screenshot = args.includes('--screenshot');
const vitestArgs = args.filter((a) => a !== '--screenshot');

/** Runs a command to completion; resolves with its exit code. */
function run(cmd, cmdArgs, env = process.env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

function findFreePort() {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePromise(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function isHealthy(baseUrl) {
  try {
    const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
    const body = await res.json();
    return res.ok && body?.status === 'ok';
  } catch {
    return false; // not listening yet
  }
}

/** Newest modification time under `path` (a file or a folder), in ms. */
function newestMtime(path) {
  if (!existsSync(path)) {
    return 0;
  }
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** The web build is missing, or older than its sources (tests must not run against a stale bundle). */
function isWebBuildStale() {
  const built = join(root, 'dist/web/index.html');
  if (!existsSync(built)) {
    return true;
  }
  const web = join(root, 'packages/web');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => newestMtime(join(web, p)));
  return Math.max(...sources) > statSync(built).mtimeMs;
}

async function main() {
  if (isWebBuildStale()) {
    console.log('e2e: building the web app (dist/web)');
    const code = await run(node, [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'packages/web/vite.config.ts',
    ]);
    if (code !== 0) {
      return code;
    }
  }
  {
    // Always: bundling the CLI and server takes well under a second, and a stale one tests old code.
    console.log('e2e: building the CLI (dist/longarm.mjs)');
    const code = await run(node, [join(root, 'scripts/build.mjs'), '--no-web']);
    if (code !== 0) {
      return code;
    }
  }

  const port = process.env.PORT ? Number(process.env.PORT) : await findFreePort();
  const ownData = !process.env.LONGARM_DATA;
  const dataDir = process.env.LONGARM_DATA ?? (await mkdtemp(join(tmpdir(), 'longarm-e2e-')));
  const baseUrl = `http://127.0.0.1:${port}`;
  if (await isHealthy(baseUrl)) {
    console.error(
      `e2e: something already answers on port ${port}; the tests need a fresh server. Set PORT or free it.`,
    );
    return 1;
  }

  // A throwaway account for the pages that need a login (ingest runs).
  const account = {
    email: `e2e-${randomBytes(4).toString('hex')}@example.org`,
    password: randomBytes(18).toString('base64url'),
  };
  const added = spawnSync(
    node,
    [
      join(root, 'bin/longarm.mjs'),
      'users',
      'add',
      '--email',
      account.email,
      '--role',
      'analyst',
      '--password-stdin',
    ],
    {
      cwd: root,
      env: { ...process.env, LONGARM_DATA: dataDir },
      input: `${account.password}\n`,
      encoding: 'utf8',
    },
  );
  if (added.status !== 0) {
    console.error(`e2e: could not create the test account: ${added.stderr}`);
    return 1;
  }

  console.log(`e2e: starting longarm serve on ${baseUrl} (data: ${dataDir})`);
  const server = spawn(node, [join(root, 'bin/longarm.mjs'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LONGARM_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  let exited = false;
  server.on('exit', () => (exited = true));

  const stopServer = async () => {
    if (exited) {
      return;
    }
    server.kill('SIGTERM');
    for (let i = 0; i < 50 && !exited; i++) {
      await sleep(100);
    }
    if (!exited) {
      server.kill('SIGKILL');
    }
  };
  const onSignal = () => {
    void stopServer().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    while (!(await isHealthy(baseUrl))) {
      if (exited || Date.now() > deadline) {
        console.error(
          exited
            ? `e2e: the server exited before it was ready (${server.signalCode ?? `code ${server.exitCode}`}). Its output:`
            : `e2e: the server did not answer /api/health within ${HEALTH_TIMEOUT_MS / 1000} s. Its output:`,
        );
        console.error(output || '(no output)');
        return 1;
      }
      await sleep(250);
    }
    console.log('e2e: server ready; running the browser tests');
    const env = {
      ...process.env,
      E2E_BASE_URL: baseUrl,
      E2E_EMAIL: account.email,
      E2E_PASSWORD: account.password,
      // The first start writes the owner's generated password here (the server is no terminal).
      E2E_DATA: dataDir,
    };
    if (screenshot) {
      env.E2E_SCREENSHOT = join(root, 'docs/screenshot-search.png');
    }
    const code = await run(
      node,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        'packages/web/vitest.e2e.config.ts',
        ...vitestArgs,
      ],
      env,
    );
    if (code !== 0 && output.trim()) {
      console.error(`e2e: server output (its log is in ${join(dataDir, 'logs')}):\n${output.slice(-4000)}`);
    }
    return code;
  } finally {
    await stopServer();
    if (ownData) {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

process.exitCode = await main();
