import { useEffect, useState, type ReactNode } from 'react';
import { Link, navigate } from '../../app/router.tsx';
import {
  announceAuthChange,
  hasLoginCookie,
  logout,
  me,
  onAuthChange,
  TWO_FACTOR_PAGE,
  type SignedInUser,
} from './auth-api.ts';

/**
 * "Log in", or who is signed in and "Log out". Anonymous visitors cause no request: the page asks
 * the server only when the browser holds a login's CSRF cookie.
 */
export function AuthLink(): ReactNode {
  const [user, setUser] = useState<SignedInUser | undefined>();
  const [version, setVersion] = useState(0);
  useEffect(() => onAuthChange(() => setVersion((v) => v + 1)), []);
  useEffect(() => {
    if (!hasLoginCookie()) {
      setUser(undefined);
      return;
    }
    let live = true;
    me()
      .then((r) => {
        if (!live) {
          return;
        }
        setUser(r.user);
        // An owner or admin without an authenticator can do nothing else until one is set up.
        if (r.twoFactorSetupRequired && window.location.pathname !== TWO_FACTOR_PAGE) {
          navigate(TWO_FACTOR_PAGE, { replace: true });
        }
      })
      .catch(() => live && setUser(undefined));
    return () => {
      live = false;
    };
  }, [version]);

  if (!user) {
    return <Link to="/login">Log in</Link>;
  }
  const leave = () => {
    void logout()
      .catch(() => undefined)
      .finally(() => {
        announceAuthChange();
        navigate('/');
      });
  };
  return (
    <span className="auth-link">
      <span className="auth-user">{user.email ?? 'local'}</span>
      <button type="button" className="link-button" onClick={leave}>
        Log out
      </button>
    </span>
  );
}
