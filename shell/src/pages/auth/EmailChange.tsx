/** Confirms an email change from the mailed link's token. */
import type { QustoClient } from '@qusto/sdk';
import { useQusto } from '@qusto/sdk/ui';
import { useEffect, useState } from 'react';
import { announceSessionChange } from '../../components/AccountMenu.tsx';
import { Link, navigate, useSearch } from '../../router.tsx';
import { AuthPage, errorText, linkClass, Notice, statusOf, submitClass } from './parts.tsx';

type State = { kind: 'working' } | { kind: 'done'; email: string } | { kind: 'failed'; message: string; badLink: boolean };

// One request per token, even when React runs the effect twice (StrictMode) or the page
// re-renders: a second request would find the token used and report a failure.
const confirmations = new Map<string, Promise<{ email: string }>>();

function confirmOnce(api: QustoClient, token: string): Promise<{ email: string }> {
  let pending = confirmations.get(token);
  if (!pending) {
    pending = api.post<{ email: string }>('/api/auth/email-change/confirm', { token });
    confirmations.set(token, pending);
  }
  return pending;
}

export default function EmailChange() {
  const { api } = useQusto();
  const token = new URLSearchParams(useSearch()).get('token');
  const [state, setState] = useState<State>(token ? { kind: 'working' } : { kind: 'failed', message: 'This link has no confirmation code in it. Open the link from the mail again, in full.', badLink: true });

  useEffect(() => {
    if (!token) return;
    let current = true;
    confirmOnce(api, token).then(
      ({ email }) => {
        // The server ended every session, this browser's too.
        announceSessionChange();
        if (current) setState({ kind: 'done', email });
      },
      (failure: unknown) => {
        const status = statusOf(failure);
        if (current) setState({ kind: 'failed', message: errorText(failure), badLink: status === 400 || status === 404 });
      },
    );
    return () => {
      current = false;
    };
  }, [api, token]);

  if (state.kind === 'working') {
    return (
      <AuthPage title="Confirming your new address…">
        <div role="status" aria-busy="true" className="h-16 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800">
          <span className="sr-only">Confirming</span>
        </div>
      </AuthPage>
    );
  }

  if (state.kind === 'done') {
    return (
      <AuthPage title="Email address confirmed">
        <Notice tone="success">
          You now sign in to Qusto with <strong className="font-semibold break-all">{state.email}</strong>. For safety, every device was signed out: sign in again with the new address.
        </Notice>
        <button type="button" className={`${submitClass} mt-6 w-full`} onClick={() => navigate('/login', { replace: true })} autoFocus>
          Sign in
        </button>
      </AuthPage>
    );
  }

  return (
    <AuthPage title="This link does not work">
      <Notice tone="error">{state.message}</Notice>
      {state.badLink && (
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
          Confirmation links work once, for 24 hours, and only the newest one you asked for. Ask for a new one in your{' '}
          <Link to="/account" className={linkClass}>
            account settings
          </Link>
          .
        </p>
      )}
    </AuthPage>
  );
}
