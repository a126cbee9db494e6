import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';

export type ApiState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: ApiError; data?: T };

function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) {
    return e;
  }
  return new ApiError('internal', e instanceof Error ? e.message : String(e), 0);
}

/**
 * Runs `load` whenever `key` changes, cancelling the previous request. While a new request runs,
 * the last data stays available so lists do not flash empty between pages.
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  // `load` is a fresh closure on every render; `key` alone says when to fetch again.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setState({ status: 'ok', data });
        }
      },
      (e: unknown) => {
        if (!controller.signal.aborted) {
          setState((s) => ({ status: 'error', error: toApiError(e), data: s.data }));
        }
      },
    );
    return () => controller.abort();
  }, [key]);
  return state;
}
