import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../domain/errors.ts';

export interface DataLock {
  /** Records how other processes can reach the holder (a server's URL and local token). */
  advertise(service: { url: string; token: string }): void;
  release(): void;
}

export interface LockHolder {
  pid: number;
  holder: string;
  since: string;
  /** Set by a running server: other commands on this folder go through its API with the token. */
  url?: string;
  token?: string;
}

const isZombie = (pid: number): boolean => {
  try {
    // Linux: a killed process whose parent has not reaped it yet still answers kill(pid, 0).
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function readLockHolder(dataDir: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(join(dataDir, 'longarm.lock'), 'utf8')) as LockHolder;
    return isAlive(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PGlite takes no lock of its own and two processes on one folder corrupt it: hold a lock file with
 * our pid, and refuse at once, naming the holder, when a live process has it.
 * @throws unavailable when another live process holds the folder
 */
export function acquireDataLock(dataDir: string, holder: string): DataLock {
  const path = join(dataDir, 'longarm.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const info: LockHolder = { pid: process.pid, holder, since: new Date().toISOString() };
      // 0600: the token in it lets a process that may read the data folder use the local API.
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (!released) {
          released = true;
          rmSync(path, { force: true });
          process.off('exit', release);
        }
      };
      process.on('exit', release);
      const advertise = (service: { url: string; token: string }): void => {
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify({ ...info, ...service }), { mode: 0o600 });
        renameSync(tmp, path);
      };
      return { advertise, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AppError(
          'unavailable',
          `cannot write the lock file ${path}: ${(e as Error).message}`,
          {},
          { cause: e },
        );
      }
      const current = readLockHolder(dataDir);
      if (current && current.pid !== process.pid) {
        throw new AppError(
          'unavailable',
          `the data folder ${dataDir} is in use by "${current.holder}" (pid ${current.pid}, since ${current.since}); stop that process or set LONGARM_DATA to another folder`,
          { pid: current.pid, holder: current.holder },
        );
      }
      // The holder died without cleaning up (kill -9): the lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new AppError('unavailable', `could not take the lock ${path}; try again`);
}
