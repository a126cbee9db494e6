import type { ReactNode } from 'react';
import { AuthLink } from '../features/auth/AuthLink.tsx';
import { TWO_FACTOR_PAGE } from '../features/auth/auth-api.ts';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { TwoFactorPage } from '../features/auth/TwoFactorPage.tsx';
import { ReaderPage } from '../features/reader/ReaderPage.tsx';
import { RunPage, RunsPage } from '../features/runs/RunsPage.tsx';
import { SearchPage } from '../features/search/SearchPage.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { Link, matchPath, useLocation } from './router.tsx';

function Routes(): ReactNode {
  const { pathname } = useLocation();
  if (pathname === '/' || pathname === '/search') {
    return <SearchPage />;
  }
  if (pathname === '/login') {
    return <LoginPage />;
  }
  if (pathname === TWO_FACTOR_PAGE) {
    return <TwoFactorPage />;
  }
  if (pathname === '/runs') {
    return <RunsPage />;
  }
  const run = matchPath('/runs/:id', pathname);
  if (run?.id) {
    return <RunPage key={run.id} id={run.id} />;
  }
  const doc = matchPath('/documents/:id', pathname);
  if (doc?.id) {
    // A new key gives each document a fresh reader (highlight position, focus).
    return <ReaderPage key={doc.id} id={doc.id} />;
  }
  return <NotFoundPage />;
}

function NotFoundPage(): ReactNode {
  useDocumentTitle('Not found');
  return (
    <main id="main" className="notfound-page" tabIndex={-1}>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to search</Link>.
      </p>
    </main>
  );
}

export function App(): ReactNode {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          longarm
        </Link>
        <span className="brand-tagline">documenting transnational repression</span>
        <nav className="app-nav" aria-label="Main">
          <Link to="/">Search</Link>
          <Link to="/runs">Ingest runs</Link>
          <AuthLink />
        </nav>
      </header>
      <Routes />
    </div>
  );
}
