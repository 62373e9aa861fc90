/**
 * A site's dashboard: view controls and filter chips, top stats and the main graph, the core
 * breakdown panels, then the panels plugins contribute (`dashboard.panel`). The view state lives
 * in the URL; details views and filter editors are loaded on demand.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { StatsResult } from '@qusto/sdk';
import type { SlotProps } from '@qusto/sdk/ui';
import { Link, navigate } from '../router.tsx';
import { Slot } from '../plugins/Slot.tsx';
import { Snippet } from '../components/Snippet.tsx';
import { describeError } from '../dashboard/api/stats-client.ts';
import { useRequest } from '../dashboard/api/use-request.ts';
import { DashboardContext, useDashboard, useNow, useUrlState, type DashboardContextValue, type SiteInfo } from '../dashboard/context.tsx';
import { ComparePicker, FilterChips, FilterMenu, PeriodPicker, useShortcuts, withPeriod } from '../dashboard/components/Controls.tsx';
import { cardClass, buttonClass, focusRing, LiveDot, SkeletonBlock } from '../dashboard/components/ui.tsx';
import { VisitorGraph } from '../dashboard/components/VisitorGraph.tsx';
import { DevicesPanel, LocationsPanel, PagesPanel, PropertiesPanel, SourcesPanel } from '../dashboard/panels/Panels.tsx';
import type { FilterGroupId } from '../dashboard/dimensions.ts';
import { formatNumber } from '../dashboard/format.ts';
import { dimensionInfo } from '../dashboard/dimensions.ts';
import { dateRangeOf } from '../dashboard/periods.ts';
import { anyDataQuery, apiFilters, currentVisitorsPath, topStatsQuery } from '../dashboard/queries.ts';
import { escapeValue, parseFilter, withFilter } from '../dashboard/state.ts';
import type { ReportId } from '../dashboard/reports.ts';

const DetailsModal = lazy(() => import(/* webpackChunkName: "details" */ '../dashboard/components/DetailsModal.tsx'));
const FilterEditor = lazy(() => import(/* webpackChunkName: "filter-editor" */ '../dashboard/components/FilterEditor.tsx'));

interface SiteResponse {
  site?: { id?: unknown; domain?: unknown; timezone?: unknown; allowedEventProps?: unknown };
}

export function SiteDashboard({ domain }: { domain: string }) {
  const { state, update, href } = useUrlState(domain);
  const siteRequest = useRequest<SiteResponse>({ kind: 'get', path: `/api/sites/${encodeURIComponent(domain)}` });
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
  const [details, setDetails] = useState<{ report: ReportId; propKey: string | null } | null>(null);
  const [editor, setEditor] = useState<{ group: FilterGroupId; dimension?: string } | null>(null);
  const openDetails = useCallback((report: ReportId, options: { propKey?: string | null } = {}) => setDetails({ report, propKey: options.propKey ?? null }), []);
  const openFilter = useCallback((group: FilterGroupId, dimension?: string) => setEditor({ group, dimension }), []);

  const now = useNow(state.period === 'realtime');
  const value = useMemo<DashboardContextValue>(() => ({ site, state, now, update, href, openDetails, openFilter }), [site, state, now, update, href, openDetails, openFilter]);
  // Plugins see the view as v2 shapes; addFilter narrows it as clicking a report row does.
  const dateRange = dateRangeOf(state, now);
  const dateRangeKey = JSON.stringify(dateRange);
  const filters = useMemo(() => apiFilters(state.filters), [state.filters]);
  const addFilter = useCallback(
    ([op, dimension, values]: [string, string, string[]]) => {
      const filter = parseFilter([op, dimensionInfo(dimension)?.short ?? '', ...values.map(escapeValue)].join(','));
      if (filter) update((s) => ({ ...s, filters: withFilter(s.filters, filter) }));
    },
    [update],
  );
  const slotProps = useMemo<SlotProps>(
    () => ({
      site: { id: site.id, domain, timezone: site.timezone },
      dashboard: { dateRange: JSON.parse(dateRangeKey) as string | [string, string], filters, addFilter },
    }),
    [site.id, domain, site.timezone, dateRangeKey, filters, addFilter],
  );
  const siteMissing = siteRequest.status === 'error' && describeError(siteRequest.error).kind === 'not-found';
  // Plugins' panels follow the core panels, in the same grid.
  const pluginPanels = <Slot name="dashboard.panel" props={slotProps} itemClassName="min-w-0" />;

  return (
    <DashboardContext.Provider value={value}>
      <div className="mx-auto max-w-6xl px-4 pb-12 sm:px-6">
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
        {siteMissing ? (
          <>
            <SiteNotFound domain={domain} />
            <PanelGrid label="Plugin panels">{pluginPanels}</PanelGrid>
          </>
        ) : (
          <DashboardBody siteKnown={loaded !== undefined} pluginPanels={pluginPanels} />
        )}
      </div>
      <Suspense fallback={<LazyFallback />}>
        {details && <DetailsModal reportId={details.report} propKey={details.propKey} onClose={() => setDetails(null)} />}
        {editor && <FilterEditor group={editor.group} dimension={editor.dimension} onClose={() => setEditor(null)} />}
      </Suspense>
    </DashboardContext.Provider>
  );
}

function LazyFallback() {
  return (
    <div role="status" aria-label="Loading" className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/30">
      <span className="size-8 animate-spin rounded-full border-2 border-white/40 border-t-white" />
    </div>
  );
}

function PanelGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section aria-label={label} className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
      {children}
    </section>
  );
}

function DashboardBody({ siteKnown, pluginPanels }: { siteKnown: boolean; pluginPanels: ReactNode }) {
  const { site, state, href, now } = useDashboard();
  const realtime = state.period === 'realtime';
  const topStats = useRequest<StatsResult>({ kind: 'query', body: topStatsQuery(site.domain, state, now) });
  const [periodOpen, setPeriodOpen] = useState(false);
  const [customFocus, setCustomFocus] = useState(false);
  useShortcuts(
    useCallback(() => {
      setCustomFocus(true);
      setPeriodOpen(true);
    }, []),
  );
  const onPeriodOpenChange = useCallback((open: boolean) => {
    setPeriodOpen(open);
    if (!open) setCustomFocus(false);
  }, []);

  // Timing of the first figures, for the browser test and anyone profiling.
  const hasData = topStats.data !== undefined;
  useEffect(() => {
    if (hasData && performance.getEntriesByName('qusto:dashboard-data').length === 0) performance.mark('qusto:dashboard-data');
  }, [hasData]);

  const visitors = topStats.data?.results[0]?.metrics[0];
  const maybeEmpty = topStats.status === 'success' && !realtime && state.filters.length === 0 && visitors === 0;
  const anyData = useRequest<StatsResult>(maybeEmpty ? { kind: 'query', body: anyDataQuery(site.domain) } : null, maybeEmpty ? { refreshMs: 15_000 } : {});
  const neverTracked = maybeEmpty && anyData.status === 'success' && anyData.data?.results[0]?.metrics[0] === 0;
  const authError = topStats.status === 'error' && describeError(topStats.error).kind === 'auth';

  return (
    <>
      <header className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-3">
        <span aria-hidden="true" className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-gradient-to-br from-indigo-500 to-indigo-700 text-lg font-semibold text-white shadow-sm">
          {site.domain.replace(/^www\./, '').charAt(0).toUpperCase()}
        </span>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900 sm:text-2xl dark:text-white">{site.domain}</h1>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-3 text-sm text-slate-500 dark:text-slate-400">
            {!realtime && !authError && <CurrentVisitors realtimeHref={href(withPeriod(state, 'realtime'))} />}
            <span className="text-xs">Times in {siteKnown ? site.timezone : 'the site’s time zone'}</span>
          </p>
        </div>
      </header>

      <div className="sticky top-14 z-20 -mx-4 mt-3 bg-slate-50/90 px-4 py-3 backdrop-blur sm:-mx-6 sm:px-6 dark:bg-slate-950/85">
        <div className="flex flex-wrap items-center gap-2">
          <FilterMenu />
          <div className="ml-auto flex min-w-0 items-center gap-2">
            <ComparePicker />
            <PeriodPicker open={periodOpen} onOpenChange={onPeriodOpenChange} focusCustom={customFocus} />
          </div>
        </div>
        {state.filters.length > 0 && (
          <div className="mt-2">
            <FilterChips />
          </div>
        )}
      </div>

      {authError || neverTracked ? (
        <>
          {authError ? <AuthNotice message={describeError(topStats.error).message} onRetry={topStats.retry} /> : <EmptySite domain={site.domain} />}
          <PanelGrid label="Plugin panels">{pluginPanels}</PanelGrid>
        </>
      ) : (
        <div className="mt-2">
          <VisitorGraph topStats={topStats} siteKnown={siteKnown} />
          <PanelGrid label="Panels">
            <SourcesPanel />
            <PagesPanel />
            <LocationsPanel />
            <DevicesPanel />
            <PropertiesPanel />
            {pluginPanels}
          </PanelGrid>
        </div>
      )}
    </>
  );
}

function CurrentVisitors({ realtimeHref }: { realtimeHref: string }) {
  const { site } = useDashboard();
  const current = useRequest<number>({ kind: 'get', path: currentVisitorsPath(site.domain) }, { refreshMs: 30_000 });
  if (current.status === 'error') return null;
  return (
    <Link to={realtimeHref} keepScroll className={`inline-flex items-center gap-1.5 rounded text-sm font-medium text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white ${focusRing}`} title="Visitors in the last 5 minutes (R)">
      <LiveDot />
      {typeof current.data === 'number' ? (
        <span data-testid="current-visitors">
          {formatNumber(current.data)} current visitor{current.data === 1 ? '' : 's'}
        </span>
      ) : (
        <SkeletonBlock className="h-4 w-28" />
      )}
    </Link>
  );
}

function AuthNotice({ message, onRetry }: { message: string; onRetry: () => void }) {
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
          href={`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}
          onClick={(event) => {
            event.preventDefault();
            navigate(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
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

function EmptySite({ domain }: { domain: string }) {
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const snippet = `<script defer data-domain="${domain}" src="${origin}/js/script.js"></script>`;
  return (
    <section aria-labelledby="empty-site-title" className={`${cardClass} mt-2 px-5 py-10 sm:px-10`} data-testid="empty-site">
      <div className="mx-auto max-w-2xl text-center">
        <span className="inline-flex items-center gap-2 rounded-full bg-amber-50 px-3 py-1 text-xs font-medium text-amber-800 ring-1 ring-amber-600/15 ring-inset dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20">
          <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-amber-500" />
          Waiting for the first pageview
        </span>
        <h2 id="empty-site-title" className="mt-4 text-xl font-semibold text-slate-900 dark:text-white">
          Install the script on {domain}
        </h2>
        <p className="mt-2 text-sm leading-6 text-slate-600 dark:text-slate-400">
          Paste this snippet into the <code className="font-mono text-[0.85em]">&lt;head&gt;</code> of every page of your site. Then visit your site: this dashboard checks every 15 seconds
          and fills in as soon as the first pageview arrives.
        </p>
      </div>
      <div className="mx-auto mt-6 max-w-3xl text-left">
        <Snippet code={snippet} />
      </div>
      <p className="mx-auto mt-4 max-w-2xl text-center text-xs text-slate-500 dark:text-slate-400">
        Already installed? Make sure <code className="font-mono">data-domain</code> is exactly <code className="font-mono">{domain}</code>, and that an ad blocker is not stopping the script
        while you test.
      </p>
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
