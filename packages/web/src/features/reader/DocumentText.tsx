import type { TextSegment } from '@longarm/contracts';
import { useMemo, type ReactNode } from 'react';

/** The full text, line breaks kept; hit number `current` (0-based) carries the `current` class. */
export function DocumentText({
  segments,
  current,
  language,
}: {
  segments: readonly TextSegment[];
  current: number;
  language: string;
}): ReactNode {
  const hitNumbers = useMemo(() => {
    let next = 0;
    return segments.map((s) => {
      if (!s.hit) {
        return -1;
      }
      next += 1;
      return next - 1;
    });
  }, [segments]);
  return (
    <div className="document-text" data-testid="reader-text" lang={language}>
      {segments.map((s, i) => {
        const n = hitNumbers[i] ?? -1;
        return s.hit ? (
          <mark key={i} data-hit={n} className={n === current ? 'current' : undefined}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        );
      })}
    </div>
  );
}
