/** Reduces a date string from metadata to ISO YYYY-MM-DD (or YYYY-MM, YYYY), or null. */
export function toIsoDate(value: string | null | undefined): string | null {
  if (!value) {
    return null;
  }
  const v = value.trim();
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(v);
  if (m?.[1]) {
    return [m[1], m[2], m[3]].filter(Boolean).join('-');
  }
  // PDF dates look like D:20220912101500+02'00'
  const pdf = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(v);
  if (pdf?.[1]) {
    return [pdf[1], pdf[2], pdf[3]].filter(Boolean).join('-');
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}
