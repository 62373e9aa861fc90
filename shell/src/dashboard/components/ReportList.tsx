/** The top rows of one report in a panel: bars, values, click to filter, Details. */
import type { StatsResult } from '@qusto/sdk';
import { Link } from '../../router.tsx';
import { useRequest } from '../api/use-request.ts';
import { useDashboard } from '../context.tsx';
import { formatMetric, formatFullNumber } from '../format.ts';
import { PANEL_ROWS, panelQueryMetrics, panelRequest, topStatsRequest } from '../requests.ts';
import { rowHref, rowLabel, type Report } from '../reports.ts';
import { shapeBreakdown, withShareOfView } from '../shape.ts';
import { withFilter } from '../state.ts';
import { Flag } from './Flag.tsx';
import { ErrorNotice, ExpandIcon, ExternalIcon, focusRing, SkeletonRows } from './ui.tsx';
import { describeChange } from '../format.ts';

export { PANEL_ROWS };
const ROW_HEIGHT = 'h-8';

export interface ReportListProps {
  report: Report;
  /** After a row filters the view (drill-down to another tab). */
  onFiltered?: () => void;
  propKey?: string | null;
  emptyHint?: string;
}

export function ReportList({ report, onFiltered, propKey, emptyHint }: ReportListProps) {
  const { site, state, href, openDetails, now } = useDashboard();
  const result = useRequest<StatsResult>(panelRequest(site.domain, state, report, now));

  const totalVisitors = useViewVisitors();
  const shaped = result.data ? shapeBreakdown(result.data, panelQueryMetrics(report)) : null;
  const rows = report.panelMetrics.includes('percentage') ? withShareOfView(shaped?.rows ?? [], totalVisitors) : (shaped?.rows ?? []);
  const max = Math.max(1, ...rows.map((row) => row.metrics.visitors ?? 0));

  let body;
  if (result.status === 'error' && !shaped) body = <ErrorNotice error={result.error} onRetry={result.retry} what={report.title} compact />;
  else if (!shaped) body = <SkeletonRows label={report.title.toLowerCase()} rows={PANEL_ROWS - 2} className="pt-1" />;
  else if (rows.length === 0)
    body = (
      <div className="flex h-full flex-col items-center justify-center px-4 py-10 text-center">
        <p className="text-sm font-medium text-slate-700 dark:text-slate-300">No data yet</p>
        <p className="mt-1 max-w-xs text-sm text-slate-500 dark:text-slate-400">
          {emptyHint ?? (state.filters.length > 0 ? 'Nothing matches the current filters in this period. Remove a filter or pick a longer period.' : 'Nothing was recorded for this report in this period. Try a longer period.')}
        </p>
      </div>
    );
  else
    body = (
      <ul className={`space-y-1 transition-opacity ${result.stale ? 'opacity-50' : ''}`} data-testid={`report-${report.id}`}>
        {rows.map((row) => {
          const value = row.dimensions[0]!;
          const label = rowLabel(report, row.dimensions);
          const visitors = row.metrics.visitors ?? 0;
          const percentage = row.metrics.percentage;
          const target = href({ ...state, filters: withFilter(state.filters, { op: 'is', dimension: report.filterDimension, values: [String(value)] }) });
          const external = report.link ? rowHref(report, String(value), site.domain) : null;
          const change = row.comparison ? describeChange('visitors', row.comparison.change.visitors) : null;
          const title = `${label.text}\n${formatFullNumber(visitors)} visitors${percentage != null ? ` (${formatMetric('percentage', percentage)})` : ''}${change ? `, ${change.spoken} vs comparison` : ''}`;
          return (
            <li key={row.dimensions.join('\u0000')} className={`group flex items-center gap-3 ${ROW_HEIGHT}`}>
              <div className="relative flex h-full min-w-0 flex-1 items-center">
                <span
                  aria-hidden="true"
                  className="absolute inset-y-0 left-0 rounded-md bg-indigo-50 transition-[width] dark:bg-indigo-500/15"
                  style={{ width: `${Math.max(1, (visitors / max) * 100)}%` }}
                />
                <Link
                  to={target}
                  keepScroll
                  onClick={() => onFiltered?.()}
                  title={title}
                  className={`relative flex h-full min-w-0 flex-1 items-center gap-2 rounded-md px-2 text-sm text-slate-800 hover:underline dark:text-slate-200 ${focusRing}`}
                >
                  {label.country && <Flag code={label.country} />}
                  <span className="truncate">{label.text}</span>
                  <span className="sr-only">, filter by this {report.column.toLowerCase()}</span>
                </Link>
                {external && (
                  <a
                    href={external}
                    target="_blank"
                    rel="noopener noreferrer nofollow"
                    className={`relative mr-1 hidden shrink-0 rounded p-1 text-slate-400 group-hover:inline-flex hover:text-slate-700 focus-visible:inline-flex dark:hover:text-slate-200 ${focusRing}`}
                    aria-label={`Open ${label.text} in a new tab`}
                  >
                    <ExternalIcon className="size-3.5" />
                  </a>
                )}
              </div>
              <span className="w-12 shrink-0 text-right text-sm font-medium text-slate-900 tabular-nums dark:text-slate-100">{formatMetric('visitors', visitors)}</span>
              {percentage !== undefined && (
                <span className="hidden w-12 shrink-0 text-right text-xs text-slate-500 tabular-nums sm:inline dark:text-slate-400">{formatMetric('percentage', percentage)}</span>
              )}
            </li>
          );
        })}
      </ul>
    );

  return (
    <div className="flex min-h-[12rem] flex-col lg:min-h-[22rem]">
      <div className="mb-1 flex items-center gap-3 px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        <span className="min-w-0 flex-1 truncate">{report.column}</span>
        <span className="w-12 shrink-0 text-right">Visitors</span>
        {report.panelMetrics.includes('percentage') && <span className="hidden w-12 shrink-0 text-right sm:inline">%</span>}
      </div>
      <div className="flex-1">{body}</div>
      {shaped && rows.length > 0 && (
        <div className="mt-2 flex justify-center border-t border-slate-100 pt-2 dark:border-slate-800">
          <button
            type="button"
            onClick={() => openDetails(report.id, { propKey: propKey ?? null })}
            className={`inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-xs font-semibold text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white ${focusRing}`}
          >
            <ExpandIcon className="size-3.5" />
            Details
            {shaped.totalRows !== null && shaped.totalRows > rows.length && <span className="font-normal text-slate-500 dark:text-slate-400">({formatFullNumber(shaped.totalRows)})</span>}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * Visitors in the whole view (the top stats' first figure): the base of "% of visitors". Same
 * request as the top stats, so it is shared, not sent again.
 */
export function useViewVisitors(): number | null {
  const { site, state, now } = useDashboard();
  const result = useRequest<StatsResult>(topStatsRequest(site.domain, state, now));
  const value = result.data?.results[0]?.metrics[0];
  return typeof value === 'number' ? value : null;
}
