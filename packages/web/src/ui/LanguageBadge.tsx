import type { ReactNode } from 'react';
import { formatLanguage } from './format.ts';

export function LanguageBadge({ code }: { code: string }): ReactNode {
  return (
    <abbr
      className="badge badge-lang"
      title={formatLanguage(code)}
      data-testid="language-badge"
      data-lang={code}
    >
      {code}
    </abbr>
  );
}
