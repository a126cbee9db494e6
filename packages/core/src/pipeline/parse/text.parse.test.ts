import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import type { EncodingInfo } from './encoding.ts';
import { parseDocument } from './parse.stage.ts';

const SENTENCES: [encoding: string, expected: string, text: string][] = [
  ['gb18030', 'GB18030', '海外警务服务站在多个国家被发现，当地政府要求立即关闭。\n记者采访了三位居民。'],
  ['big5', 'Big5', '海外警務服務站在多個國家被發現，當地政府要求立即關閉。\n記者訪問了三位居民。'],
  [
    'cp1251',
    'windows-1251',
    'Правозащитники сообщили о давлении на родственников эмигрантов.\nИх вызывали на беседы.',
  ],
  [
    'koi8-r',
    'KOI8-R',
    'Правозащитники сообщили о давлении на родственников эмигрантов.\nИх вызывали на беседы.',
  ],
  [
    'shift_jis',
    'Shift_JIS',
    '海外の反体制派に対する監視が強まっていると報告された。\n家族にも圧力がかかった。',
  ],
  ['euc-kr', 'EUC-KR', '해외 반체제 인사에 대한 감시가 강화되고 있다고 보고되었다.\n가족들도 압박을 받았다.'],
  [
    'cp1252',
    'windows-1252',
    'Les défenseurs des droits ont signalé des pressions sur les familles à l’étranger.\nÇa a duré des mois.',
  ],
];

const failure = async (bytes: Uint8Array): Promise<AppError> => {
  const err = await parseDocument(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

describe('text encodings', () => {
  it.each(SENTENCES)('decodes %s text exactly and records the encoding', async (encoding, expected, text) => {
    const bytes = new Uint8Array(iconv.encode(text, encoding));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const doc = await parseDocument(bytes, { fileName: 'note.txt' });
    expect(doc.text).toBe(text);
    expect(doc.title).toBe(text.split('\n')[0]);
    const info = doc.metadata.encoding as EncodingInfo;
    expect(info.name).toBe(expected);
    expect(info.method).toBe('detected');
    expect(info.confidence).toBeGreaterThanOrEqual(0.3);
    expect(doc.warnings).toBeUndefined();
  });

  it('keeps valid UTF-8 as UTF-8', async () => {
    const doc = await parseDocument(new TextEncoder().encode('Mötet i Göteborg, 大庆, Москва.'));
    expect(doc.text).toBe('Mötet i Göteborg, 大庆, Москва.');
    expect(doc.metadata.encoding).toEqual({ name: 'UTF-8', confidence: 1, method: 'utf8' });
  });

  it.each([
    ['utf-16le', 'UTF-16LE'],
    ['utf-16be', 'UTF-16BE'],
  ])('reads %s without a byte-order mark', async (encoding, name) => {
    for (const text of [
      'Witnesses in Rotterdam described repeated calls from officials.',
      'Свидетели рассказали о звонках из консульства.',
      '目击者说，他们多次接到官员的电话。',
    ]) {
      const bytes = new Uint8Array(iconv.encode(text, encoding));
      expect(bytes[0] === 0xff || bytes[0] === 0xfe).toBe(false);
      const doc = await parseDocument(bytes);
      expect(doc.text).toBe(text);
      expect((doc.metadata.encoding as EncodingInfo).name).toBe(name);
    }
  });

  it('refuses bytes that are neither UTF-8 nor a recognisable encoding, naming the guess', async () => {
    const short = await failure(new Uint8Array([0x48, 0x69, 0x20, 0xc4, 0xe3, 0xba, 0xc3]));
    expect(short.code).toBe('invalid_input');
    expect(short.message).toMatch(/not valid UTF-8 and its encoding could not be recognised/);
    expect(short.message).toMatch(/save it as UTF-8/);
    // Latin text with scattered bytes that no single-byte or CJK encoding explains well.
    const noisy = new Uint8Array([
      ...new TextEncoder().encode('Report line one '),
      0xc3,
      0x28,
      0xa0,
      0xa1,
      0xe2,
      0x28,
      0xa1,
      0xf0,
      0x28,
      0x8c,
      0xbc,
    ]);
    const err = await failure(noisy);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/not valid UTF-8/);
    expect(err.details).toHaveProperty('encodingGuess');
  });
});
