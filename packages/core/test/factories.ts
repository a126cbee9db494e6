import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, createTestDbTarget, loadConfig, type Core } from '../src/index.ts';

export interface TestCore {
  core: Core;
  dataDir: string;
  close(): Promise<void>;
}

/** A core on a fresh migrated database (PGlite, or PostgreSQL with TEST_DATABASE_URL) and a temp blob folder. */
export async function openTestCore(): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'longarm-test-'));
  const { target, cleanup } = await createTestDbTarget();
  const core = await createCore(loadConfig({ LONGARM_DATA: dataDir }), { dbTarget: target });
  return {
    core,
    dataDir,
    close: async () => {
      await core.close();
      await cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A small multilingual corpus written for the tests (invented, not from any source). */
export const CORPUS: { name: string; text: string }[] = [
  {
    name: 'en-stations.txt',
    text: 'Overseas police stations in Toronto\n\nReporters found three police service stations in the Toronto area run for the Fuzhou bureau.',
  },
  {
    name: 'sv-register.txt',
    text: 'Register över utlänningar i Daqing\n\nMyndigheterna i staden förde register över utlänningar med pass och födelsedagar under pandemin.',
  },
  {
    name: 'zh-stations.txt',
    text: '福州市公安局的海外服务站\n\n报道称，福州市公安局在多个国家设立了海外警务服务站，并开通了海外110热线。',
  },
  {
    name: 'fr-retours.txt',
    text: 'Retours forcés vers la Chine\n\nSelon une ONG, des milliers de ressortissants ont été contraints de rentrer, souvent après des pressions sur leurs familles.',
  },
  {
    name: 'nl-rotterdam.txt',
    text: 'Politiepost in Rotterdam onderzocht\n\nDe Nederlandse regering liet onderzoeken of in Rotterdam een Chinese politiepost actief was; de ambassade ontkende.',
  },
];
