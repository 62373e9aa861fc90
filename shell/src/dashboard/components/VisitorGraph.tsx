/** Top stats (each one a button that charts it) above the main graph, in one card. */
import { useMemo } from 'react';
import type { StatsResult } from '@qusto/sdk';
import { REALTIME_REFRESH_MS, useDashboard } from '../context.tsx';
import { formatMetric, metricMeta, topStatLabel } from '../format.ts';
import {
  addDays,
  allowedIntervals,
  currentBucketLabel,
  daysBetween,
  effectiveCompare,
  effectiveInterval,
  INTERVAL_LABELS,
  localParts,
  periodLabel,
} from '../periods.ts';
import { graphMetric, hasGoalFilter, topStatsQuery } from '../queries.ts';
import { currentVisitorsRequest, graphRequest as graphRequestOf } from '../requests.ts';
import { seriesToCsv, shapeTimeseries, shapeTopStats, shapeV1Timeseries, type SeriesPoint } from '../shape.ts';
import type { DashboardState, MetricId } from '../state.ts';
import { useRequest, type RequestState } from '../api/use-request.ts';
import { LineChart } from './LineChart.tsx';
import { Menu, MenuItem } from './Menu.tsx';
import { cardClass, ChangeBadge, ChevronDownIcon, DownloadIcon, ErrorNotice, iconButtonClass, SkeletonBlock } from './ui.tsx';

/** Zone offset of a resolved `date_range` end ("…T23:59:59+01:00" -> "+01:00"). */
function offsetOf(result: StatsResult | undefined): string | null {
  const range = result?.query.date_range;
  const end = Array.isArray(range) ? String(range[1] ?? '') : '';
  const match = /([+-]\d{2}:\d{2})$/.exec(end);
  return match ? match[1]! : end.endsWith('Z') ? '+00:00' : null;
}

function resolvedSpanDays(result: StatsResult | undefined): number | null {
  const range = result?.query.date_range;
  if (!Array.isArray(range) || typeof range[0] !== 'string' || typeof range[1] !== 'string') return null;
  return daysBetween(range[0].slice(0, 10), range[1].slice(0, 10));
}

export interface VisitorGraphProps {
  /** The aggregate answer, shared with the dashboard (it decides on empty states). */
  topStats: RequestState<StatsResult>;
  siteKnown: boolean;
}

export function VisitorGraph({ topStats, siteKnown }: VisitorGraphProps) {
  const { site, state, update, now } = useDashboard();
  const realtime = state.period === 'realtime';
  const goalFiltered = hasGoalFilter(state.filters);
  const compare = effectiveCompare(state);
  const metrics = useMemo(() => topStatsQuery(site.domain, state, now).metrics as MetricId[], [site.domain, state, now]);
  const current = useRequest<number>(realtime ? currentVisitorsRequest(site.domain) : null, { refreshMs: REALTIME_REFRESH_MS });

  const spanDays = resolvedSpanDays(topStats.data);
  const interval = effectiveInterval(state, { spanDays });
  const intervals = allowedIntervals(state, { spanDays });
  const metric = graphMetric(state);
  // `all` needs the resolved range to pick its interval; everything else can start at once.
  const graphReady = state.period !== 'all' || (spanDays !== null && !topStats.stale);

  const zone = siteKnown ? site.timezone : (offsetOf(topStats.data) ?? site.timezone);
  const localDate = useMemo(() => {
    const today = localParts(now, zone).date;
    return state.period === 'yesterday' ? addDays(today, -1) : today;
  }, [now, zone, state.period]);

  const graphRequest = graphReady ? graphRequestOf(site.domain, state, interval, localDate, now) : null;
  const graph = useRequest<unknown>(graphRequest, realtime ? { refreshMs: REALTIME_REFRESH_MS } : {});

  const points = useMemo((): SeriesPoint[] | null => {
    if (!graph.data) return null;
    const futureAfter = currentBucketLabel(interval, Date.now(), interval === 'minute' ? site.timezone : zone);
    if (interval === 'minute') return shapeV1Timeseries(graph.data, metric, realtime ? null : futureAfter);
    return shapeTimeseries(graph.data as StatsResult, { futureAfter });
  }, [graph.data, interval, metric, realtime, site.timezone, zone]);

  const stats = topStats.data ? shapeTopStats(topStats.data, metrics) : null;
  const selectMetric = (m: MetricId) => update((s) => ({ ...s, metric: m }));
  const comparisonName = compare === 'year_over_year' ? 'Year over year' : 'Previous period';

  const downloadCsv = () => {
    if (!points) return;
    const blob = new Blob([seriesToCsv(points, metric)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${site.domain}-${metric}-${state.period === 'custom' ? `${state.from}_${state.to}` : state.period}-by-${interval}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section aria-label="Top stats and graph" className={cardClass}>
      {topStats.status === 'error' && !stats ? (
        <ErrorNotice error={topStats.error} onRetry={topStats.retry} what="Top stats" />
      ) : (
        <>
          <ul className="grid grid-cols-2 border-b border-slate-100 sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800" aria-label="Top stats">
            {realtime && (
              <li className="col-span-2 border-b border-slate-100 px-4 py-3 sm:col-span-1 sm:border-r sm:border-b-0 sm:px-5 sm:py-4 dark:border-slate-800">
                <div className="flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
                  <span className="relative inline-flex size-2">
                    <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60 motion-reduce:hidden" />
                    <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
                  </span>
                  Current visitors
                </div>
                <div className="mt-1 text-2xl font-bold tracking-tight text-slate-900 tabular-nums dark:text-white" data-testid="stat-current_visitors">
                  {current.data === undefined ? <SkeletonBlock className="h-8 w-14" /> : formatMetric('visitors', current.data)}
                </div>
                <div className="mt-1 text-xs text-slate-500 dark:text-slate-400">in the last 5 minutes</div>
              </li>
            )}
            {metrics.map((m, i) => {
              const stat = stats?.[i];
              const selected = metric === m;
              return (
                <li key={m} className="min-w-0">
                  <button
                    type="button"
                    aria-pressed={selected}
                    onClick={() => selectMetric(m)}
                    className={`group relative h-full w-full px-4 py-3 text-left transition outline-none hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-inset sm:px-5 sm:py-4 dark:hover:bg-slate-800/40 dark:focus-visible:bg-slate-800/40 ${
                      i === 0 && !realtime ? 'sm:rounded-tl-xl' : ''
                    }`}
                  >
                    <span
                      className={`block truncate text-xs font-semibold tracking-wide uppercase ${selected ? 'text-indigo-600 dark:text-indigo-400' : 'text-slate-500 dark:text-slate-400'}`}
                    >
                      {realtime ? `${metricMeta(m).short} (30 min)` : topStatLabel(m, goalFiltered)}
                    </span>
                    <span className="mt-1 flex flex-wrap items-baseline gap-x-2">
                      {stat ? (
                        <span
                          className={`text-2xl font-bold tracking-tight text-slate-900 tabular-nums transition-opacity dark:text-white ${topStats.stale ? 'opacity-50' : ''}`}
                          title={formatMetric(m, stat.value, { full: true })}
                          data-testid={`stat-${m}`}
                        >
                          {formatMetric(m, stat.value)}
                        </span>
                      ) : (
                        <SkeletonBlock className="my-1 h-7 w-16" />
                      )}
                      {stat && compare !== 'off' && <ChangeBadge metric={m} change={stat.change} />}
                    </span>
                    {stat && compare !== 'off' && (
                      <span className="mt-0.5 block truncate text-xs text-slate-500 tabular-nums dark:text-slate-400">
                        vs {formatMetric(m, stat.comparisonValue)} {compare === 'year_over_year' ? 'a year ago' : 'before'}
                      </span>
                    )}
                    <span
                      aria-hidden="true"
                      className={`absolute inset-x-4 bottom-0 h-0.5 rounded-full transition sm:inset-x-5 ${selected ? 'bg-indigo-500' : 'bg-transparent group-hover:bg-slate-200 dark:group-hover:bg-slate-700'}`}
                    />
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="px-3 pt-3 pb-2 sm:px-5">
            <div className="mb-1 flex flex-wrap items-center gap-x-4 gap-y-1 pl-1 text-xs text-slate-500 dark:text-slate-400">
              <span className="inline-flex items-center gap-1.5">
                <span aria-hidden="true" className="h-0.5 w-4 rounded bg-indigo-500" />
                {topStatLabel(metric, goalFiltered)} · {periodLabel(state)}
              </span>
              {compare !== 'off' && interval !== 'minute' && (
                <span className="inline-flex items-center gap-1.5">
                  <span aria-hidden="true" className="w-4 border-t-2 border-dashed border-slate-300 dark:border-slate-600" />
                  {comparisonName}
                </span>
              )}
              {compare !== 'off' && interval === 'minute' && <span>No comparison by minute</span>}
              <span className="ml-auto flex items-center gap-1">
                {intervals.length > 1 ? (
                  <IntervalMenu intervals={intervals} interval={interval} onChange={(value) => update((s: DashboardState) => ({ ...s, interval: value }))} />
                ) : (
                  <span className="px-2 py-1">{INTERVAL_LABELS[interval]}</span>
                )}
                <button type="button" className={iconButtonClass} onClick={downloadCsv} disabled={!points} aria-label="Download the graph's data as CSV" title="Download CSV">
                  <DownloadIcon className="size-4" />
                </button>
              </span>
            </div>
            {graph.status === 'error' && !points ? (
              <ErrorNotice error={graph.error} onRetry={graph.retry} what="The graph" compact />
            ) : points ? (
              <LineChart
                points={points}
                metric={metric}
                interval={interval}
                description={`${metricMeta(metric).label} per ${interval}, ${periodLabel(state).toLowerCase()}`}
                comparisonName={comparisonName}
                dimmed={graph.stale}
              />
            ) : (
              <div role="status" aria-label="Loading the graph" className="h-[200px] animate-pulse rounded-lg bg-gradient-to-b from-slate-50 to-slate-100/60 sm:h-[280px] dark:from-slate-900 dark:to-slate-800/40" />
            )}
          </div>
        </>
      )}
    </section>
  );
}

function IntervalMenu({ intervals, interval, onChange }: { intervals: DashboardState['interval'][]; interval: NonNullable<DashboardState['interval']>; onChange: (value: NonNullable<DashboardState['interval']>) => void }) {
  return (
    <Menu
      ariaLabel={`Graph interval: ${INTERVAL_LABELS[interval]}`}
      button={
        <>
          {INTERVAL_LABELS[interval]}
          <ChevronDownIcon className="size-3.5" />
        </>
      }
      buttonClassName="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
      panelClassName="w-36"
    >
      {intervals.map((value) =>
        value ? (
          <MenuItem key={value} checked={value === interval} onSelect={() => onChange(value)}>
            {INTERVAL_LABELS[value]}
          </MenuItem>
        ) : null,
      )}
    </Menu>
  );
}
