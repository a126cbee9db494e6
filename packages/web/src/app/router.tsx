// A small router on the History API: the URL is the state, so back/forward and reload just work.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

const NAVIGATE_EVENT = 'longarm:navigate';

export interface AppLocation {
  pathname: string;
  search: string;
  /** `history.state` of the current entry; set by `navigate(to, { state })`. */
  state: unknown;
}

let cached: AppLocation | undefined;

function readLocation(): AppLocation {
  const { pathname, search } = window.location;
  const state: unknown = window.history.state;
  if (!cached || cached.pathname !== pathname || cached.search !== search || cached.state !== state) {
    cached = { pathname, search, state };
  }
  return cached;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function useLocation(): AppLocation {
  return useSyncExternalStore(subscribe, readLocation);
}

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
  /** Stay where the page is scrolled, e.g. when a filter changes beside the results. */
  keepScroll?: boolean;
}

export function navigate(
  to: string,
  { replace = false, state = null, keepScroll = false }: NavigateOptions = {},
): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (replace) {
    window.history.replaceState(state, '', target);
  } else {
    window.history.pushState(state, '', target);
    if (!url.hash && !keepScroll) {
      window.scrollTo(0, 0);
    }
  }
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function isPlainLeftClick(e: MouseEvent<HTMLAnchorElement>): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  state?: unknown;
  replace?: boolean;
  children: ReactNode;
}

/** An ordinary <a href> (so middle-click, copy link and open-in-new-tab work) that navigates in place. */
export function Link({ to, state, replace, onClick, children, ...rest }: LinkProps): ReactNode {
  return (
    <a
      {...rest}
      href={to}
      onClick={(e) => {
        onClick?.(e);
        if (isPlainLeftClick(e) && !rest.target && !rest.download) {
          e.preventDefault();
          navigate(to, { state, replace });
        }
      }}
    >
      {children}
    </a>
  );
}

/** Matches `/documents/:id` style patterns; returns the decoded params or undefined. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = have[i] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined; // a malformed escape cannot name anything we serve
      }
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}
