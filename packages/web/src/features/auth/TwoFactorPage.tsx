import qrcode from 'qrcode-generator';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../api/client.ts';
import { navigate } from '../../app/router.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { announceAuthChange, confirmTwoFactor, startTwoFactor } from './auth-api.ts';

/** The otpauth URI as a QR code drawn with SVG rectangles (no inline script or style needed). */
function QrCode({ value }: { value: string }): ReactNode {
  const cells = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(value);
    qr.make();
    const n = qr.getModuleCount();
    const dark: [number, number][] = [];
    for (let r = 0; r < n; r += 1) {
      for (let c = 0; c < n; c += 1) {
        if (qr.isDark(r, c)) {
          dark.push([r, c]);
        }
      }
    }
    return { n, dark };
  }, [value]);
  const size = cells.n + 8; // four modules of quiet zone on each side
  return (
    <svg
      className="qr-code"
      viewBox={`-4 -4 ${size} ${size}`}
      width={size * 5}
      height={size * 5}
      role="img"
      aria-label="QR code for your authenticator app"
      shapeRendering="crispEdges"
    >
      <rect x={-4} y={-4} width={size} height={size} fill="#fff" />
      {cells.dark.map(([r, c]) => (
        <rect key={`${r}-${c}`} x={c} y={r} width={1} height={1} fill="#000" />
      ))}
    </svg>
  );
}

/**
 * Owners and admins must use two-factor login. After their first login this page enrols an
 * authenticator app: it shows the secret as a QR code and as text, then asks for one code.
 */
export function TwoFactorPage(): ReactNode {
  useDocumentTitle('Set up two-factor login');
  const [uri, setUri] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  useEffect(() => {
    let live = true;
    startTwoFactor()
      .then((r) => live && setUri(r.uri))
      .catch((err: ApiError) => live && setError(err));
    return () => {
      live = false;
    };
  }, []);

  const secret = uri ? (new URL(uri).searchParams.get('secret') ?? '') : '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    confirmTwoFactor(code)
      .then(() => {
        announceAuthChange();
        navigate('/');
      })
      .catch((err: ApiError) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <main id="main" className="login-page" tabIndex={-1}>
      <h1>Set up two-factor login</h1>
      <p>
        Owners and admins can reach protected records, so their accounts need a second factor. Scan the code
        with an authenticator app (for example Aegis, FreeOTP or 2FAS), or type the key by hand, then enter
        the six digits it shows.
      </p>
      {uri && (
        <>
          <QrCode value={uri} />
          <p>
            Key:{' '}
            <code className="totp-secret" data-testid="totp-secret">
              {secret.replace(/(.{4})/g, '$1 ').trim()}
            </code>
          </p>
          <form className="login-form" onSubmit={submit} data-testid="totp-form">
            <label>
              Code from your authenticator app
              <input
                type="text"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                required
                value={code}
                onChange={(e) => setCode(e.target.value.trim())}
              />
            </label>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Checking…' : 'Turn on two-factor login'}
            </button>
          </form>
        </>
      )}
      {error && <ErrorNotice title="Two-factor login is not set up" error={error} />}
    </main>
  );
}
