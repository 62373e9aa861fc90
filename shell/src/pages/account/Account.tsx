/** The account pages: profile, password, two-factor set-up, sign-in sessions, API keys. */
import { useQusto } from '@qusto/sdk/ui';
import { useCallback, useEffect, useState } from 'react';
import { cardClass } from '../../dashboard/components/ui.tsx';
import { Link, navigate, usePathname } from '../../router.tsx';
import { errorText, Notice, statusOf, submitClass } from '../auth/parts.tsx';
import { NotFound } from '../NotFound.tsx';
import { ApiKeysSection } from './ApiKeysSection.tsx';
import { accountPath, sectionOf, SECTIONS, type Me, type SectionId } from './model.ts';
import { ProfileSection } from './ProfileSection.tsx';
import { SecuritySection } from './SecuritySection.tsx';
import { SessionsSection } from './SessionsSection.tsx';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; me: Me };

export default function Account({ section }: { section: string | null }) {
  const { api } = useQusto();
  const pathname = usePathname();
  const active = sectionOf(section);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    api.get<Me>('/api/me').then(
      (me) => current && setLoad({ kind: 'ready', me }),
      (failure: unknown) => {
        if (!current) return;
        // Signed out (or the session ended elsewhere): sign in, then come back here.
        if (statusOf(failure) === 401) navigate(`/login?next=${encodeURIComponent(window.location.pathname)}`, { replace: true });
        else setLoad({ kind: 'error', message: errorText(failure) });
      },
    );
    return () => {
      current = false;
    };
  }, [api, attempt]);

  const onMeChange = useCallback((change: (me: Me) => Me) => setLoad((load) => (load.kind === 'ready' ? { kind: 'ready', me: change(load.me) } : load)), []);

  if (active === null) return <NotFound path={pathname} />;
  const meta = SECTIONS.find((s) => s.id === active)!;

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 lg:py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Account settings</h1>
      {load.kind === 'ready' && <p className="mt-1 truncate text-sm text-slate-600 dark:text-slate-400">{load.me.user.email}</p>}
      <div className="mt-6 lg:grid lg:grid-cols-[13rem_minmax(0,1fr)] lg:gap-10">
        <SectionNav active={active} />
        <div className="mt-6 min-w-0 lg:mt-0">
          <div className="mb-6">
            <h2 className="text-lg font-semibold text-slate-900 dark:text-white">{meta.label}</h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{meta.description}</p>
          </div>
          {load.kind === 'ready' && load.me.user.mustEnable2fa && active !== 'security' && (
            <Notice tone="warning" className="mb-6">
              A team you are in requires two-factor authentication. Until you turn it on, you cannot see its sites.{' '}
              <Link to={accountPath('security')} className="font-semibold underline">
                Set it up
              </Link>
            </Notice>
          )}
          {load.kind === 'loading' && (
            <div role="status" aria-label="Loading your account" className="space-y-6">
              <div className={`${cardClass} h-48 animate-pulse`} />
              <div className={`${cardClass} h-32 animate-pulse`} />
            </div>
          )}
          {load.kind === 'error' && (
            <Notice tone="error">
              Your account could not be loaded: {load.message}{' '}
              <button type="button" className={`${submitClass} mt-3 block`} onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </button>
            </Notice>
          )}
          {load.kind === 'ready' && (
            <div className="space-y-6">
              {active === 'profile' && <ProfileSection me={load.me} onMeChange={onMeChange} />}
              {active === 'security' && <SecuritySection me={load.me} onMeChange={onMeChange} />}
              {active === 'sessions' && <SessionsSection />}
              {active === 'api-keys' && <ApiKeysSection me={load.me} />}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/** A column of links beside the content on wide screens; a row of tabs above it on phones. */
function SectionNav({ active }: { active: SectionId }) {
  return (
    <nav aria-label="Account settings" className="-mx-4 border-b border-slate-200 px-4 sm:mx-0 sm:px-0 lg:border-b-0 dark:border-slate-800">
      <ul className="-mb-px flex gap-1 overflow-x-auto lg:mb-0 lg:flex-col lg:overflow-visible">
        {SECTIONS.map((section) => {
          const current = section.id === active;
          return (
            <li key={section.id} className="shrink-0">
              <Link
                to={accountPath(section.id)}
                aria-current={current ? 'page' : undefined}
                className={`block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-600 lg:rounded-lg lg:border-b-0 ${
                  current
                    ? 'border-indigo-600 text-indigo-700 lg:bg-indigo-50 dark:border-indigo-400 dark:text-indigo-300 lg:dark:bg-indigo-500/10'
                    : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 lg:hover:bg-slate-100 dark:text-slate-400 dark:hover:text-white lg:dark:hover:bg-slate-800'
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
