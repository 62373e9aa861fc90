/**
 * A site's dashboard, as both the signed-in page (`/<domain>`) and a shared link's read-only
 * page (`/share/<domain>?auth=…`, also embedded) show it: view controls and filter chips, top
 * stats and the main graph, the core breakdown panels, then the panels plugins contribute
 * (`dashboard.panel`). The view state lives in the URL; details views and filter editors are
 * loaded on demand. What differs between the pages comes in as props.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { StatsResult } from '@qusto/sdk';
import type { SlotProps } from '@qusto/sdk/ui';
import { Link } from '../router.tsx';
import { Slot } from '../plugins/Slot.tsx';
import { describeError } from './api/stats-client.ts';
import { useRequest, useStatsClient } from './api/use-request.ts';
import { DashboardContext, useDashboard, useNow, useUrlState, type DashboardContextValue, type DashboardLocation, type SiteInfo } from './context.tsx';
import { ComparePicker, FilterChips, FilterMenu, PeriodPicker, useShortcuts, withPeriod } from './components/Controls.tsx';
import { focusRing, LiveDot, SkeletonBlock } from './components/ui.tsx';
import { VisitorGraph } from './components/VisitorGraph.tsx';
import { DevicesPanel, LocationsPanel, PagesPanel, PropertiesPanel, SourcesPanel } from './panels/Panels.tsx';
import type { FilterGroupId } from './dimensions.ts';
import { dimensionInfo } from './dimensions.ts';
import { formatNumber } from './format.ts';
import { dateRangeOf } from './periods.ts';
import { anyDataQuery, apiFilters } from './queries.ts';
import { currentVisitorsRequest, topStatsRequest } from './requests.ts';
import { escapeValue, parseFilter, withFilter } from './state.ts';
import type { ReportId } from './reports.ts';

const DetailsModal = lazy(() => import(/* webpackChunkName: "details" */ './components/DetailsModal.tsx'));
const FilterEditor = lazy(() => import(/* webpackChunkName: "filter-editor" */ './components/FilterEditor.tsx'));

export interface DashboardProps {
  site: SiteInfo;
  /** The site's details arrived (its time zone is the real one). */
  siteKnown: boolean;
  /** The page's path and the parameters every view keeps. */
  location: DashboardLocation;
  /** Above the header: a breadcrumb or a note. */
  above?: ReactNode;
  /** At the header's right: links such as Settings. */
  actions?: ReactNode;
  /** Instead of the stats, when the page already knows there are none to show (no such site). */
  replacement?: ReactNode;
  /** What to show when the stats API refuses this visitor. */
  renderRefused: (message: string, retry: () => void) => ReactNode;
  /** What a site that never received an event shows; `onDone` shows the stats again. */
  renderNeverTracked: (onDone: () => void) => ReactNode;
  /** Inside an iframe: no top bar above, tighter spacing. */
  embedded?: boolean;
  /** The embedding page shows through (`background=transparent`). */
  transparent?: boolean;
  below?: ReactNode;
}

export function Dashboard({ site, siteKnown, location, above, actions, replacement, renderRefused, renderNeverTracked, embedded = false, transparent = false, below }: DashboardProps) {
  const { state, update, href } = useUrlState(location);
  const [details, setDetails] = useState<{ report: ReportId; propKey: string | null } | null>(null);
  const [editor, setEditor] = useState<{ group: FilterGroupId; dimension?: string } | null>(null);
  const openDetails = useCallback((report: ReportId, options: { propKey?: string | null } = {}) => setDetails({ report, propKey: options.propKey ?? null }), []);
  const openFilter = useCallback((group: FilterGroupId, dimension?: string) => setEditor({ group, dimension }), []);

  const now = useNow(state.period === 'realtime');
  const value = useMemo<DashboardContextValue>(() => ({ site, state, now, update, href, openDetails, openFilter }), [site, state, now, update, href, openDetails, openFilter]);
  // Plugins see the view as v2 shapes; addFilter narrows it as clicking a report row does.
  const dateRangeKey = JSON.stringify(dateRangeOf(state, now));
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
      site: { id: site.id, domain: site.domain, timezone: site.timezone },
      dashboard: { dateRange: JSON.parse(dateRangeKey) as string | [string, string], filters, addFilter },
    }),
    [site.id, site.domain, site.timezone, dateRangeKey, filters, addFilter],
  );
  // Plugins' panels follow the core panels, in the same grid; their code loads once the core
  // panels have their figures, so it does not compete with them.
  const coreSettled = useFirstAnswers();
  const pluginPanels = <Slot name="dashboard.panel" props={slotProps} itemClassName="min-w-0" defer={!coreSettled} />;

  return (
    <DashboardContext.Provider value={value}>
      <div className={`mx-auto max-w-6xl px-4 sm:px-6 ${embedded ? 'pb-4' : 'pb-12'}`}>
        {above}
        {replacement ? (
          <>
            {replacement}
            <PanelGrid label="Plugin panels">{pluginPanels}</PanelGrid>
          </>
        ) : (
          <DashboardBody
            siteKnown={siteKnown}
            pluginPanels={pluginPanels}
            actions={actions}
            embedded={embedded}
            transparent={transparent}
            renderRefused={renderRefused}
            renderNeverTracked={renderNeverTracked}
          />
        )}
        {below}
      </div>
      <Suspense fallback={<LazyFallback />}>
        {details && <DetailsModal reportId={details.report} propKey={details.propKey} onClose={() => setDetails(null)} />}
        {editor && <FilterEditor group={editor.group} dimension={editor.dimension} onClose={() => setEditor(null)} />}
      </Suspense>
    </DashboardContext.Provider>
  );
}

/** Longest the plugin panels wait for the dashboard's first answers. */
const PLUGIN_PANELS_WAIT_MS = 4000;

/** Whether the dashboard's first requests have been answered (or it waited long enough). */
function useFirstAnswers(): boolean {
  const client = useStatsClient();
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (settled) return;
    let current = true;
    const done = () => current && setSettled(true);
    // Effects run children first: the panels' requests are under way by now.
    void client.whenIdle().then(done);
    const timer = setTimeout(done, PLUGIN_PANELS_WAIT_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, settled]);
  return settled;
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

interface BodyProps {
  siteKnown: boolean;
  pluginPanels: ReactNode;
  actions?: ReactNode;
  embedded: boolean;
  transparent: boolean;
  renderRefused: DashboardProps['renderRefused'];
  renderNeverTracked: DashboardProps['renderNeverTracked'];
}

function DashboardBody({ siteKnown, pluginPanels, actions, embedded, transparent, renderRefused, renderNeverTracked }: BodyProps) {
  const { site, state, href, now, update } = useDashboard();
  const client = useStatsClient();
  const realtime = state.period === 'realtime';
  const topStats = useRequest<StatsResult>(topStatsRequest(site.domain, state, now));
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
  const refused = topStats.status === 'error' && describeError(topStats.error).kind === 'auth';
  // Once shown, the set-up steps stay until the user moves on: the first event turns them
  // green rather than making them vanish under the reader's eyes.
  const [settingUp, setSettingUp] = useState(false);
  useEffect(() => {
    if (neverTracked) setSettingUp(true);
  }, [neverTracked]);
  const retryTopStats = topStats.retry;
  // Done setting up: forget the empty answers and show today, where the first event is (the
  // default "last 28 days" ends yesterday).
  const onDone = useCallback(() => {
    client.invalidate();
    retryTopStats();
    setSettingUp(false);
    update((s) => withPeriod(s, 'day'), { replace: true });
  }, [client, retryTopStats, update]);

  return (
    <>
      <header className={`${embedded ? 'mt-3' : 'mt-4'} flex flex-wrap items-center gap-x-4 gap-y-3`}>
        <span aria-hidden="true" className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-gradient-to-br from-indigo-500 to-indigo-700 text-lg font-semibold text-white shadow-sm">
          {site.domain.replace(/^www\./, '').charAt(0).toUpperCase()}
        </span>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900 sm:text-2xl dark:text-white">{site.domain}</h1>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-3 text-sm text-slate-500 dark:text-slate-400">
            {!realtime && !refused && <CurrentVisitors realtimeHref={href(withPeriod(state, 'realtime'))} />}
            <span className="text-xs">Times in {siteKnown ? site.timezone : 'the site’s time zone'}</span>
          </p>
        </div>
        {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
      </header>

      {/* Over a transparent background the bar cannot hide what scrolls under it, so it stays put. */}
      <div
        className={`z-20 -mx-4 mt-3 px-4 py-3 sm:-mx-6 sm:px-6 ${transparent ? 'relative' : `sticky bg-slate-50/90 backdrop-blur dark:bg-slate-950/85 ${embedded ? 'top-0' : 'top-14'}`}`}
      >
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

      {refused || neverTracked || settingUp ? (
        <>
          {refused ? renderRefused(describeError(topStats.error).message, topStats.retry) : renderNeverTracked(onDone)}
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
  const current = useRequest<number>(currentVisitorsRequest(site.domain), { refreshMs: 30_000 });
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
