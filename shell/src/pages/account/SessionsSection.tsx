/** Where the user is signed in: device, place (IP), last seen; signing out one or all the others. */
import { useQusto } from '@qusto/sdk/ui';
import { useCallback, useEffect, useState } from 'react';
import { announceSessionChange } from '../../components/AccountMenu.tsx';
import { buttonClass, MonitorIcon } from '../../dashboard/components/ui.tsx';
import { navigate } from '../../router.tsx';
import { errorText, Notice } from '../auth/parts.tsx';
import { describeUserAgent, sortSessions, timeAgo, type SessionInfo } from './model.ts';
import { ConfirmDialog, SectionCard, subtleDangerClass } from './parts.tsx';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; sessions: SessionInfo[] };

function PhoneIcon({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className={className}>
      <path d="M6.5 3h7A1.5 1.5 0 0 1 15 4.5v11a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 5 15.5v-11A1.5 1.5 0 0 1 6.5 3ZM9 14.5h2" />
    </svg>
  );
}

export function SessionsSection() {
  const { api } = useQusto();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [confirm, setConfirm] = useState<SessionInfo | 'others' | null>(null);

  const refresh = useCallback(
    () =>
      api.get<{ sessions: SessionInfo[] }>('/api/me/sessions').then(
        ({ sessions }) => setLoad({ kind: 'ready', sessions: sortSessions(sessions) }),
        (failure: unknown) => setLoad({ kind: 'error', message: errorText(failure) }),
      ),
    [api],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function revoke(session: SessionInfo) {
    await api.delete(`/api/me/sessions/${encodeURIComponent(session.id)}`);
    if (session.current) {
      // Signing out this browser: the server cleared the cookie.
      announceSessionChange();
      navigate('/login', { replace: true });
      return;
    }
    setLoad((load) => (load.kind === 'ready' ? { kind: 'ready', sessions: load.sessions.filter((s) => s.id !== session.id) } : load));
  }

  async function revokeOthers(sessions: SessionInfo[]) {
    const others = sessions.filter((s) => !s.current);
    const results = await Promise.allSettled(others.map((s) => api.delete(`/api/me/sessions/${encodeURIComponent(s.id)}`)));
    const failed = results.filter((r) => r.status === 'rejected').length;
    await refresh();
    if (failed > 0) throw new Error(`${failed} of ${others.length} sessions could not be signed out; try again.`);
  }

  if (load.kind === 'loading') {
    return (
      <SectionCard title="Signed-in devices">
        <div role="status" aria-label="Loading sessions" className="space-y-3">
          <div className="h-12 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />
          <div className="h-12 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />
        </div>
      </SectionCard>
    );
  }
  if (load.kind === 'error') {
    return (
      <SectionCard title="Signed-in devices">
        <Notice tone="error">
          The sessions could not be loaded: {load.message}{' '}
          <button type="button" className="font-semibold underline" onClick={() => void refresh()}>
            Try again
          </button>
        </Notice>
      </SectionCard>
    );
  }

  const others = load.sessions.filter((s) => !s.current).length;
  return (
    <SectionCard
      title="Signed-in devices"
      description="Sign out a device you do not recognise or no longer use, then change your password."
      footer={
        others > 0 ? (
          <button type="button" className={subtleDangerClass} onClick={() => setConfirm('others')}>
            Sign out all other sessions
          </button>
        ) : undefined
      }
    >
      <ul className="-my-3 divide-y divide-slate-100 dark:divide-slate-800" data-testid="sessions-list">
        {load.sessions.map((session) => {
          const device = describeUserAgent(session.userAgent);
          const Icon = device.mobile ? PhoneIcon : MonitorIcon;
          return (
            <li key={session.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3" data-testid="session">
              <span aria-hidden="true" className="flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
                <Icon className="size-5" />
              </span>
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900 dark:text-white">
                  <span title={session.userAgent || undefined}>{device.label}</span>
                  {session.current && <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-700 ring-1 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300">This device</span>}
                </p>
                <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
                  {session.ip && <span className="font-mono">{session.ip}</span>}
                  {session.ip && ' · '}
                  {session.current ? 'Active now' : <>Last active <time dateTime={session.lastSeenAt} title={new Date(session.lastSeenAt).toLocaleString()}>{timeAgo(session.lastSeenAt)}</time></>}
                  {' · '}Signed in <time dateTime={session.createdAt} title={new Date(session.createdAt).toLocaleString()}>{timeAgo(session.createdAt)}</time>
                </p>
              </div>
              <button type="button" className={session.current ? buttonClass : subtleDangerClass} onClick={() => setConfirm(session)} aria-label={session.current ? 'Sign out this device' : `Sign out ${device.label} (${session.ip || 'unknown address'})`}>
                Sign out
              </button>
            </li>
          );
        })}
      </ul>
      {confirm === 'others' && (
        <ConfirmDialog title="Sign out all other sessions" confirmLabel="Sign out others" danger onClose={() => setConfirm(null)} onConfirm={() => revokeOthers(load.sessions)}>
          Every device except this one is signed out and has to sign in again.
        </ConfirmDialog>
      )}
      {confirm !== null && confirm !== 'others' && (
        <ConfirmDialog
          title={confirm.current ? 'Sign out this device' : 'Sign out this session'}
          confirmLabel="Sign out"
          danger={!confirm.current}
          onClose={() => setConfirm(null)}
          onConfirm={() => revoke(confirm)}
        >
          {confirm.current ? 'You will need to sign in again here.' : `${describeUserAgent(confirm.userAgent).label}${confirm.ip ? ` at ${confirm.ip}` : ''} will need to sign in again.`}
        </ConfirmDialog>
      )}
    </SectionCard>
  );
}
