import { createCanvas } from '@napi-rs/canvas';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { closeOcr, findLanguageData, ocrLanguages, recognise } from './ocr.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'longarm-ocr-test-'));
  dirs.push(dir);
  return dir;
};

afterAll(async () => {
  await closeOcr();
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('OCR language data', () => {
  it('finds the npm language packages', () => {
    for (const code of ['eng', 'chi_sim', 'chi_tra', 'fas', 'ara', 'swe', 'fra', 'nld', 'deu']) {
      const data = findLanguageData(code);
      expect(data?.source, code).toBe('npm');
      expect(data?.file).toMatch(new RegExp(`${code}\\.traineddata\\.gz$`));
    }
  });

  it('looks in TESSDATA_PREFIX and its tessdata subfolder for languages without a package', () => {
    const prefix = tempDir();
    writeFileSync(join(prefix, 'qaa.traineddata'), 'x');
    mkdirSync(join(prefix, 'tessdata'));
    writeFileSync(join(prefix, 'tessdata', 'qab.traineddata'), 'x');
    expect(findLanguageData('qaa', prefix)).toEqual({
      code: 'qaa',
      file: join(prefix, 'qaa.traineddata'),
      source: 'tessdata',
    });
    expect(findLanguageData('qab', prefix)?.file).toBe(join(prefix, 'tessdata', 'qab.traineddata'));
    expect(findLanguageData('qac', prefix)).toBeNull();
    expect(findLanguageData('../etc/passwd', prefix)).toBeNull();
  });

  it('reads with an uncompressed Debian-style traineddata file', async () => {
    // The English model, unpacked and renamed, stands in for a language only Debian ships.
    const prefix = tempDir();
    const gz = readFileSync(findLanguageData('eng')!.file);
    writeFileSync(join(prefix, 'qaa.traineddata'), gunzipSync(gz));
    const canvas = createCanvas(900, 150);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 900, 150);
    ctx.fillStyle = '#000000';
    ctx.font = '56px sans-serif';
    ctx.fillText('Overseas police station', 40, 90);
    const result = await recognise(canvas.toBuffer('image/png'), { languages: ['qaa'], tessdataDir: prefix });
    expect(result.languages).toEqual(['qaa']);
    expect(result.text.toLowerCase()).toContain('overseas police station');
  });

  it('fails clearly when no requested language has data', async () => {
    await expect(recognise(new Uint8Array([1, 2, 3]), { languages: ['qaz'] })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/no OCR language data for qaz/),
    });
  });

  it('takes the languages from the config, in order, with a default', () => {
    expect(loadConfig({ LONGARM_OCR_LANGS: 'fas+eng' }).ocrLanguages).toEqual(['fas', 'eng']);
    expect(loadConfig({}).ocrLanguages).toEqual(ocrLanguages());
    expect(ocrLanguages()).toEqual(['eng', 'chi_sim', 'chi_tra', 'swe', 'fra', 'nld', 'deu', 'ara', 'fas']);
    expect(() => loadConfig({ LONGARM_OCR_LANGS: 'eng, rus' })).toThrow(/LONGARM_OCR_LANGS/);
    expect(loadConfig({ TESSDATA_PREFIX: '/usr/share/tesseract-ocr/5/tessdata' }).tessdataDir).toBe(
      '/usr/share/tesseract-ocr/5/tessdata',
    );
  });
});
