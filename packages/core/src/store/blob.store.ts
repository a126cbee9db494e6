import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { notFound } from '../domain/errors.ts';
import type { Db } from './db.ts';

/** Original files, content-addressed by SHA-256: `blobs/ab/cdef…`. Writes are atomic (temp + rename). */
export interface BlobStore {
  /** `sha256`: the bytes' hash when the caller has it already (it is not checked again). */
  put(bytes: Uint8Array, sha256?: string): string;
  get(sha256: string): Buffer;
  has(sha256: string): boolean;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Originals in PostgreSQL itself (DATABASE_URL mode), so workers on any machine can read them. */
export function createDbBlobStore(db: Db): AsyncBlobStore {
  return {
    async put(bytes) {
      const sha = sha256Hex(bytes);
      await db.query('insert into blob_data (sha256, bytes) values ($1, $2) on conflict do nothing', [
        sha,
        bytes,
      ]);
      return sha;
    },
    async get(sha) {
      const rows = await db.query<{ bytes: Uint8Array }>('select bytes from blob_data where sha256 = $1', [
        sha,
      ]);
      const row = rows[0];
      if (!row) {
        throw notFound('blob', sha);
      }
      return Buffer.from(row.bytes);
    },
  };
}

/** Either store, seen through promises. */
export interface AsyncBlobStore {
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Buffer>;
}

export const asAsync = (store: BlobStore): AsyncBlobStore => ({
  put: (bytes) => Promise.resolve(store.put(bytes)),
  get: (sha) => Promise.resolve(store.get(sha)),
});

// Folders this thread has created or found (`blobs/ab`), so that each put need not ask again.
const knownDirs = new Set<string>();
// Temporary names: random per thread, then a counter (cheaper than random bytes per file).
const tmpPrefix = randomBytes(6).toString('hex');
let tmpCount = 0;

/** Writes `bytes` at `path` atomically (temp + rename), creating its folder when it is missing. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const dir = dirname(path);
  if (!knownDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    knownDirs.add(dir);
  }
  const tmp = `${path}.${tmpPrefix}${(tmpCount++).toString(36)}.tmp`;
  try {
    writeFileSync(tmp, bytes);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw e;
    }
    // The folder went away since it was seen (a store deleted and made again): make it again.
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, bytes);
  }
  renameSync(tmp, path);
}

export function createBlobStore(root: string): BlobStore {
  const pathOf = (sha: string): string => join(root, sha.slice(0, 2), sha.slice(2));
  return {
    put(bytes, known) {
      const sha = known ?? sha256Hex(bytes);
      const path = pathOf(sha);
      if (!existsSync(path)) {
        writeAtomically(path, bytes);
      }
      return sha;
    },
    get(sha) {
      if (!/^[0-9a-f]{64}$/.test(sha) || !existsSync(pathOf(sha))) {
        throw notFound('blob', sha);
      }
      return readFileSync(pathOf(sha));
    },
    has: (sha) => /^[0-9a-f]{64}$/.test(sha) && existsSync(pathOf(sha)),
  };
}
