import { QustoApiError } from '@qusto/sdk';
import { useQusto } from '@qusto/sdk/ui';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { navigate } from '../router.tsx';

type Mode = 'login' | 'register';

interface AuthStatus {
  firstUser: boolean;
  registration: 'open' | 'invite_only';
  signedIn: boolean;
}

/** Where to go after signing in: `?next=/example.com`, same-origin paths only. */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

const inputClass =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';

/**
 * Sign in and create an account. The first person on a fresh instance registers and becomes its
 * admin; after that registration is by invitation unless the instance is open.
 */
export function SignIn({ mode }: { mode: Mode }) {
  const { api } = useQusto();
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { email: useId(), password: useId(), code: useId() };

  useEffect(() => {
    api.get<AuthStatus>('/api/auth/status').then(setStatus, () => setStatus(null));
  }, [api]);

  const registering = mode === 'register';
  const canRegister = status ? status.firstUser || status.registration === 'open' : true;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (needsCode) {
        await api.post('/api/auth/login/2fa', { code });
      } else if (registering) {
        await api.post('/api/auth/register', { email, password });
      } else {
        const answer = await api.post<{ twoFactorRequired?: boolean }>('/api/auth/login', { email, password });
        if (answer?.twoFactorRequired) {
          setNeedsCode(true);
          return;
        }
      }
      navigate(nextPath());
    } catch (failure) {
      setError(failure instanceof QustoApiError ? failure.message : 'Something went wrong. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  const title = needsCode ? 'Two-factor authentication' : registering ? (status?.firstUser ? 'Set up Qusto' : 'Create your account') : 'Sign in';
  return (
    <div className="mx-auto w-full max-w-sm px-4 py-16">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{title}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        {needsCode
          ? 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.'
          : registering && status?.firstUser
            ? 'You are the first person here: this account will administer the instance.'
            : registering
              ? 'Use the email address your invitation was sent to.'
              : 'Welcome back. Sign in to see your sites.'}
      </p>

      {registering && !canRegister ? (
        <p role="alert" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200">
          Registration on this instance is by invitation. Ask an admin to invite you, then open the link in your invitation.
        </p>
      ) : (
        <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
          {needsCode ? (
            <label htmlFor={ids.code} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Code
              <input id={ids.code} className={inputClass} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" inputMode="numeric" required autoFocus />
            </label>
          ) : (
            <>
              <label htmlFor={ids.email} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
                Email
                <input id={ids.email} type="email" className={inputClass} value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required autoFocus />
              </label>
              <label htmlFor={ids.password} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
                Password
                <input
                  id={ids.password}
                  type="password"
                  className={inputClass}
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  autoComplete={registering ? 'new-password' : 'current-password'}
                  minLength={registering ? 10 : undefined}
                  required
                />
                {registering && <span className="mt-1 block text-xs font-normal text-slate-500">At least 10 characters; common passwords are refused.</span>}
              </label>
              {!registering && (
                <p className="-mt-2 text-right text-sm">
                  <a className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" href="/password-reset" onClick={(e) => (e.preventDefault(), navigate('/password-reset'))}>
                    Forgot password?
                  </a>
                </p>
              )}
            </>
          )}
          {error && (
            <p role="alert" className="rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-800 dark:border-rose-500/40 dark:bg-rose-500/10 dark:text-rose-200">
              {error}
            </p>
          )}
          <button
            type="submit"
            disabled={busy}
            className="w-full rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60 dark:focus-visible:ring-offset-slate-950"
          >
            {busy ? 'Please wait…' : needsCode ? 'Verify' : registering ? 'Create account' : 'Sign in'}
          </button>
        </form>
      )}

      {!needsCode && (
        <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">
          {registering ? (
            <>
              Already have an account?{' '}
              <a className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" href={`/login${window.location.search}`} onClick={(e) => (e.preventDefault(), navigate(`/login${window.location.search}`))}>
                Sign in
              </a>
            </>
          ) : canRegister ? (
            <>
              New here?{' '}
              <a className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" href={`/register${window.location.search}`} onClick={(e) => (e.preventDefault(), navigate(`/register${window.location.search}`))}>
                Create an account
              </a>
            </>
          ) : null}
        </p>
      )}
    </div>
  );
}
