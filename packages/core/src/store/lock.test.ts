import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { acquireDataLock } from './lock.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longarm-lock-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('acquireDataLock', () => {
  it('refuses a folder held by a live process and names the holder', () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(
        join(dir, 'longarm.lock'),
        JSON.stringify({
          pid: other.pid,
          holder: 'longarm serve (port 8080)',
          since: '2026-01-01T00:00:00Z',
        }),
      );
      let err: unknown;
      try {
        acquireDataLock(dir, 'longarm ingest');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('unavailable');
      expect((err as AppError).message).toContain(`in use by "longarm serve (port 8080)" (pid ${other.pid}`);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over the lock of a process that died (kill -9) and releases it', () => {
    writeFileSync(
      join(dir, 'longarm.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, holder: 'dead', since: '' }),
    );
    const lock = acquireDataLock(dir, 'longarm ingest');
    expect(existsSync(join(dir, 'longarm.lock'))).toBe(true);
    lock.release();
    expect(existsSync(join(dir, 'longarm.lock'))).toBe(false);
  });
});
