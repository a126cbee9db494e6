const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
const numbers = new Intl.NumberFormat('en');

/** "zh" → "Chinese"; unknown or malformed codes come back unchanged. */
export function formatLanguage(code: string): string {
  if (code === 'und' || code === '') {
    return 'Undetermined';
  }
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code; // Intl throws RangeError on codes that are not BCP 47
  }
}

export function formatCount(n: number): string {
  return numbers.format(n);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'GB'}`;
}

/** A timestamp as local "YYYY-MM-DD HH:MM", the form researchers compare and sort by. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return iso;
  }
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url; // stored URLs are not validated at ingest; show them as they are
  }
}

/** "case_record" → "case record". */
export function formatSourceKind(kind: string): string {
  return kind.replaceAll('_', ' ');
}
