import type { TextSegment } from '@longarm/contracts';
import type { ReactNode } from 'react';

/** Text whose query hits are wrapped in <mark>. */
export function HighlightedText({ segments }: { segments: readonly TextSegment[] }): ReactNode {
  return segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>));
}
