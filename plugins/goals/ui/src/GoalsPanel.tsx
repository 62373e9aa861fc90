/**
 * The goals plugin's dashboard panel (slot `dashboard.panel`), loaded by the shell at run time:
 * goal conversions and revenue over the dashboard's view (click a goal to filter by it), a
 * goal's custom properties, and the site's funnels, on three tabs.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQusto, type SlotProps } from '@qusto/sdk/ui';
import { formatCount, formatPercent, FunnelsSection, Loading, Problem } from './FunnelsPanel.tsx';
import { GoalPropertiesSection } from './GoalProperties.tsx';
import { toMoney, type Money } from './money.ts';
import './goals.css';

/** One goal as `GET /api/sites/:domain/goals` returns it. */
export interface Goal {
  id: string;
  display_name: string;
  event_name: string | null;
  page_path: string | null;
  /** ISO 4217 code of a revenue goal. */
  currency?: string | null;
  custom_props?: Record<string, string>;
  /** 0–100 for a scroll goal; -1 otherwise. */
  scroll_threshold?: number;
}

type State = { status: 'loading' } | { status: 'ready'; goals: Goal[] } | { status: 'error'; message: string };

/** A goal's figures over the dashboard's view (Stats API v2, `event:goal` breakdown). */
export interface Conversion {
  name: string;
  goal: Goal | null;
  visitors: number;
  events: number;
  conversionRate: number;
  /** Revenue goals only (when revenue was asked for). */
  totalRevenue: Money | null;
  averageRevenue: Money | null;
}

type Stats = { status: 'idle' | 'loading' } | { status: 'ready'; rows: Conversion[] } | { status: 'error'; message: string };

interface QueryResult {
  results?: Array<{ dimensions?: unknown[]; metrics?: unknown[] }>;
}

/** Without a dashboard view (an older host): the dashboard's default period, no filters. */
const FALLBACK_DATE_RANGE = '28d';
const toNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Rows for the table: goals with conversions first (most visitors first), then the others at 0. */
export function conversionRows(goals: Goal[], result: QueryResult | undefined, filtered: boolean): Conversion[] {
  const byName = new Map(goals.map((goal) => [goal.display_name, goal]));
  const rows: Conversion[] = [];
  for (const row of Array.isArray(result?.results) ? result.results : []) {
    const name = String(row.dimensions?.[0] ?? '');
    if (!name) continue;
    const metrics = row.metrics ?? [];
    const [visitors, events, conversionRate] = metrics.slice(0, 3).map(toNumber);
    rows.push({
      name,
      goal: byName.get(name) ?? null,
      visitors: visitors ?? 0,
      events: events ?? 0,
      conversionRate: conversionRate ?? 0,
      totalRevenue: toMoney(metrics[3]),
      averageRevenue: toMoney(metrics[4]),
    });
  }
  rows.sort((a, b) => b.visitors - a.visitors || b.events - a.events || a.name.localeCompare(b.name));
  // With a goal filter the others are filtered out on purpose: do not list them as 0.
  if (!filtered) {
    const seen = new Set(rows.map((row) => row.name));
    for (const goal of goals) if (!seen.has(goal.display_name)) rows.push({ name: goal.display_name, goal, visitors: 0, events: 0, conversionRate: 0, totalRevenue: null, averageRevenue: null });
  }
  return rows;
}

const isGoalFilter = (filter: unknown) => Array.isArray(filter) && filter[1] === 'event:goal';
export const isRevenueGoal = (goal: Goal) => Boolean(goal.currency);

const TABS = [
  { id: 'goals', label: 'Goals' },
  { id: 'properties', label: 'Properties' },
  { id: 'funnels', label: 'Funnels' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export default function GoalsPanel({ site, dashboard }: SlotProps) {
  const { api } = useQusto();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [stats, setStats] = useState<Stats>({ status: 'idle' });
  const [generation, setGeneration] = useState(0);
  const [tab, setTab] = useState<TabId>('goals');
  const domain = site?.domain;

  useEffect(() => {
    if (!domain) return;
    let cancelled = false;
    setState({ status: 'loading' });
    api.get<{ goals?: Goal[] }>(`/api/sites/${encodeURIComponent(domain)}/goals`).then(
      (body) => {
        if (!cancelled) setState({ status: 'ready', goals: Array.isArray(body?.goals) ? body.goals : [] });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', message: messageOf(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, domain, generation]);

  // The view as a stable key: hosts may rebuild the arrays on every render.
  const viewKey = JSON.stringify([dashboard?.dateRange ?? FALLBACK_DATE_RANGE, dashboard?.filters ?? []]);
  const goals = state.status === 'ready' ? state.goals : null;
  useEffect(() => {
    // No goals, no conversions to ask for (and `conversion_rate` needs goals on the server).
    if (!domain || !goals || goals.length === 0) return;
    let cancelled = false;
    const [dateRange, filters] = JSON.parse(viewKey) as [string | [string, string], unknown[]];
    // Revenue only when there are revenue goals (else every value would be null).
    const revenue = goals.some(isRevenueGoal) ? ['total_revenue', 'average_revenue'] : [];
    const query: Record<string, unknown> = {
      site_id: domain,
      metrics: ['visitors', 'events', 'conversion_rate', ...revenue],
      dimensions: ['event:goal'],
      date_range: dateRange,
      order_by: [['visitors', 'desc']],
    };
    if (filters.length > 0) query.filters = filters;
    setStats({ status: 'loading' });
    api.post<QueryResult>('/api/v2/query', query).then(
      (result) => {
        if (!cancelled) setStats({ status: 'ready', rows: conversionRows(goals, result, filters.some(isGoalFilter)) });
      },
      (error: unknown) => {
        if (!cancelled) setStats({ status: 'error', message: messageOf(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, domain, goals, viewKey]);

  const retry = useCallback(() => setGeneration((n) => n + 1), []);
  const count = goals && goals.length > 0 ? goals.length : null;
  const addFilter = dashboard?.addFilter;
  const onPick = useMemo(() => (addFilter ? (name: string) => addFilter(['is', 'event:goal', [name]]) : undefined), [addFilter]);

  let goalsBody: ReactNode;
  if (!domain) goalsBody = <Message title="No site selected">Open a site's dashboard to see its goals.</Message>;
  else if (state.status === 'loading') goalsBody = <LoadingRows />;
  else if (state.status === 'error') goalsBody = <ErrorState title="Couldn't load goals" message={state.message} onRetry={retry} />;
  else if (state.goals.length === 0) goalsBody = <EmptyState />;
  else if (stats.status === 'error') goalsBody = <ErrorState title="Couldn't load goal conversions" message={stats.message} onRetry={retry} />;
  else if (stats.status === 'ready') goalsBody = <GoalsTable rows={stats.rows} onPick={onPick} showRevenue={state.goals.some(isRevenueGoal)} />;
  else goalsBody = <LoadingRows />;

  return (
    <section
      data-testid="goals-panel"
      aria-labelledby="goals-panel-title"
      className="flex h-full flex-col rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex flex-wrap items-center justify-between gap-3 px-5 pt-5">
        <div className="flex min-w-0 items-center gap-2">
          <h2 id="goals-panel-title" className="text-base font-semibold text-slate-900 dark:text-white">
            Goal conversions
          </h2>
          {count !== null && (
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              {count} {count === 1 ? 'goal' : 'goals'}
            </span>
          )}
        </div>
        {domain && (
          <div role="tablist" aria-label="Goal reports" className="flex rounded-lg bg-slate-100 p-0.5 text-sm dark:bg-slate-800">
            {TABS.map(({ id, label }) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`goals-tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`goals-tabpanel-${id}`}
                onClick={() => setTab(id)}
                className={`rounded-md px-2.5 py-1 font-medium transition focus-visible:outline-2 focus-visible:outline-indigo-600 ${
                  tab === id ? 'bg-white text-slate-900 shadow-sm dark:bg-slate-900 dark:text-white' : 'text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white'
                }`}
              >
                {label}
              </button>
            ))}
          </div>
        )}
      </header>
      <div className="flex flex-1 flex-col px-5 pt-4 pb-5" role={domain ? 'tabpanel' : undefined} id={`goals-tabpanel-${tab}`} aria-labelledby={domain ? `goals-tab-${tab}` : undefined}>
        {tab === 'funnels' && domain ? (
          <FunnelsSection domain={domain} dashboard={dashboard} />
        ) : tab === 'properties' && domain ? (
          <GoalPropertiesSection domain={domain} goals={goals} dashboard={dashboard} />
        ) : (
          goalsBody
        )}
      </div>
    </section>
  );
}

function GoalsTable({ rows, onPick, showRevenue }: { rows: Conversion[]; onPick?: (name: string) => void; showRevenue: boolean }) {
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
            <th scope="col" className="py-2 pr-3 pl-5 text-left font-medium">
              Goal
            </th>
            <th scope="col" className="w-16 px-2 py-2 text-right font-medium sm:w-24 sm:px-3">
              Uniques
            </th>
            <th scope="col" className="w-16 px-2 py-2 text-right font-medium sm:w-24 sm:px-3">
              Total
            </th>
            <th scope="col" className={`w-14 py-2 pl-2 text-right font-medium sm:w-20 sm:pl-3 ${showRevenue ? 'pr-5 sm:pr-3' : 'pr-5'}`}>
              <abbr title="Conversion rate" className="no-underline">CR</abbr>
            </th>
            {showRevenue && (
              <th scope="col" className="hidden w-28 py-2 pr-5 pl-3 text-right font-medium sm:table-cell">
                Revenue
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800/80">
          {rows.map((row) => (
            <tr
              key={row.name}
              onClick={onPick ? () => onPick(row.name) : undefined}
              className={`transition-colors hover:bg-slate-50 dark:hover:bg-slate-800/40 ${onPick ? 'cursor-pointer' : ''}`}
            >
              <td className="max-w-0 py-2.5 pr-3 pl-5">
                {onPick ? (
                  // The row handles the click; the button makes it reachable by keyboard.
                  <button type="button" title={`Filter the dashboard by ${row.name}`} className="block w-full truncate rounded text-left font-medium text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-slate-100 dark:hover:text-indigo-300">
                    {row.name}
                  </button>
                ) : (
                  <div className="truncate font-medium text-slate-900 dark:text-slate-100">{row.name}</div>
                )}
                {row.goal && (
                  <div className="mt-0.5 flex items-center gap-1.5 truncate text-xs text-slate-500 dark:text-slate-400">
                    <GoalKind goal={row.goal} />
                  </div>
                )}
                {showRevenue && row.totalRevenue && (
                  // Narrow screens have no revenue column: the figure goes under the name.
                  <div className="mt-0.5 truncate text-xs font-medium text-emerald-700 tabular-nums sm:hidden dark:text-emerald-400">
                    {row.totalRevenue.long} revenue
                  </div>
                )}
              </td>
              <NumberCell>{formatCount(row.visitors)}</NumberCell>
              <NumberCell>{formatCount(row.events)}</NumberCell>
              <NumberCell last={!showRevenue} lastOnMobile={showRevenue}>
                {formatPercent(row.conversionRate)}
              </NumberCell>
              {showRevenue && (
                <td data-testid="goal-revenue" className="hidden py-2.5 pr-5 pl-3 text-right align-top tabular-nums sm:table-cell">
                  {row.totalRevenue ? (
                    <>
                      <div className="font-medium text-slate-900 dark:text-slate-100" title={`Total revenue: ${row.totalRevenue.long}`}>
                        {row.totalRevenue.long}
                      </div>
                      {row.averageRevenue && (
                        <div className="text-xs text-slate-500 dark:text-slate-400" title="Average revenue per conversion">
                          avg {row.averageRevenue.long}
                        </div>
                      )}
                    </>
                  ) : (
                    <span className="text-slate-400 dark:text-slate-500" aria-label="No revenue">
                      —
                    </span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NumberCell({ last = false, lastOnMobile = false, children }: { last?: boolean; lastOnMobile?: boolean; children: ReactNode }) {
  const padding = last ? 'pr-5 pl-2 font-medium sm:pl-3' : lastOnMobile ? 'pr-5 pl-2 font-medium sm:px-3' : 'px-2 sm:px-3';
  return <td className={`py-2.5 text-right align-top text-slate-700 tabular-nums dark:text-slate-300 ${padding}`}>{children}</td>;
}

/** A goal's kind as a small badge and what it matches. */
export function GoalKind({ goal }: { goal: Goal }) {
  if (goal.page_path && (goal.scroll_threshold ?? -1) >= 0) {
    return (
      <>
        <span className="rounded bg-amber-50 px-1.5 py-px text-[10px] font-semibold tracking-wide text-amber-700 uppercase dark:bg-amber-500/10 dark:text-amber-300">
          Scroll
        </span>
        <span className="truncate font-mono">
          {goal.scroll_threshold}% on {goal.page_path}
        </span>
      </>
    );
  }
  if (goal.page_path) {
    return (
      <>
        <span className="rounded bg-sky-50 px-1.5 py-px text-[10px] font-semibold tracking-wide text-sky-700 uppercase dark:bg-sky-500/10 dark:text-sky-300">
          Page
        </span>
        <span className="truncate font-mono">{goal.page_path}</span>
      </>
    );
  }
  if (goal.currency) {
    return (
      <>
        <span className="rounded bg-emerald-50 px-1.5 py-px text-[10px] font-semibold tracking-wide text-emerald-700 uppercase dark:bg-emerald-500/10 dark:text-emerald-300">
          Revenue
        </span>
        <span className="truncate font-mono">
          {goal.event_name ?? goal.display_name} · {goal.currency}
        </span>
      </>
    );
  }
  return (
    <>
      <span className="rounded bg-violet-50 px-1.5 py-px text-[10px] font-semibold tracking-wide text-violet-700 uppercase dark:bg-violet-500/10 dark:text-violet-300">
        Event
      </span>
      <span className="truncate font-mono">{goal.event_name ?? goal.display_name}</span>
    </>
  );
}

function LoadingRows() {
  return <Loading label="Loading goals" />;
}

function EmptyState() {
  return (
    <div className="flex flex-1 flex-col items-center justify-center py-8 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-300">
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true" className="size-6">
          <circle cx="12" cy="12" r="8.25" />
          <circle cx="12" cy="12" r="4.25" />
          <circle cx="12" cy="12" r="0.75" fill="currentColor" />
        </svg>
      </span>
      <h3 className="mt-4 text-sm font-semibold text-slate-900 dark:text-white">No goals yet</h3>
      <p className="mt-1.5 max-w-xs text-sm leading-6 text-slate-600 dark:text-slate-400">
        Goals let you count signups, purchases and other conversions. Owners and editors set them up in the site’s settings.
      </p>
    </div>
  );
}

function ErrorState({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return <Problem title={title} message={message} onRetry={onRetry} />;
}

function Message({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="py-8 text-center">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">{title}</h3>
      <p className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">{children}</p>
    </div>
  );
}
