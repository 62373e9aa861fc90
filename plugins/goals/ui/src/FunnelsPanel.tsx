/**
 * Funnels: pick one of the site's funnels and see how many visitors reached each step, with the
 * conversion rate and the drop-off between steps. Rendered as the "Funnels" tab of GoalsPanel;
 * also exposed alone (`./FunnelsPanel`) for hosts that give it a slot of its own.
 */
import { useCallback, useEffect, useState } from 'react';
import { useQusto, type DashboardView, type SlotProps } from '@qusto/sdk/ui';
import './goals.css';

/** One funnel as `GET /api/sites/:domain/funnels` returns it. */
export interface Funnel {
  id: string;
  name: string;
  strict_order?: boolean;
  steps: string[];
}

export interface FunnelStep {
  goal: string;
  visitors: number;
  dropoff: number;
  dropoff_percentage: number;
  conversion_rate: number;
  conversion_rate_step: number;
}

/** `GET /api/sites/:domain/funnels/:id/report` */
export interface FunnelReport {
  name: string;
  all_visitors: number;
  entering_visitors: number;
  steps: FunnelStep[];
  date_range?: [string, string];
}

type Load<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Hook: GET `path` (null: nothing to load), with retry. */
function useGet<T>(path: string | null): [Load<T>, () => void] {
  const { api } = useQusto();
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!path) return;
    let cancelled = false;
    setState({ status: 'loading' });
    api.get<T>(path).then(
      (data) => !cancelled && setState({ status: 'ready', data }),
      (error: unknown) => !cancelled && setState({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, path, generation]);
  return [state, useCallback(() => setGeneration((n) => n + 1), [])];
}

/**
 * The report's `from`/`to` for the dashboard's date range: explicit dates for `[from, to]` (dates
 * or timestamps); none for a preset period, so the server uses its default (the last 30 days).
 */
export function reportQuery(dateRange: DashboardView['dateRange'] | undefined): string {
  if (!Array.isArray(dateRange)) return '';
  const [from, to] = dateRange.map((value) => value.slice(0, 10));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(to ?? '')) return '';
  return `?${new URLSearchParams({ from: from!, to: to! }).toString()}`;
}

const numberFormat = new Intl.NumberFormat('en-US');
export const formatCount = (value: number) => numberFormat.format(value);
export const formatPercent = (value: number) => `${Math.round(value * 10) / 10}%`;

export function FunnelsSection({ domain, dashboard }: { domain: string; dashboard?: DashboardView }) {
  const base = `/api/sites/${encodeURIComponent(domain)}/funnels`;
  const [list, retryList] = useGet<{ funnels?: Funnel[] }>(base);
  const funnels = list.status === 'ready' && Array.isArray(list.data?.funnels) ? list.data.funnels : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = funnels.find((f) => f.id === chosen) ?? funnels[0];
  const [report, retryReport] = useGet<FunnelReport>(selected ? `${base}/${encodeURIComponent(selected.id)}/report${reportQuery(dashboard?.dateRange)}` : null);

  if (list.status === 'loading') return <Loading label="Loading funnels" />;
  if (list.status === 'error') return <Problem title="Couldn't load funnels" message={list.message} onRetry={retryList} />;
  if (!selected) {
    return (
      <div className="flex flex-1 flex-col items-center justify-center py-8 text-center">
        <span aria-hidden="true" className="flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-300">
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.75" className="size-6">
            <path d="M3.75 5.25h16.5l-6 7.5v5.25l-4.5 2.25v-7.5z" strokeLinejoin="round" />
          </svg>
        </span>
        <h3 className="mt-4 text-sm font-semibold text-slate-900 dark:text-white">No funnels yet</h3>
        <p className="mt-1.5 max-w-xs text-sm leading-6 text-slate-600 dark:text-slate-400">
          A funnel follows visitors through 2 to 8 goals in order, like pricing → signup → purchase.
        </p>
      </div>
    );
  }

  return (
    <div className="flex flex-1 flex-col" data-testid="funnel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {funnels.length > 1 ? (
          <label className="flex min-w-0 items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <span className="sr-only">Funnel</span>
            <select
              value={selected.id}
              onChange={(event) => setChosen(event.target.value)}
              aria-label="Funnel"
              className="max-w-full min-w-0 truncate rounded-lg border border-slate-300 bg-white py-1 pr-8 pl-2.5 text-sm font-medium text-slate-900 shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100"
            >
              {funnels.map((funnel) => (
                <option key={funnel.id} value={funnel.id}>
                  {funnel.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <h3 className="truncate text-sm font-semibold text-slate-900 dark:text-white">{selected.name}</h3>
        )}
        {report.status === 'ready' && report.data.date_range && (
          <span className="text-xs text-slate-500 dark:text-slate-400">
            {report.data.date_range[0]} – {report.data.date_range[1]}
          </span>
        )}
      </div>
      <div className="mt-4 flex flex-1 flex-col">
        {report.status === 'loading' ? (
          <Loading label="Loading the funnel" />
        ) : report.status === 'error' ? (
          <Problem title="Couldn't load the funnel" message={report.message} onRetry={retryReport} />
        ) : (
          <FunnelChart report={report.data} />
        )}
      </div>
    </div>
  );
}

function FunnelChart({ report }: { report: FunnelReport }) {
  const steps = Array.isArray(report.steps) ? report.steps : [];
  const first = steps[0]?.visitors ?? 0;
  const last = steps[steps.length - 1];
  return (
    <>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <span className="font-semibold text-slate-900 tabular-nums dark:text-white">{formatCount(report.entering_visitors)}</span> entered,{' '}
        <span className="font-semibold text-slate-900 tabular-nums dark:text-white">{formatPercent(last?.conversion_rate ?? 0)}</span> completed the funnel
      </p>
      <ol className="mt-4 space-y-3" aria-label={`Steps of ${report.name}`}>
        {steps.map((step, index) => {
          const width = first > 0 ? Math.max(step.visitors > 0 ? 1.5 : 0, (step.visitors / first) * 100) : 0;
          return (
            <li key={`${index}:${step.goal}`} data-testid="funnel-step">
              <div className="flex items-baseline justify-between gap-3 text-sm">
                <span className="min-w-0 truncate font-medium text-slate-900 dark:text-slate-100">
                  <span className="mr-1.5 text-xs text-slate-400 tabular-nums dark:text-slate-500">{index + 1}</span>
                  {step.goal}
                </span>
                <span className="shrink-0 text-slate-600 tabular-nums dark:text-slate-400">
                  <span className="font-semibold text-slate-900 dark:text-white">{formatCount(step.visitors)}</span> visitors ·{' '}
                  <span title="Of the visitors who entered the funnel">{formatPercent(step.conversion_rate)}</span>
                </span>
              </div>
              <div className="mt-1.5 h-6 overflow-hidden rounded-md bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                <div className="h-full rounded-md bg-indigo-500 transition-[width] dark:bg-indigo-400" style={{ width: `${width}%` }} />
              </div>
              {index > 0 && (
                <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                  {step.dropoff > 0 ? (
                    <span className="text-rose-600 dark:text-rose-400">
                      ↓ {formatCount(step.dropoff)} dropped off ({formatPercent(step.dropoff_percentage)})
                    </span>
                  ) : (
                    'No drop-off'
                  )}
                  {' · '}
                  {formatPercent(step.conversion_rate_step)} of the previous step
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="animate-pulse space-y-4 pt-1">
      {[70, 55, 40].map((width) => (
        <div key={width} className="flex items-center gap-4">
          <div className="h-3 rounded bg-slate-100 dark:bg-slate-800" style={{ width: `${width}%` }} />
          <div className="ml-auto h-3 w-8 rounded bg-slate-100 dark:bg-slate-800" />
          <div className="h-3 w-8 rounded bg-slate-100 dark:bg-slate-800" />
        </div>
      ))}
    </div>
  );
}

export function Problem({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-1 flex-col items-center justify-center py-8 text-center">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">{title}</h3>
      <p className="mt-1.5 max-w-sm text-sm break-words text-slate-600 dark:text-slate-400">{message}</p>
      <button
        type="button"
        onClick={onRetry}
        className="mt-4 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm transition hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
      >
        Try again
      </button>
    </div>
  );
}

/** The funnels on their own card (exposed as `./FunnelsPanel`). */
export default function FunnelsPanel({ site, dashboard }: SlotProps) {
  return (
    <section
      data-testid="funnels-panel"
      aria-labelledby="funnels-panel-title"
      className="flex h-full flex-col rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="px-5 pt-5">
        <h2 id="funnels-panel-title" className="text-base font-semibold text-slate-900 dark:text-white">
          Funnels
        </h2>
      </header>
      <div className="flex flex-1 flex-col px-5 pt-4 pb-5">
        {site?.domain ? <FunnelsSection domain={site.domain} dashboard={dashboard} /> : <p className="py-8 text-center text-sm text-slate-600">Open a site's dashboard to see its funnels.</p>}
      </div>
    </section>
  );
}
