import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { createThreadPreparer } from './preparer.ts';

const blobRoot = mkdtempSync(join(tmpdir(), 'longarm-preparer-'));
afterAll(() => rmSync(blobRoot, { recursive: true, force: true }));

describe('thread preparer', () => {
  it('parses in worker threads and sends errors back as AppError', async () => {
    const preparer = createThreadPreparer(2);
    try {
      const texts = [
        'Politiepost in Rotterdam onderzocht door de regering.',
        '福州市公安局在海外设立服务站。',
        'A station in Prague was closed.',
      ];
      const prepared = await Promise.all(
        texts.map((t) => preparer.prepare({ bytes: new TextEncoder().encode(t), hints: {}, blobRoot })),
      );
      expect(prepared.map((p) => p.language)).toEqual(['nl', 'zh', 'en']);
      expect(prepared[1]?.searchRomanised).toContain('fuzhou');
      const err = await preparer
        .prepare({ bytes: new Uint8Array(), hints: {}, blobRoot })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toContain('empty');
    } finally {
      await preparer.close();
    }
  });
});
