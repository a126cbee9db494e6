import type { Span, TextSegment } from '@longarm/contracts';

/**
 * Cuts `text` at the highlight spans (UTF-16 offsets, as the API sends them). Spans are sorted,
 * clamped to the text and merged where they overlap or touch, so every hit becomes one <mark>.
 */
export function splitByHighlights(text: string, spans: readonly Span[]): TextSegment[] {
  const sorted = spans
    .map((s) => ({
      start: Math.max(0, Math.min(s.start, text.length)),
      end: Math.max(0, Math.min(s.end, text.length)),
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  const segments: TextSegment[] = [];
  let at = 0;
  for (const { start, end } of merged) {
    if (start > at) {
      segments.push({ text: text.slice(at, start), hit: false });
    }
    segments.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length || segments.length === 0) {
    segments.push({ text: text.slice(at), hit: false });
  }
  return segments;
}
