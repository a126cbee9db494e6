import chardet from 'chardet';
import iconv from 'iconv-lite';
import { invalidInput } from '../../domain/errors.ts';

/** How text bytes were decoded, for `metadata.encoding`. */
export interface EncodingInfo {
  /** Canonical name: `UTF-8`, `UTF-16LE`, `GB18030`, `windows-1251` … */
  name: string;
  /** 0–1; 1 for a byte-order mark or valid UTF-8. */
  confidence: number;
  /** How it was found: a byte-order mark, UTF-8 validation, the UTF-16 byte pattern, or chardet. */
  method: 'bom' | 'utf8' | 'utf16-pattern' | 'detected';
}

export interface DecodedText {
  text: string;
  encoding: EncodingInfo;
  /** Bytes the decoder could not map (each became U+FFFD); 0 in the normal case. */
  replaced: number;
}

/**
 * Below this chardet confidence (0–100) a guess is not used at all. Short texts get low figures
 * even when right (a three-line windows-1251 table scores about 20), so between this and
 * SURE_CONFIDENCE the decoded text must also look like text.
 */
const MIN_CONFIDENCE = 15;
/** Below this, a guess that leaves replacement characters is refused. */
const SURE_CONFIDENCE = 80;

/**
 * chardet's names → the iconv-lite codec that reads them. Where a later standard extends an
 * older one, the superset is used (ISO-8859-1 text is read as windows-1252, as browsers do).
 */
const CODEC: Record<string, string> = {
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-9': 'windows-1254',
  GB18030: 'gb18030',
  Big5: 'big5hkscs',
  Shift_JIS: 'cp932',
  'EUC-KR': 'cp949',
  'EUC-JP': 'eucjp',
};

const countReplacements = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    n++;
  }
  return n;
};

/** Non-ASCII characters expected in real text: letters, marks, typographic and CJK punctuation. */
const TEXT_LIKE = /[\p{L}\p{M}’‘“”«»„–—…•€°\u00a0\u3000-\u303f\uff00-\uffef]/u;
/** A low-confidence guess whose non-ASCII characters are less often text-like than this is mojibake. */
const MIN_LETTER_SHARE = 0.85;

/** Share of the non-ASCII characters that look like text (1 when there are none). */
function letterShare(text: string): number {
  let nonAscii = 0;
  let good = 0;
  for (const ch of text.slice(0, 200_000)) {
    if (ch.charCodeAt(0) > 0x7f) {
      nonAscii++;
      if (TEXT_LIKE.test(ch)) {
        good++;
      }
    }
  }
  return nonAscii === 0 ? 1 : good / nonAscii;
}

/**
 * UTF-16 code units of ordinary text: printable ASCII and white space, Latin, Greek, Cyrillic,
 * Armenian, Hebrew, Arabic, Devanagari to Thai, general punctuation, CJK punctuation, kana, CJK
 * ideographs, Hangul syllables and full-width forms. Random pairs of bytes land here about half
 * the time; text nearly always.
 */
const isTextUnit = (u: number): boolean =>
  (u >= 0x20 && u < 0x7f) ||
  u === 0x09 ||
  u === 0x0a ||
  u === 0x0d ||
  (u >= 0xa0 && u < 0x0530) ||
  (u >= 0x0590 && u < 0x0e80) ||
  (u >= 0x2000 && u < 0x2070) ||
  (u >= 0x3000 && u < 0x3100) ||
  (u >= 0x4e00 && u < 0xa000) ||
  (u >= 0xac00 && u < 0xd7a4) ||
  (u >= 0xff00 && u < 0xfff0);

/**
 * UTF-16 without a byte-order mark, recognised by its pattern: nearly every code unit falls in a
 * block that text uses, in one byte order and not the other.
 */
export function detectUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 8) {
    return null;
  }
  const units = n / 2;
  const score = (le: boolean): { share: number; breaks: number } => {
    let good = 0;
    let breaks = 0;
    for (let i = 0; i < n; i += 2) {
      const a = bytes[i] ?? 0;
      const b = bytes[i + 1] ?? 0;
      const u = le ? a | (b << 8) : (a << 8) | b;
      if (isTextUnit(u)) {
        good++;
      }
      if (u === 0x20 || u === 0x0a || u === 0x3000 || u === 0x3001 || u === 0x3002 || u === 0xff0c) {
        breaks++;
      }
    }
    return { share: good / units, breaks };
  };
  const le = score(true);
  const be = score(false);
  const [best, other, endian] =
    le.share >= be.share ? [le, be, 'utf-16le' as const] : [be, le, 'utf-16be' as const];
  return best.share >= 0.97 && best.breaks > 0 && other.share < best.share ? endian : null;
}

/**
 * The text when the bytes are valid UTF-8 (a character cut at the end is allowed when `sample` is
 * set, and then the text is not kept), otherwise undefined.
 */
function utf8Text(bytes: Uint8Array, sample: boolean): string | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    if (sample) {
      decoder.decode(bytes, { stream: true });
      return '';
    }
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Finds the encoding of text bytes: a byte-order mark, then valid UTF-8, then UTF-16 by its
 * pattern, then chardet's statistical guess (GB18030, Big5, Shift_JIS, EUC-KR, windows-125x,
 * KOI8-R, ISO-8859-x …). `sample` = the bytes may be the start of a longer file.
 * @throws invalid_input when no encoding can be recognised with confidence
 */
export function detectEncoding(bytes: Uint8Array, options: { sample?: boolean } = {}): EncodingInfo {
  return detect(bytes, options.sample ?? false).encoding;
}

/** detectEncoding, plus the decoded text when finding the encoding decoded it already (UTF-8). */
function detect(bytes: Uint8Array, sample: boolean): { encoding: EncodingInfo; text?: string } {
  const encoding = detectWithout(bytes, sample);
  return 'name' in encoding ? { encoding } : encoding;
}

/** The steps of detectEncoding; a UTF-8 answer also carries the text it decoded. */
function detectWithout(
  bytes: Uint8Array,
  sample: boolean,
): EncodingInfo | { encoding: EncodingInfo; text?: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { name: 'UTF-8', confidence: 1, method: 'bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { name: 'UTF-16LE', confidence: 1, method: 'bom' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { name: 'UTF-16BE', confidence: 1, method: 'bom' };
  }
  // NUL bytes are valid UTF-8 but rare in text, and common in UTF-16: then UTF-16 is tried first.
  const hasNul = bytes.subarray(0, 8192).includes(0);
  // The UTF-16 pattern decides here only with NUL bytes; otherwise only when UTF-8 fails.
  let utf16 = hasNul ? detectUtf16(bytes) : null;
  if (utf16 && hasNul) {
    return { name: utf16.toUpperCase(), confidence: 0.9, method: 'utf16-pattern' };
  }
  const text = utf8Text(bytes, sample);
  if (text !== undefined) {
    const encoding: EncodingInfo = { name: 'UTF-8', confidence: 1, method: 'utf8' };
    return sample ? encoding : { encoding, text };
  }
  utf16 = hasNul ? utf16 : detectUtf16(bytes);
  const guesses = chardet.analyse(bytes.subarray(0, 256 * 1024));
  const best = guesses.find(
    (g) => g.name !== 'UTF-8' && g.name !== 'ASCII' && iconv.encodingExists(codecOf(g.name)),
  );
  // A sure legacy guess (GB18030 pairs can look like Hangul in UTF-16) wins over the UTF-16 pattern.
  if (utf16 && !(best && best.confidence >= SURE_CONFIDENCE)) {
    return { name: utf16.toUpperCase(), confidence: 0.9, method: 'utf16-pattern' };
  }
  if (!best || best.confidence < MIN_CONFIDENCE) {
    const guess = best ? ` (best guess ${best.name} at ${best.confidence}%, too unsure to use)` : '';
    throw invalidInput(
      `the text is not valid UTF-8 and its encoding could not be recognised${guess}; ` +
        'open it in an editor that shows the encoding, save it as UTF-8 and ingest it again',
      { encodingGuess: best?.name ?? null, confidence: best ? best.confidence / 100 : 0 },
    );
  }
  return { name: best.name, confidence: best.confidence / 100, method: 'detected' };
}

const codecOf = (name: string): string => CODEC[name] ?? name.toLowerCase();

/** Decodes bytes in a known encoding (undecodable bytes become U+FFFD). */
export function decodeWith(bytes: Uint8Array, encoding: EncodingInfo): string {
  if (encoding.name === 'UTF-8') {
    return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  }
  if (encoding.name.startsWith('UTF-16')) {
    return new TextDecoder(encoding.name.toLowerCase()).decode(
      encoding.method === 'bom' ? bytes.subarray(2) : bytes,
    );
  }
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codecOf(encoding.name));
}

/**
 * Decodes text bytes in whatever encoding they are in; never returns mojibake silently.
 * @throws invalid_input when the encoding is unknown, or a low-confidence guess leaves characters
 * the decoder could not map
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const found = detect(bytes, false);
  const encoding = found.encoding;
  const text = found.text ?? decodeWith(bytes, encoding);
  const replaced = countReplacements(text);
  if (encoding.method === 'detected' && encoding.confidence * 100 < SURE_CONFIDENCE) {
    const letters = letterShare(text);
    if (replaced > 0 || letters < MIN_LETTER_SHARE) {
      const why =
        replaced > 0
          ? `${replaced} byte sequence(s) do not fit that encoding either`
          : `read that way, only ${Math.round(letters * 100)}% of its non-ASCII characters are letters`;
      throw invalidInput(
        `the text is not valid UTF-8; it looks like ${encoding.name} (confidence ${Math.round(encoding.confidence * 100)}%) ` +
          `but ${why}; save the file as UTF-8 and ingest it again`,
        { encodingGuess: encoding.name, confidence: encoding.confidence, replaced },
      );
    }
  }
  return { text, encoding, replaced };
}
