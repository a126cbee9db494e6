import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';

export function ErrorNotice({
  title,
  error,
  onRetry,
  children,
}: {
  title: string;
  error: ApiError;
  onRetry?: () => void;
  children?: ReactNode;
}): ReactNode {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>{error.message}</p>
      {error.status > 0 && (
        <p className="notice-detail">
          HTTP {error.status} · {error.code}
        </p>
      )}
      {(onRetry ?? children) && (
        <p className="notice-actions">
          {onRetry && (
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          )}
          {children}
        </p>
      )}
    </div>
  );
}
