import { describe, expect, it } from 'vitest';
import { detectLanguage, malayOrIndonesian } from './language.ts';

// Sentences written for this test.
describe('language detection', () => {
  it('tells Indonesian from Malay by the spellings that differ', async () => {
    const indonesian =
      'Pemerintah mengatakan bahwa polisi sudah memeriksa kantor itu pada bulan Agustus karena ada laporan warga.';
    const malay =
      'Kerajaan berkata bahawa polis telah memeriksa pejabat itu pada bulan Ogos kerana terdapat aduan orang ramai.';
    expect(await detectLanguage(indonesian)).toBe('id');
    expect(await detectLanguage(malay)).toBe('ms');
    expect(malayOrIndonesian('universitas dan komunitas')).toBe('id');
    expect(malayOrIndonesian('universiti dan komuniti')).toBe('ms');
  });

  it('names the language of short news sentences in the main languages of the product', async () => {
    const samples: [string, string][] = [
      ['sv', 'Polisen i Stockholm utreder uppgifter om att en ambassad har kartlagt flyktingar i staden.'],
      [
        'nl',
        'De politie onderzoekt meldingen dat een buitenlands bureau in Rotterdam mensen onder druk zette.',
      ],
      ['tr', 'Yetkililer, yurt dışında yaşayan aktivistlerin ailelerine baskı yapıldığını açıkladı.'],
      ['uk', 'Поліція розслідує повідомлення про таємний пункт іноземної служби в місті.'],
      ['fa', 'پلیس در حال بررسی گزارش هایی درباره تهدید روزنامه نگاران در خارج از کشور است.'],
    ];
    for (const [lang, text] of samples) {
      expect(await detectLanguage(text), text).toBe(lang);
    }
  });
});
