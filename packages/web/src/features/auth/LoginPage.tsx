import { useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../api/client.ts';
import { navigate } from '../../app/router.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { announceAuthChange, login, TWO_FACTOR_PAGE } from './auth-api.ts';

/** E-mail and password, and the authenticator code once the server asks for it. */
export function LoginPage(): ReactNode {
  useDocumentTitle('Log in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    login({ email, password, ...(needsCode && totp ? { totp } : {}) })
      .then((r) => {
        announceAuthChange();
        navigate(r.twoFactorSetupRequired ? TWO_FACTOR_PAGE : '/');
      })
      .catch((err: ApiError) => {
        if (err.details?.totpRequired === true) {
          setNeedsCode(true);
        }
        setError(err);
      })
      .finally(() => setBusy(false));
  };

  return (
    <main id="main" className="login-page" tabIndex={-1}>
      <h1>Log in</h1>
      <p>Public records can be searched without an account. Log in to see what your role allows.</p>
      <form className="login-form" onSubmit={submit} data-testid="login-form">
        <label>
          E-mail
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {needsCode && (
          <label>
            Code from your authenticator app
            <input
              type="text"
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              required
              value={totp}
              onChange={(e) => setTotp(e.target.value.trim())}
            />
          </label>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      {error && <ErrorNotice title="Not logged in" error={error} />}
    </main>
  );
}
