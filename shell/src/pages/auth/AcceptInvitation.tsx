/** What an invitation link opens: who invites to what, then accept (signing in or registering first). */
import { useQusto } from '@qusto/sdk/ui';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { announceSessionChange } from '../../components/AccountMenu.tsx';
import { cardClass } from '../../dashboard/components/ui.tsx';
import { Link, navigate, sitePath } from '../../router.tsx';
import { describeRole } from './invitation.ts';
import { AuthPage, errorText, linkClass, Notice, PASSWORD_HINT, statusOf, submitClass, TextField } from './parts.tsx';

interface InvitationPreview {
  id: string;
  teamId: string;
  siteId: string | null;
  email: string;
  role: string;
  expiresAt: string;
  teamName: string;
  siteDomain: string | null;
  accountExists: boolean;
}

type Load =
  | { kind: 'loading' }
  | { kind: 'gone'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; invitation: InvitationPreview; me: { email: string } | null };

export default function AcceptInvitation({ token }: { token: string }) {
  const { api } = useQusto();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    (async () => {
      const invitation = await api.get<InvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`);
      const status = await api.get<{ signedIn: boolean }>('/api/auth/status');
      const me = status.signedIn ? await api.get<{ user: { email: string } }>('/api/me').then((answer) => answer.user, () => null) : null;
      if (current) setLoad({ kind: 'ready', invitation, me });
    })().catch((failure: unknown) => {
      if (!current) return;
      if (statusOf(failure) === 404) setLoad({ kind: 'gone', message: errorText(failure) });
      else setLoad({ kind: 'error', message: errorText(failure) });
    });
    return () => {
      current = false;
    };
  }, [api, token, attempt]);

  if (load.kind === 'loading') {
    return (
      <AuthPage title="Invitation">
        <div role="status" aria-busy="true" className={`${cardClass} h-40 animate-pulse`}>
          <span className="sr-only">Loading the invitation</span>
        </div>
      </AuthPage>
    );
  }
  if (load.kind === 'gone') {
    return (
      <AuthPage title="This invitation is not valid">
        <Notice tone="error">{load.message}</Notice>
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
          Invitations work once and for 7 days. Ask whoever invited you to send a new one.
        </p>
        <p className="mt-6 text-center text-sm">
          <Link to="/" className={linkClass}>
            Go to Qusto
          </Link>
        </p>
      </AuthPage>
    );
  }
  if (load.kind === 'error') {
    return (
      <AuthPage title="Invitation">
        <Notice tone="error">The invitation could not be loaded: {load.message}</Notice>
        <button type="button" className={`${submitClass} mt-4`} onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </AuthPage>
    );
  }
  return <InvitationView token={token} invitation={load.invitation} me={load.me} onSignedOut={() => setAttempt((n) => n + 1)} />;
}

/** Where accepting leads: the site's dashboard for a guest, the sites list for a team. */
const destinationOf = (invitation: InvitationPreview) => (invitation.siteDomain ? sitePath(invitation.siteDomain) : '/');

function InvitationView({ token, invitation, me, onSignedOut }: { token: string; invitation: InvitationPreview; me: { email: string } | null; onSignedOut: () => void }) {
  const { api } = useQusto();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const here = `/invitations/${token}`;
  const role = describeRole(invitation.role, invitation.siteDomain !== null);
  const sameAccount = me !== null && me.email.toLowerCase() === invitation.email.toLowerCase();

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/invitations/${encodeURIComponent(token)}/accept`);
      navigate(destinationOf(invitation), { replace: true });
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  async function signOut() {
    setBusy(true);
    await api.post('/api/auth/logout').catch(() => undefined);
    setBusy(false);
    announceSessionChange();
    onSignedOut();
  }

  return (
    <AuthPage title="You are invited">
      <div className={`${cardClass} p-5`}>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {invitation.siteDomain ? 'To see the stats of' : 'To join the team'}
        </p>
        <p className="mt-1 text-lg font-semibold break-words text-slate-900 dark:text-white" data-testid="invitation-target">
          {invitation.siteDomain ?? invitation.teamName}
        </p>
        {invitation.siteDomain && invitation.teamName && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">of the team {invitation.teamName}</p>}
        <dl className="mt-4 space-y-2 text-sm">
          <Row term="As">
            <span className="font-medium text-slate-900 dark:text-white">{role.label}</span>
            <span className="block text-xs text-slate-500 dark:text-slate-400">{role.description}</span>
          </Row>
          <Row term="For">
            <span className="break-all">{invitation.email}</span>
          </Row>
          <Row term="Expires">
            <time dateTime={invitation.expiresAt}>{new Date(invitation.expiresAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}</time>
          </Row>
        </dl>
      </div>

      <div className="mt-6">
        {error && (
          <Notice tone="error" className="mb-4">
            {error}
          </Notice>
        )}
        {sameAccount ? (
          <button type="button" className={`${submitClass} w-full`} disabled={busy} onClick={accept} autoFocus>
            {busy ? 'Accepting…' : 'Accept invitation'}
          </button>
        ) : me ? (
          <>
            <Notice tone="warning">
              You are signed in as <strong className="font-semibold break-all">{me.email}</strong>, but this invitation is for{' '}
              <strong className="font-semibold break-all">{invitation.email}</strong>. Sign out, then sign in or create an account with the invited address.
            </Notice>
            <button type="button" className={`${submitClass} mt-4 w-full`} disabled={busy} onClick={signOut}>
              Sign out and continue
            </button>
          </>
        ) : invitation.accountExists ? (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              There is an account for <span className="font-medium break-all text-slate-900 dark:text-white">{invitation.email}</span>. Sign in with it to accept.
            </p>
            <Link to={`/login?next=${encodeURIComponent(here)}`} className={`${submitClass} mt-4 w-full`}>
              Sign in to accept
            </Link>
            <p className="mt-4 text-center text-sm">
              <Link to="/password-reset" className={linkClass}>
                Forgot password?
              </Link>
            </p>
          </>
        ) : (
          <RegisterAndAccept token={token} invitation={invitation} signInPath={`/login?next=${encodeURIComponent(here)}`} />
        )}
      </div>
    </AuthPage>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex gap-3">
      <dt className="w-16 shrink-0 text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 text-slate-700 dark:text-slate-300">{children}</dd>
    </div>
  );
}

/**
 * Creating the account with the invitation's token accepts it in the same step; it also works
 * on invite-only instances, where the plain sign-up form is closed.
 */
function RegisterAndAccept({ token, invitation, signInPath }: { token: string; invitation: InvitationPreview; signInPath: string }) {
  const { api } = useQusto();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < 10) {
      setError('The password must be at least 10 characters long.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/register', { email: invitation.email, password, name: name.trim() || undefined, invitation: token });
      navigate(destinationOf(invitation), { replace: true });
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-labelledby="create-account-title">
      <h2 id="create-account-title" className="text-base font-semibold text-slate-900 dark:text-white">
        Create your account to accept
      </h2>
      <TextField label="Email" type="email" value={invitation.email} onChange={() => undefined} readOnly autoComplete="username" hint="The address the invitation was sent to." />
      <TextField label="Name (optional)" value={name} onChange={setName} autoComplete="name" maxLength={100} />
      <TextField label="Password" type="password" value={password} onChange={setPassword} autoComplete="new-password" minLength={10} hint={PASSWORD_HINT} required autoFocus />
      {error && <Notice tone="error">{error}</Notice>}
      <button type="submit" disabled={busy} className={`${submitClass} w-full`}>
        {busy ? 'Creating your account…' : 'Create account and accept'}
      </button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{' '}
        <Link to={signInPath} className={linkClass}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
