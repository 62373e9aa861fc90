/**
 * A report's details view (loaded on demand): every row, more metrics, % of visitors; sortable
 * columns, a contains search and pages of 100 rows. A row's name filters the dashboard by it.
 */
import { useEffect, useId, useState } from 'react';
import type { StatsResult } from '@qusto/sdk';
import { Link } from '../../router.tsx';
import { useRequest } from '../api/use-request.ts';
import { useDashboard } from '../context.tsx';
import { formatFullNumber, formatMetric, metricMeta } from '../format.ts';
import { effectiveCompare, periodLabel } from '../periods.ts';
import { breakdownQuery } from '../queries.ts';
import { report as reportOf, rowHref, rowLabel, type ReportId } from '../reports.ts';
import { shapeBreakdown, withShareOf } from '../shape.ts';
import { withFilter } from '../state.ts';
import { Flag } from './Flag.tsx';
import { useViewVisitors } from './ReportList.tsx';
import { Modal } from './Modal.tsx';
import { buttonClass, ChangeBadge, ChevronLeftIcon, ChevronRightIcon, ErrorNotice, ExternalIcon, focusRing, inputClass, SearchIcon, SkeletonRows } from './ui.tsx';
import { useDebounced } from './useDebounced.ts';

export const DETAILS_PAGE_SIZE = 100;

export interface DetailsModalProps {
  reportId: ReportId;
  propKey?: string | null;
  onClose: () => void;
}

type Order = [string, 'asc' | 'desc'];

export default function DetailsModal({ reportId, propKey, onClose }: DetailsModalProps) {
  const { site, state, href, now } = useDashboard();
  const r = reportOf(reportId, state, { propKey: propKey ?? null });
  const [search, setSearch] = useState('');
  const query = useDebounced(search, 250);
  const [order, setOrder] = useState<Order>(['visitors', 'desc']);
  const [page, setPage] = useState(0);
  const compare = effectiveCompare(state) !== 'off';
  const searchId = useId();

  useEffect(() => setPage(0), [query, order]);

  const result = useRequest<StatsResult>({
    kind: 'query',
    body: breakdownQuery(site.domain, state, {
      dimensions: r.dimensions,
      metrics: r.detailsMetrics,
      extraFilters: r.extraFilters,
      orderBy: [order],
      limit: DETAILS_PAGE_SIZE,
      offset: page * DETAILS_PAGE_SIZE,
      search: { dimension: r.searchDimension, text: query },
      compare,
    }, now),
  });
  const totalVisitors = useViewVisitors();
  const raw = result.data ? shapeBreakdown(result.data, r.detailsMetrics) : null;
  const shaped = raw ? { ...raw, rows: withShareOf(raw.rows, totalVisitors) } : null;
  const total = shaped?.totalRows ?? null;
  const first = page * DETAILS_PAGE_SIZE;
  const lastPage = total !== null ? Math.max(0, Math.ceil(total / DETAILS_PAGE_SIZE) - 1) : 0;

  const sortBy = (column: string) =>
    setOrder(([current, direction]) => (current === column ? [column, direction === 'desc' ? 'asc' : 'desc'] : [column, column === r.filterDimension ? 'asc' : 'desc']));

  const header = (column: string, label: string, numeric: boolean) => {
    const active = order[0] === column;
    return (
      <th
        key={column}
        scope="col"
        aria-sort={active ? (order[1] === 'asc' ? 'ascending' : 'descending') : 'none'}
        className={`sticky top-0 z-10 bg-white px-3 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:bg-slate-900 dark:text-slate-400 ${numeric ? 'text-right' : 'left-0 z-20 text-left'}`}
      >
        <button type="button" onClick={() => sortBy(column)} className={`inline-flex items-center gap-1 rounded uppercase hover:text-slate-900 dark:hover:text-white ${focusRing} ${active ? 'text-slate-900 dark:text-white' : ''}`}>
          {label}
          <span aria-hidden="true" className={active ? '' : 'opacity-0'}>
            {active && order[1] === 'asc' ? '↑' : '↓'}
          </span>
        </button>
      </th>
    );
  };

  return (
    <Modal
      title={
        <>
          {r.title}
          <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">{periodLabel(state)}</span>
        </>
      }
      onClose={onClose}
      initialFocus="input[type=search]"
      footer={
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600 dark:text-slate-400">
          <span aria-live="polite">
            {total === null ? '…' : total === 0 ? 'No rows' : `${formatFullNumber(first + 1)}–${formatFullNumber(Math.min(total, first + DETAILS_PAGE_SIZE))} of ${formatFullNumber(total)}`}
          </span>
          <span className="flex gap-2">
            <button type="button" className={buttonClass} disabled={page === 0} onClick={() => setPage((p) => Math.max(0, p - 1))}>
              <ChevronLeftIcon className="size-4" />
              Previous
            </button>
            <button type="button" className={buttonClass} disabled={page >= lastPage} onClick={() => setPage((p) => Math.min(lastPage, p + 1))}>
              Next
              <ChevronRightIcon className="size-4" />
            </button>
          </span>
        </div>
      }
    >
      <div className="border-b border-slate-100 px-4 py-3 sm:px-6 dark:border-slate-800">
        <label htmlFor={searchId} className="sr-only">
          Search {r.column.toLowerCase()}
        </label>
        <div className="relative">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
          <input
            id={searchId}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={`Search ${r.column.toLowerCase()}…`}
            className={`${inputClass} pl-8`}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      </div>
      {result.status === 'error' && !shaped ? (
        <ErrorNotice error={result.error} onRetry={result.retry} what={r.title} />
      ) : !shaped ? (
        <div className="p-6">
          <SkeletonRows label={r.title.toLowerCase()} rows={8} />
        </div>
      ) : shaped.rows.length === 0 ? (
        <p className="px-6 py-16 text-center text-sm text-slate-500 dark:text-slate-400">{query ? `Nothing contains “${query}”.` : 'No data for this period.'}</p>
      ) : (
        <div className={`overflow-x-auto transition-opacity ${result.stale ? 'opacity-50' : ''}`}>
          <table className="w-full min-w-[36rem] border-collapse text-sm" data-testid="details-table">
            <thead>
              <tr className="border-b border-slate-100 dark:border-slate-800">
                {header(r.filterDimension, r.column, false)}
                {r.detailsMetrics.map((metric) => header(metric, metricMeta(metric).short, true))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-50 dark:divide-slate-800/70">
              {shaped.rows.map((row) => {
                const value = String(row.dimensions[0]);
                const label = rowLabel(r, row.dimensions);
                const external = r.link ? rowHref(r, value, site.domain) : null;
                const target = href({ ...state, filters: withFilter(state.filters, { op: 'is', dimension: r.filterDimension, values: [value] }) });
                return (
                  <tr key={row.dimensions.join('\u0000')} className="group hover:bg-slate-50 dark:hover:bg-slate-800/50">
                    <th scope="row" className="sticky left-0 max-w-[18rem] bg-white px-3 py-2 text-left font-normal group-hover:bg-slate-50 sm:max-w-md dark:bg-slate-900 dark:group-hover:bg-[color-mix(in_oklab,var(--color-slate-800)_50%,var(--color-slate-900))]">
                      <span className="flex min-w-0 items-center gap-2">
                        {label.country && <Flag code={label.country} />}
                        <Link to={target} keepScroll onClick={onClose} title={label.text} className={`truncate rounded text-slate-800 hover:underline dark:text-slate-200 ${focusRing}`}>
                          {label.text}
                        </Link>
                        {external && (
                          <a href={external} target="_blank" rel="noopener noreferrer nofollow" aria-label={`Open ${label.text} in a new tab`} className={`shrink-0 rounded text-slate-400 hover:text-slate-700 dark:hover:text-slate-200 ${focusRing}`}>
                            <ExternalIcon className="size-3.5" />
                          </a>
                        )}
                      </span>
                    </th>
                    {r.detailsMetrics.map((metric) => (
                      <td key={metric} className="px-3 py-2 text-right whitespace-nowrap text-slate-700 tabular-nums dark:text-slate-300">
                        {formatMetric(metric, row.metrics[metric], { full: true })}
                        {row.comparison && metric === 'visitors' && <ChangeBadge metric={metric} change={row.comparison.change[metric]} className="ml-1.5" />}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Modal>
  );
}
