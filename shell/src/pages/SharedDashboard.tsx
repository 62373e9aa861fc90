/**
 * `/share/<domain>?auth=<slug>`: a shared link's read-only dashboard, and with `&embed=true` the
 * same inside another site's iframe. A password-protected link asks for its password first
 * (the server then sets a cookie for a day). Every stats request carries the link's slug, so
 * the link is the credential: no settings, no editing, nothing outside that site's stats.
 */
import { createQustoClient, QustoApiError } from '@qusto/sdk';
import { QustoUiContext, useQusto, type QustoUiContextValue } from '@qusto/sdk/ui';
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { FirstEventStatus } from '../components/FirstEventStatus.tsx';
import { earlyFetch, SHARE_HEADER } from '../early-requests.ts';
import { StatsClient, describeError } from '../dashboard/api/stats-client.ts';
import { StatsClientContext } from '../dashboard/api/use-request.ts';
import type { DashboardLocation, SiteInfo } from '../dashboard/context.tsx';
import { Dashboard } from '../dashboard/Dashboard.tsx';
import { cardClass, buttonClass, inputClass, primaryButtonClass } from '../dashboard/components/ui.tsx';
import { useSearch } from '../router.tsx';
import { imposeTheme } from '../theme.ts';
import { keptShareParams, shareParams } from './site/share-params.ts';

/** Header a shared link's slug travels in (core: `SHARE_HEADER`); also accepted as `?auth=`. */
export { SHARE_HEADER };

interface ShareInfo {
  name: string;
  site: { domain: string; timezone: string };
  passwordRequired: boolean;
  unlocked: boolean;
}

type InfoState = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ready'; info: ShareInfo };

/** fetch that sends the link's slug with every request (stats, realtime, plugins' own APIs). */
function fetchWithSlug(slug: string): typeof fetch {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set(SHARE_HEADER, slug);
    // A request preload.ts started for this link is taken over.
    return earlyFetch(input, { ...init, headers });
  };
}

export default function SharedDashboard({ domain }: { domain: string }) {
  const search = useSearch();
  const params = useMemo(() => shareParams(search), [search]);
  const { slug, embed, theme, transparent } = params;
  const { api, shellVersion } = useQusto();
  const [state, setState] = useState<InfoState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!slug) {
      setState({ kind: 'missing' });
      return;
    }
    let cancelled = false;
    setState({ kind: 'loading' });
    api.get<ShareInfo>(`/api/share/${encodeURIComponent(domain)}?auth=${encodeURIComponent(slug)}`).then(
      (info) => !cancelled && setState({ kind: 'ready', info }),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof QustoApiError && error.status === 404) setState({ kind: 'missing' });
        else setState({ kind: 'error', message: describeError(error).message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, domain, slug, attempt]);

  useEmbedLook(embed, theme, transparent);

  // One client per link: its cache and in-flight requests never mix with a signed-in session's.
  const scoped = useMemo(() => {
    if (!slug) return null;
    const fetch = fetchWithSlug(slug);
    const ui: QustoUiContextValue = { api: createQustoClient({ fetch }), shellVersion };
    return { stats: new StatsClient({ fetch }), ui };
  }, [slug, shellVersion]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (state.kind === 'loading') return <SharedSkeleton />;
  if (state.kind === 'missing' || !slug || !scoped) return <LinkGone domain={domain} embed={embed} />;
  if (state.kind === 'error') return <LinkError message={state.message} onRetry={retry} />;
  const { info } = state;
  if (info.passwordRequired && !info.unlocked) return <PasswordStep domain={domain} slug={slug} name={info.name} onUnlocked={retry} />;

  return (
    <QustoUiContext.Provider value={scoped.ui}>
      <StatsClientContext.Provider value={scoped.stats}>
        <SharedView info={info} domain={domain} slug={slug} keep={keptShareParams(params)} embed={embed} transparent={transparent} onGone={retry} />
      </StatsClientContext.Provider>
    </QustoUiContext.Provider>
  );
}

/** An embed's theme and background come from its URL; the visitor's own choice is restored after. */
function useEmbedLook(embed: boolean, theme: ReturnType<typeof shareParams>['theme'], transparent: boolean) {
  useEffect(() => {
    if (!embed) return;
    if (theme) imposeTheme(theme);
    const body = document.body;
    const root = document.documentElement;
    root.dataset.embed = 'true';
    if (transparent) {
      body.style.background = 'transparent';
      root.style.background = 'transparent';
    }
    return () => {
      delete root.dataset.embed;
      body.style.background = '';
      root.style.background = '';
      imposeTheme(null);
    };
  }, [embed, theme, transparent]);
}

interface SharedViewProps {
  info: ShareInfo;
  domain: string;
  slug: string;
  keep: Array<[string, string]>;
  embed: boolean;
  transparent: boolean;
  onGone: () => void;
}

function SharedView({ info, domain, keep, embed, transparent, onGone }: SharedViewProps) {
  const site = useMemo<SiteInfo>(() => ({ id: info.site.domain, domain: info.site.domain, timezone: info.site.timezone, allowedEventProps: null }), [info.site.domain, info.site.timezone]);
  const keepKey = JSON.stringify(keep);
  const location = useMemo<DashboardLocation>(() => ({ path: `/share/${encodeURIComponent(domain)}`, keep: JSON.parse(keepKey) as Array<[string, string]> }), [domain, keepKey]);
  return (
    <Dashboard
      site={site}
      siteKnown
      location={location}
      embedded={embed}
      transparent={transparent}
      above={embed ? undefined : <SharedNote name={info.name} />}
      below={embed ? <PoweredBy compact /> : undefined}
      renderRefused={(message) => (
        <section className={`${cardClass} mt-2 px-6 py-12 text-center`}>
          <h2 className="text-base font-semibold text-slate-900 dark:text-white">This shared link stopped working</h2>
          <p className="mx-auto mt-2 max-w-lg text-sm text-slate-600 dark:text-slate-400">{message}</p>
          <button type="button" onClick={onGone} className={`${buttonClass} mt-5`}>
            Try again
          </button>
        </section>
      )}
      renderNeverTracked={(onDone) => (
        <section className={`${cardClass} mt-2 px-6 py-12 text-center`} data-testid="shared-empty">
          <h2 className="text-base font-semibold text-slate-900 dark:text-white">No visitors recorded yet</h2>
          <p className="mx-auto mt-2 mb-5 max-w-md text-sm text-slate-600 dark:text-slate-400">
            {info.site.domain} has not received its first pageview. The stats appear here as soon as it does.
          </p>
          <FirstEventStatus domain={info.site.domain} onArrived={onDone} />
        </section>
      )}
    />
  );
}

function SharedNote({ name }: { name: string }) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 pt-6 text-sm text-slate-500 dark:text-slate-400" data-testid="shared-note">
      <span className="inline-flex items-center gap-1.5 rounded-full bg-indigo-50 px-2.5 py-0.5 text-xs font-medium text-indigo-700 ring-1 ring-indigo-600/15 ring-inset dark:bg-indigo-500/15 dark:text-indigo-300 dark:ring-indigo-400/25">
        Shared dashboard
      </span>
      <span className="truncate">{name}</span>
      <span aria-hidden="true">·</span>
      <PoweredBy />
    </p>
  );
}

function PoweredBy({ compact = false }: { compact?: boolean }) {
  const link = (
    <a href="/" target={compact ? '_blank' : undefined} rel="noopener" className="font-medium text-slate-600 hover:text-indigo-600 hover:underline dark:text-slate-300 dark:hover:text-indigo-300">
      Powered by Qusto
    </a>
  );
  if (!compact) return link;
  return <p className="mt-6 text-center text-xs text-slate-500 dark:text-slate-400">Shared dashboard · {link}</p>;
}

function Centered({ children }: { children: ReactNode }) {
  return <div className="mx-auto flex max-w-md flex-col px-4 py-16 sm:px-6">{children}</div>;
}

function SharedSkeleton() {
  return (
    <div className="mx-auto max-w-6xl animate-pulse px-4 py-8 sm:px-6" aria-busy="true" aria-label="Loading the shared dashboard" role="status">
      <div className="h-4 w-48 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mt-6 h-10 w-64 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mt-6 h-72 rounded-xl bg-slate-200/70 dark:bg-slate-800/70" />
    </div>
  );
}

function LinkGone({ domain, embed }: { domain: string; embed: boolean }) {
  return (
    <Centered>
      <section className={`${cardClass} px-6 py-12 text-center`} data-testid="share-missing">
        <span aria-hidden="true" className="mx-auto flex size-10 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
          <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} className="size-5">
            <path d="M8.5 11.5 11.5 8.5M7 9.5l-1.8 1.8a2.5 2.5 0 0 0 3.5 3.5l1.8-1.8m2.5-2.5 1.8-1.8a2.5 2.5 0 0 0-3.5-3.5L9.5 7M4 4l12 12" strokeLinecap="round" />
          </svg>
        </span>
        <h1 className="mt-4 text-lg font-semibold text-slate-900 dark:text-white">This shared link does not work</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          There is no shared dashboard of {domain} at this address: the link may have been deleted, or it was copied incompletely. Ask whoever sent it for a new one.
        </p>
        {!embed && (
          <a href="/" className={`${buttonClass} mt-6`}>
            Go to Qusto
          </a>
        )}
      </section>
    </Centered>
  );
}

function LinkError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Centered>
      <section role="alert" className={`${cardClass} px-6 py-12 text-center`}>
        <h1 className="text-lg font-semibold text-slate-900 dark:text-white">The shared dashboard could not be loaded</h1>
        <p className="mt-2 text-sm break-words text-slate-600 dark:text-slate-400">{message}</p>
        <button type="button" onClick={onRetry} className={`${buttonClass} mt-6`}>
          Retry
        </button>
      </section>
    </Centered>
  );
}

function PasswordStep({ domain, slug, name, onUnlocked }: { domain: string; slug: string; name: string; onUnlocked: () => void }) {
  const { api } = useQusto();
  const passwordId = useId();
  const titleId = useId();
  const errorId = useId();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setError('Enter the password you were given with this link.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/share/${encodeURIComponent(domain)}/unlock`, { auth: slug, password });
      onUnlocked();
    } catch (failure) {
      setError(failure instanceof QustoApiError ? failure.message : 'Could not reach the server; try again.');
      setBusy(false);
    }
  }

  return (
    <Centered>
      <section aria-labelledby={titleId} className={`${cardClass} p-6 sm:p-8`}>
        <h1 id={titleId} className="text-lg font-semibold text-slate-900 dark:text-white">
          This dashboard is password protected
        </h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Enter the password to see the stats of <span className="font-medium text-slate-800 dark:text-slate-200">{domain}</span> shared as “{name}”.
        </p>
        <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
          <div>
            <label htmlFor={passwordId} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Password
            </label>
            <input
              id={passwordId}
              type="password"
              autoComplete="current-password"
              autoFocus
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              className={`${inputClass} mt-1 py-2`}
            />
          </div>
          {error && (
            <p id={errorId} role="alert" className="rounded-lg border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-500/40 dark:bg-rose-500/10 dark:text-rose-200">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy} className={`${primaryButtonClass} w-full py-2`}>
            {busy ? 'Checking…' : 'Show the dashboard'}
          </button>
        </form>
      </section>
      <p className="mt-6 text-center text-xs text-slate-500 dark:text-slate-400">
        Shared dashboard · <PoweredBy />
      </p>
    </Centered>
  );
}
