import type { DocumentResponse } from '@longarm/contracts';
import type { ReactNode } from 'react';
import { formatBytes, formatLanguage, formatSourceKind, formatTimestamp } from '../../ui/format.ts';

const SENSITIVITY_NOTE: Record<DocumentResponse['sensitivity'], string> = {
  public: 'may be published',
  internal: 'do not share outside the team',
  restricted: 'named people only',
  protected: 'may endanger a person if disclosed',
};

const RELIABILITY_NOTE: Record<NonNullable<DocumentResponse['reliability']>, string> = {
  A: 'A: completely reliable',
  B: 'B: usually reliable',
  C: 'C: fairly reliable',
  D: 'D: not usually reliable',
  E: 'E: unreliable',
  F: 'F: reliability cannot be judged',
};

function showValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function DocumentMeta({ doc }: { doc: DocumentResponse }): ReactNode {
  const extra = Object.entries(doc.metadata);
  return (
    <>
      <dl className="meta">
        <div>
          <dt>Language</dt>
          <dd>
            {formatLanguage(doc.language)} <span className="muted">({doc.language})</span>
          </dd>
        </div>
        <div>
          <dt>Published</dt>
          <dd>{doc.publishedAt ? <time dateTime={doc.publishedAt}>{doc.publishedAt}</time> : 'unknown'}</dd>
        </div>
        {doc.outlet && (
          <div>
            <dt>Outlet</dt>
            <dd>{doc.outlet}</dd>
          </div>
        )}
        {doc.author && (
          <div>
            <dt>Author</dt>
            <dd>{doc.author}</dd>
          </div>
        )}
        {doc.url && (
          <div className="meta-wide">
            <dt>URL</dt>
            <dd>
              <a href={doc.url} target="_blank" rel="noopener noreferrer" className="break">
                {doc.url}
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>Source kind</dt>
          <dd>{formatSourceKind(doc.sourceKind)}</dd>
        </div>
        <div>
          <dt>Media type</dt>
          <dd>
            {doc.mediaType} <span className="muted">· {formatBytes(doc.byteSize)}</span>
          </dd>
        </div>
        <div>
          <dt>Sensitivity</dt>
          <dd>
            <span className={`badge badge-sensitivity-${doc.sensitivity}`}>{doc.sensitivity}</span>{' '}
            <span className="muted">{SENSITIVITY_NOTE[doc.sensitivity]}</span>
          </dd>
        </div>
        {doc.withheld && doc.withheld.length > 0 && (
          <div className="meta-wide" data-testid="withheld">
            <dt>Withheld from your role</dt>
            <dd>
              {doc.withheld.join(', ')}{' '}
              <span className="muted">
                (names appear as a pseudonymous id, the same in every record; other values are left out)
              </span>
            </dd>
          </div>
        )}
        {doc.reliability && (
          <div>
            <dt>Source reliability</dt>
            <dd>{RELIABILITY_NOTE[doc.reliability]}</dd>
          </div>
        )}
        <div>
          <dt>Added</dt>
          <dd>
            <time dateTime={doc.createdAt}>{formatTimestamp(doc.createdAt)}</time>
          </dd>
        </div>
        {doc.fileNames.length > 0 && (
          <div className="meta-wide">
            <dt>{doc.fileNames.length === 1 ? 'File name' : 'File names'}</dt>
            <dd>
              <ul className="plain-list">
                {doc.fileNames.map((name) => (
                  <li key={name} className="break">
                    {name}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div className="meta-wide">
          <dt>SHA-256</dt>
          <dd>
            <code className="hash">{doc.sha256}</code>
          </dd>
        </div>
      </dl>
      {extra.length > 0 && (
        <details className="meta-extra">
          <summary>More metadata ({extra.length})</summary>
          <dl className="meta">
            {extra.map(([key, value]) => (
              <div key={key} className="meta-wide">
                <dt>{key}</dt>
                <dd className="break">{showValue(value)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </>
  );
}
