import { useQusto } from '@qusto/sdk/ui';
import { useEffect, useState } from 'react';
import { Link, navigate, usePathname } from '../router.tsx';

/** "Sign in" when signed out, "Sign out" when signed in (the session cookie is HttpOnly, so ask the server). */
export function AccountMenu() {
  const { api } = useQusto();
  const pathname = usePathname();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);

  useEffect(() => {
    let current = true;
    api.get<{ signedIn: boolean }>('/api/auth/status').then(
      (status) => current && setSignedIn(status.signedIn),
      () => current && setSignedIn(null),
    );
    return () => {
      current = false;
    };
  }, [api, pathname]);

  const linkClass = 'rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white';
  if (signedIn === null || pathname === '/login' || pathname === '/register') return null;
  if (!signedIn) {
    return (
      <Link to={`/login?next=${encodeURIComponent(pathname)}`} className={linkClass}>
        Sign in
      </Link>
    );
  }
  return (
    <button
      type="button"
      className={linkClass}
      onClick={async () => {
        await api.post('/api/auth/logout').catch(() => undefined);
        setSignedIn(false);
        navigate('/login');
      }}
    >
      Sign out
    </button>
  );
}
