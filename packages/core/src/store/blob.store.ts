import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { notFound } from '../domain/errors.ts';

/** Original files, content-addressed by SHA-256: `blobs/ab/cdef…`. Writes are atomic (temp + rename). */
export interface BlobStore {
  put(bytes: Uint8Array): string;
  get(sha256: string): Buffer;
  has(sha256: string): boolean;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function createBlobStore(root: string): BlobStore {
  const pathOf = (sha: string): string => join(root, sha.slice(0, 2), sha.slice(2));
  return {
    put(bytes) {
      const sha = sha256Hex(bytes);
      const path = pathOf(sha);
      if (!existsSync(path)) {
        mkdirSync(dirname(path), { recursive: true });
        const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        writeFileSync(tmp, bytes);
        renameSync(tmp, path);
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
