/**
 * `/<domain>`: a site's dashboard for a signed-in user (or an API key), with a Settings link
 * for those who may change the site, and the install snippet while it has no data.
 */
import { useMemo } from 'react';
import { Link, navigate, siteSettingsPath } from '../router.tsx';
import { useCanEditSite } from '../dashboard/api/abilities.ts';
import { describeError } from '../dashboard/api/stats-client.ts';
import { useRequest } from '../dashboard/api/use-request.ts';
import { siteLocation, type SiteInfo } from '../dashboard/context.tsx';
import { Dashboard } from '../dashboard/Dashboard.tsx';
import { siteInfoPath } from '../dashboard/requests.ts';
import { cardClass, buttonClass, focusRing } from '../dashboard/components/ui.tsx';
import { SiteSetup } from './site/SiteSetup.tsx';

interface SiteResponse {
  site?: { id?: unknown; domain?: unknown; timezone?: unknown; teamId?: unknown; allowedEventProps?: unknown };
}

export function SiteDashboard({ domain }: { domain: string }) {
  // Readable by anyone who may read the stats: members, and visitors of a public dashboard.
  const siteRequest = useRequest<SiteResponse>({ kind: 'get', path: siteInfoPath(domain) });
  const loaded = siteRequest.data?.site;
  const site = useMemo<SiteInfo>(
    () => ({
      id: typeof loaded?.id === 'string' ? loaded.id : domain,
      domain,
      timezone: typeof loaded?.timezone === 'string' ? loaded.timezone : 'UTC',
      allowedEventProps: Array.isArray(loaded?.allowedEventProps) ? loaded.allowedEventProps.filter((k): k is string => typeof k === 'string') : null,
    }),
    [domain, loaded],
  );
  const siteRef = useMemo(
    () => (typeof loaded?.id === 'string' ? { id: loaded.id, teamId: typeof loaded.teamId === 'string' ? loaded.teamId : null } : null),
    [loaded],
  );
  const canEdit = useCanEditSite(siteRef);
  const location = useMemo(() => siteLocation(domain), [domain]);
  const siteMissing = siteRequest.status === 'error' && describeError(siteRequest.error).kind === 'not-found';

  return (
    <Dashboard
      site={site}
      siteKnown={loaded !== undefined}
      location={location}
      above={<Breadcrumb domain={domain} />}
      actions={canEdit ? <SettingsLink domain={domain} /> : undefined}
      replacement={siteMissing ? <SiteNotFound domain={domain} /> : undefined}
      renderRefused={(message, retry) => <AuthNotice message={message} onRetry={retry} />}
      renderNeverTracked={(onDone) => <SiteSetup domain={domain} onDone={onDone} />}
    />
  );
}

function Breadcrumb({ domain }: { domain: string }) {
  return (
    <nav aria-label="Breadcrumb" className="pt-6 text-sm text-slate-500 dark:text-slate-400">
      <ol className="flex items-center gap-2">
        <li>
          <Link to="/" className={`rounded hover:text-slate-900 dark:hover:text-white ${focusRing}`}>
            Sites
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        <li aria-current="page" className="truncate text-slate-700 dark:text-slate-300">
          {domain}
        </li>
      </ol>
    </nav>
  );
}

function SettingsLink({ domain }: { domain: string }) {
  return (
    <Link to={siteSettingsPath(domain)} className={buttonClass} title="Site settings">
      <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} aria-hidden="true" className="size-4">
        <path
          d="M8.6 2.9a1.4 1.4 0 0 1 2.8 0l.1.6a1.4 1.4 0 0 0 2 1l.6-.3a1.4 1.4 0 0 1 1.9 2l-.4.5a1.4 1.4 0 0 0 .8 2.2l.6.1a1.4 1.4 0 0 1 0 2.8l-.6.1a1.4 1.4 0 0 0-.8 2.2l.4.5a1.4 1.4 0 0 1-1.9 2l-.6-.3a1.4 1.4 0 0 0-2 1l-.1.6a1.4 1.4 0 0 1-2.8 0l-.1-.6a1.4 1.4 0 0 0-2-1l-.6.3a1.4 1.4 0 0 1-1.9-2l.4-.5a1.4 1.4 0 0 0-.8-2.2l-.6-.1a1.4 1.4 0 0 1 0-2.8l.6-.1a1.4 1.4 0 0 0 .8-2.2l-.4-.5a1.4 1.4 0 0 1 1.9-2l.6.3a1.4 1.4 0 0 0 2-1l.1-.6Z"
          strokeLinejoin="round"
        />
        <circle cx="10" cy="10" r="2.5" />
      </svg>
      <span className="hidden sm:inline">Settings</span>
      <span className="sr-only sm:hidden">Site settings</span>
    </Link>
  );
}

function AuthNotice({ message, onRetry }: { message: string; onRetry: () => void }) {
  const next = `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
  return (
    <section aria-labelledby="auth-notice-title" className={`${cardClass} mt-2 px-6 py-12 text-center`}>
      <h2 id="auth-notice-title" className="text-base font-semibold text-slate-900 dark:text-white">
        Sign in to see this site’s stats
      </h2>
      <p className="mx-auto mt-2 max-w-lg text-sm text-slate-600 dark:text-slate-400">
        The stats API did not accept this request: <span className="font-medium text-slate-800 dark:text-slate-200">{message}</span>
      </p>
      <p className="mx-auto mt-2 max-w-lg text-sm text-slate-600 dark:text-slate-400">Sign in with an account that can see this site, or open it through a shared link, then try again.</p>
      <div className="mt-5 flex justify-center gap-3">
        <a
          href={next}
          onClick={(event) => {
            event.preventDefault();
            navigate(next);
          }}
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
        >
          Sign in
        </a>
        <button type="button" onClick={onRetry} className={buttonClass}>
          Try again
        </button>
      </div>
    </section>
  );
}

function SiteNotFound({ domain }: { domain: string }) {
  return (
    <section className={`${cardClass} mt-6 px-6 py-16 text-center`}>
      <h1 className="text-xl font-semibold text-slate-900 dark:text-white">There is no site called {domain}</h1>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">Check the spelling in the address, or add the site first; its dashboard lives here once it exists.</p>
      <Link to="/" className={`${buttonClass} mt-6`}>
        Back to your sites
      </Link>
    </section>
  );
}
