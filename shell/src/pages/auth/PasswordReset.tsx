/** Forgot password (no token: ask for the email) and reset password (the mailed link's token). */
import { useQusto } from '@qusto/sdk/ui';
import { useEffect, useState, type FormEvent } from 'react';
import { announceSessionChange } from '../../components/AccountMenu.tsx';
import { Link, navigate, useSearch } from '../../router.tsx';
import { AuthPage, errorText, linkClass, newPasswordProblem, Notice, PASSWORD_HINT, submitClass, TextField } from './parts.tsx';

export default function PasswordReset() {
  const token = new URLSearchParams(useSearch()).get('token');
  return token ? <ChooseNewPassword key={token} token={token} /> : <RequestReset />;
}

/** Without SMTP the instance writes mail to its log; say so, or people wait for nothing. */
function useMailKind(): 'smtp' | 'log' | null {
  const { api } = useQusto();
  const [kind, setKind] = useState<'smtp' | 'log' | null>(null);
  useEffect(() => {
    let current = true;
    api.get<{ mail?: 'smtp' | 'log' }>('/api/auth/status').then(
      (status) => current && setKind(status.mail ?? null),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  return kind;
}

function RequestReset() {
  const { api } = useQusto();
  const mailKind = useMailKind();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    if (!address.includes('@')) {
      setError('Enter the email address you sign in with.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/password-reset', { email: address });
      setSentTo(address);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  if (sentTo) {
    return (
      <AuthPage title={mailKind === 'log' ? 'Reset link requested' : 'Check your inbox'}>
        <Notice tone="success">
          If an account uses <strong className="font-semibold break-all">{sentTo}</strong>, we sent it a link to choose a new password. The link works for an hour.
        </Notice>
        {mailKind === 'log' && (
          <Notice tone="warning" className="mt-4">
            This Qusto instance has no mail server set up, so the link was written to the server log instead. Ask your Qusto admin for it.
          </Notice>
        )}
        {mailKind !== 'log' && (
          <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
            No mail after a few minutes? Check your spam folder, or{' '}
            <button type="button" className={linkClass} onClick={() => setSentTo(null)}>
              try another address
            </button>
            .
          </p>
        )}
        <p className="mt-6 text-center text-sm">
          <Link to="/login" className={linkClass}>
            Back to sign in
          </Link>
        </p>
      </AuthPage>
    );
  }

  return (
    <AuthPage title="Forgot your password?" description="Enter the email address you sign in with and we will send you a link to choose a new password.">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField label="Email" type="email" value={email} onChange={setEmail} autoComplete="email" required autoFocus />
        {error && <Notice tone="error">{error}</Notice>}
        <button type="submit" disabled={busy} className={`${submitClass} w-full`}>
          {busy ? 'Sending…' : 'Send reset link'}
        </button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">
        Remembered it?{' '}
        <Link to="/login" className={linkClass}>
          Sign in
        </Link>
      </p>
    </AuthPage>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const { api } = useQusto();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; badLink: boolean } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = newPasswordProblem(password, confirmation);
    if (problem) {
      setError({ message: problem, badLink: false });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/password-reset/confirm', { token, password });
      announceSessionChange();
      setDone(true);
    } catch (failure) {
      const message = errorText(failure);
      setError({ message, badLink: /link/i.test(message) });
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <AuthPage title="Password changed">
        <Notice tone="success">Your password is changed, and every device that was signed in is signed out. Sign in with your new password.</Notice>
        <button type="button" className={`${submitClass} mt-6 w-full`} onClick={() => navigate('/login', { replace: true })} autoFocus>
          Sign in
        </button>
      </AuthPage>
    );
  }

  return (
    <AuthPage title="Choose a new password" description="Pick a password you use nowhere else. Setting it signs you out on every device.">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField label="New password" type="password" value={password} onChange={setPassword} autoComplete="new-password" minLength={10} hint={PASSWORD_HINT} required autoFocus />
        <TextField label="Repeat the new password" type="password" value={confirmation} onChange={setConfirmation} autoComplete="new-password" required />
        {error && (
          <Notice tone="error">
            {error.message}
            {error.badLink && (
              <>
                {' '}
                <Link to="/password-reset" className="font-semibold underline">
                  Ask for a new link
                </Link>
              </>
            )}
          </Notice>
        )}
        <button type="submit" disabled={busy} className={`${submitClass} w-full`}>
          {busy ? 'Saving…' : 'Set new password'}
        </button>
      </form>
    </AuthPage>
  );
}
