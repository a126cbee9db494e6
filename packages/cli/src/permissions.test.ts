import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Root reads every folder, so the unreadable-folder case runs the real CLI as user "nobody".
const MAIN = resolve(import.meta.dirname, 'main.ts');
const NOBODY = 65534;
const canDropPrivileges = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'longarm-perm-'));
  chmodSync(root, 0o755);
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!canDropPrivileges)('a folder without read permission', () => {
  it('gets one clear report line while the rest of the batch is ingested', () => {
    const files = join(root, 'files');
    const data = join(root, 'data');
    mkdirSync(join(files, 'closed'), { recursive: true });
    mkdirSync(data);
    chownSync(data, NOBODY, NOBODY);
    writeFileSync(
      join(files, 'open.txt'),
      'A readable, invented note about pressure on relatives of a student abroad.',
    );
    writeFileSync(join(files, 'closed', 'secret.txt'), 'Nobody may read this one.');
    chmodSync(join(files, 'closed'), 0o700);
    const r = spawnSync(
      '/usr/bin/setpriv',
      [
        `--reuid=${NOBODY}`,
        `--regid=${NOBODY}`,
        '--clear-groups',
        process.execPath,
        '--import',
        'tsx',
        MAIN,
        'ingest',
        files,
        '--json',
      ],
      { env: { ...process.env, LONGARM_DATA: data, HOME: root }, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(3);
    const report = JSON.parse(r.stdout) as {
      ingested: { path: string }[];
      failed: { path: string; code: string; message: string }[];
    };
    expect(report.ingested.map((i) => i.path)).toEqual([join(files, 'open.txt')]);
    expect(report.failed).toEqual([
      {
        path: join(files, 'closed'),
        code: 'forbidden',
        message: 'permission denied; give the user running longarm read access',
      },
    ]);
  }, 150_000);
});
