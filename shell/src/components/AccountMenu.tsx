import { useQusto } from '@qusto/sdk/ui';
import { useEffect, useState } from 'react';
import { Menu, MenuItem, MenuLabel, MenuSeparator } from '../dashboard/components/Menu.tsx';
import { ChevronDownIcon, focusRing } from '../dashboard/components/ui.tsx';
import { initialOf } from '../pages/account/model.ts';
import { Link, navigate, usePathname } from '../router.tsx';

const SESSION_EVENT = 'qusto:session';

/** Tells the account menu that who is signed in (or their name) changed without a navigation. */
export function announceSessionChange(): void {
  window.dispatchEvent(new Event(SESSION_EVENT));
}

type Account = { signedIn: false } | { signedIn: true; email: string; name: string };

/**
 * "Sign in" when signed out; when signed in, a menu under the user's initial and email with
 * "Account settings" and "Sign out". The session cookie is HttpOnly, so ask the server.
 */
export function AccountMenu() {
  const { api } = useQusto();
  const pathname = usePathname();
  const [account, setAccount] = useState<Account | null>(null);
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    const onChange = () => setChanges((n) => n + 1);
    window.addEventListener(SESSION_EVENT, onChange);
    return () => window.removeEventListener(SESSION_EVENT, onChange);
  }, []);

  useEffect(() => {
    let current = true;
    (async () => {
      const status = await api.get<{ signedIn: boolean }>('/api/auth/status');
      if (!status.signedIn) return { signedIn: false } as const;
      // A cookie is there; whether its session still lives, /api/me tells.
      const me = await api.get<{ user: { email: string; name: string } }>('/api/me').catch((error: unknown) => {
        if ((error as { status?: number }).status === 401) return null;
        throw error;
      });
      return me ? ({ signedIn: true, email: me.user.email, name: me.user.name } as const) : ({ signedIn: false } as const);
    })().then(
      (next) => current && setAccount(next),
      () => current && setAccount(null),
    );
    return () => {
      current = false;
    };
  }, [api, pathname, changes]);

  const linkClass = 'rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white';
  if (account === null || pathname === '/login' || pathname === '/register') return null;
  if (!account.signedIn) {
    return (
      <Link to={`/login?next=${encodeURIComponent(pathname)}`} className={linkClass}>
        Sign in
      </Link>
    );
  }
  return (
    <Menu
      ariaLabel={`Account: ${account.email}`}
      title={account.email}
      panelClassName="w-64"
      buttonClassName={`inline-flex max-w-[16rem] items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm font-medium text-slate-700 transition hover:bg-slate-100 aria-expanded:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-expanded:bg-slate-800 ${focusRing}`}
      button={
        <>
          <span aria-hidden="true" className="flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white dark:bg-indigo-500">
            {initialOf(account.name, account.email)}
          </span>
          <span className="hidden truncate md:inline">{account.email}</span>
          <ChevronDownIcon className="size-4 shrink-0 text-slate-400" />
        </>
      }
    >
      <MenuLabel>Signed in as</MenuLabel>
      <p className="truncate px-2.5 pb-2 text-sm font-medium text-slate-900 dark:text-white" title={account.email}>
        {account.name || account.email}
        {account.name && <span className="block truncate text-xs font-normal text-slate-500 dark:text-slate-400">{account.email}</span>}
      </p>
      <MenuSeparator />
      <MenuItem onSelect={() => navigate('/account')}>Account settings</MenuItem>
      <MenuItem
        onSelect={async () => {
          await api.post('/api/auth/logout').catch(() => undefined);
          setAccount({ signedIn: false });
          navigate('/login');
        }}
      >
        Sign out
      </MenuItem>
    </Menu>
  );
}
