import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Worker } from 'tesseract.js';
import { DEFAULT_OCR_LANGS } from '../../config.ts';
import { AppError } from '../../domain/errors.ts';
import type { ParseHints, ParseWarning } from '../../domain/source.ts';

/**
 * Optical character recognition with tesseract.js (WebAssembly, in a worker thread).
 *
 * Language data never comes from the network: each language is looked up in the
 * `@tesseract.js-data/<code>` npm packages first, then in an extra tessdata folder
 * (TESSDATA_PREFIX, via the config) and Debian's /usr/share/tesseract-ocr/<version>/tessdata.
 * The files found are linked into one private folder that becomes tesseract.js's `langPath`.
 *
 * One tesseract worker per process, created on first use (about 0.5–2 s depending on the
 * languages) and reused; it is closed after a few idle seconds so a finished command can exit,
 * or at once by `closeOcr()`.
 */

export type OcrOptions = NonNullable<ParseHints['ocr']>;

export interface LanguageData {
  code: string;
  file: string;
  source: 'npm' | 'tessdata';
}

export interface OcrResult {
  text: string;
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number;
  /** Languages the page was read with. */
  languages: string[];
  /** Requested languages with no data on this machine. */
  missing: string[];
  ms: number;
}

const LANGUAGE_CODE = /^[a-z]{3}(?:_[a-z]+)*$/i;
const IDLE_CLOSE_MS = 3000;
/** One image or page; a dense A4 page at 200 DPI takes about 6–10 s on one core. */
const OCR_TIMEOUT_MS = 180_000;
const require = createRequire(import.meta.url);

/** The languages to use: the hints' list, else the built-in default. */
export function ocrLanguages(options: OcrOptions = {}): string[] {
  const list = options.languages?.length ? options.languages : DEFAULT_OCR_LANGS.split('+');
  return [...new Set(list.map((l) => l.trim()).filter(Boolean))];
}

function debianTessdataDirs(): string[] {
  const root = '/usr/share/tesseract-ocr';
  try {
    return readdirSync(root)
      .sort()
      .reverse()
      .map((version) => join(root, version, 'tessdata'));
  } catch {
    return [];
  }
}

/** Where the data for one language is, or null when this machine has none. */
export function findLanguageData(code: string, tessdataDir?: string): LanguageData | null {
  if (!LANGUAGE_CODE.test(code)) {
    return null;
  }
  try {
    const pkg = dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
    // The packages ship a legacy+LSTM build (4.0.0) and a smaller LSTM-only one; the engine runs LSTM only.
    const file = join(pkg, '4.0.0_best_int', `${code}.traineddata.gz`);
    if (existsSync(file)) {
      return { code, file, source: 'npm' };
    }
  } catch {
    // no npm package for this language
  }
  // TESSDATA_PREFIX names the tessdata folder itself (tesseract 4+) or its parent (tesseract 3).
  const dirs = tessdataDir ? [tessdataDir, join(tessdataDir, 'tessdata')] : [];
  for (const dir of [...dirs, ...debianTessdataDirs()]) {
    const file = join(dir, `${code}.traineddata`);
    if (existsSync(file)) {
      return { code, file, source: 'tessdata' };
    }
  }
  return null;
}

/** The warning a page gets when a requested language has no data on this machine. */
export function missingLanguageWarning(code: string, where: string): ParseWarning {
  return {
    code: 'unavailable',
    message: `OCR language not installed: ${code} (install tesseract-ocr-${code.replace(/_/g, '-')} or set TESSDATA_PREFIX)`,
    where,
  };
}

interface Engine {
  worker: Worker;
  key: string;
  dir: string;
}

let engine: Engine | null = null;
let queue: Promise<unknown> = Promise.resolve();
let idleTimer: NodeJS.Timeout | null = null;

/** Runs OCR jobs one at a time: the single worker is busy with one image anyway. */
function serialise<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

async function stopEngine(): Promise<void> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  const current = engine;
  engine = null;
  if (current) {
    try {
      await current.worker.terminate();
    } finally {
      rmSync(current.dir, { recursive: true, force: true });
    }
  }
}

async function startEngine(data: LanguageData[]): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'longarm-ocr-'));
  try {
    for (const d of data) {
      // tesseract.js reads `<langPath>/<code>.traineddata.gz` and gunzips only when the bytes are
      // gzip, so Debian's uncompressed files work under the same name.
      const target = join(dir, `${d.code}.traineddata.gz`);
      try {
        symlinkSync(d.file, target);
      } catch {
        copyFileSync(d.file, target);
      }
    }
    const { createWorker, OEM } = await import('tesseract.js');
    const worker = await createWorker(
      data.map((d) => d.code),
      OEM.LSTM_ONLY,
      {
        langPath: dir,
        cachePath: dir,
        cacheMethod: 'none',
        gzip: true,
        errorHandler: () => undefined,
      },
    );
    // Without this, tesseract puts a space between every Chinese or Japanese character.
    await worker.setParameters({ preserve_interword_spaces: '1' });
    return { worker, key: data.map((d) => d.code).join('+'), dir };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Reads the text in one image (PNG, JPEG, GIF, TIFF, WebP or BMP bytes, decoded by tesseract's
 * WebAssembly image library). Languages without data are left out and listed in `missing`.
 * @throws unavailable when none of the requested languages has data; internal when tesseract fails
 */
export function recognise(image: Uint8Array, options: OcrOptions = {}): Promise<OcrResult> {
  const wanted = ocrLanguages(options);
  const found: LanguageData[] = [];
  const missing: string[] = [];
  for (const code of wanted) {
    const data = findLanguageData(code, options.tessdataDir);
    if (data) {
      found.push(data);
    } else {
      missing.push(code);
    }
  }
  if (found.length === 0) {
    return Promise.reject(
      new AppError(
        'unavailable',
        `no OCR language data for ${wanted.join(', ')}; install the @tesseract.js-data packages or set TESSDATA_PREFIX`,
      ),
    );
  }
  const key = found.map((d) => d.code).join('+');
  return serialise(async () => {
    if (idleTimer) {
      clearTimeout(idleTimer);
      idleTimer = null;
    }
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      if (engine && engine.key !== key) {
        await stopEngine();
      }
      engine ??= await startEngine(found);
      // A worker thread that dies mid-job never answers; the timeout turns that into an error.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer after ${OCR_TIMEOUT_MS / 1000} s`)),
          OCR_TIMEOUT_MS,
        );
      });
      const result = await Promise.race([
        engine.worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength)),
        timeout,
      ]);
      return {
        text: tidy(result.data.text ?? ''),
        confidence: Math.round(result.data.confidence ?? 0),
        languages: found.map((d) => d.code),
        missing,
        ms: Date.now() - started,
      };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/attempting to read image/i.test(message)) {
        throw new AppError('invalid_input', 'the image data cannot be decoded', {}, { cause: e });
      }
      // Anything else may have left the worker in a bad state: the next image gets a new one.
      await stopEngine().catch(() => undefined);
      throw new AppError('internal', `OCR failed: ${message}`, {}, { cause: e });
    } finally {
      clearTimeout(timer);
      if (engine) {
        idleTimer = setTimeout(() => void serialise(stopEngine), IDLE_CLOSE_MS);
        idleTimer.unref();
      }
    }
  });
}

/** Ends the OCR worker (tests, shutdown); the next `recognise` starts a new one. */
export function closeOcr(): Promise<void> {
  return serialise(stopEngine);
}
