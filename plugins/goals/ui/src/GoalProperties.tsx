/**
 * The "Properties" tab of the goals panel: one custom-event goal's conversions broken down by a
 * property sent with its event (`event:props:<key>`), over the dashboard's view. The goal is the
 * one the dashboard is filtered by, else the first custom-event goal.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useQusto, type DashboardView } from '@qusto/sdk/ui';
import { formatCount, formatPercent, Loading, Problem, reportQuery } from './FunnelsPanel.tsx';
import type { Goal } from './GoalsPanel.tsx';
import { toMoney, type Money } from './money.ts';
import { inputClass } from './styles.ts';

/** `GET /api/sites/:domain/goals/suggestions` (the part this tab reads). */
interface Suggestions {
  properties?: Record<string, string[]>;
}

interface PropertyRow {
  value: string;
  visitors: number;
  events: number;
  conversionRate: number;
  revenue: Money | null;
}

type Load<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const toNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const isGoalFilter = (filter: unknown) => Array.isArray(filter) && filter[1] === 'event:goal';

/** The goal a dashboard filter names, when it names exactly one. */
function filteredGoalName(filters: unknown[] | undefined): string | null {
  const filter = (filters ?? []).find(isGoalFilter) as [string, string, unknown[]] | undefined;
  return filter && filter[0] === 'is' && filter[2].length === 1 ? String(filter[2][0]) : null;
}

/** Property keys to offer for a goal: its own narrowing props first, then those seen with its event. */
export function propertyKeys(goal: Goal, seen: Record<string, string[]> | undefined): string[] {
  const keys = [...Object.keys(goal.custom_props ?? {}), ...(goal.event_name ? (seen?.[goal.event_name] ?? []) : [])];
  return [...new Set(keys)];
}

export function GoalPropertiesSection({ domain, goals, dashboard }: { domain: string; goals: Goal[] | null; dashboard?: DashboardView }) {
  const { api } = useQusto();
  const ids = { goal: useId(), property: useId() };
  const eventGoals = useMemo(() => (goals ?? []).filter((g) => g.event_name), [goals]);
  const [suggestions, setSuggestions] = useState<Load<Suggestions>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const filtered = filteredGoalName(dashboard?.filters);
  const [chosenGoal, setChosenGoal] = useState<string | null>(null);
  const goal = eventGoals.find((g) => g.display_name === (chosenGoal ?? filtered)) ?? eventGoals[0] ?? null;
  const keys = goal && suggestions.status === 'ready' ? propertyKeys(goal, suggestions.data.properties) : [];
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const key = chosenKey && keys.includes(chosenKey) ? chosenKey : (keys[0] ?? null);
  const [rows, setRows] = useState<Load<PropertyRow[]>>({ status: 'loading' });

  // Keys sent in the dashboard's dates ([from, to]), or the last 30 days for a preset period.
  const period = reportQuery(dashboard?.dateRange);
  useEffect(() => {
    let cancelled = false;
    setSuggestions({ status: 'loading' });
    api.get<Suggestions>(`/api/sites/${encodeURIComponent(domain)}/goals/suggestions${period}`).then(
      (data) => !cancelled && setSuggestions({ status: 'ready', data: data ?? {} }),
      (error: unknown) => !cancelled && setSuggestions({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, domain, period, attempt]);

  const viewKey = JSON.stringify([dashboard?.dateRange ?? '28d', dashboard?.filters ?? []]);
  useEffect(() => {
    if (!goal || !key) return;
    let cancelled = false;
    const [dateRange, filters] = JSON.parse(viewKey) as [string | [string, string], unknown[]];
    const revenue = goal.currency ? ['total_revenue'] : [];
    setRows({ status: 'loading' });
    api
      .post<{ results?: Array<{ dimensions?: unknown[]; metrics?: unknown[] }> }>('/api/v2/query', {
        site_id: domain,
        metrics: ['visitors', 'events', 'conversion_rate', ...revenue],
        dimensions: [`event:props:${key}`],
        date_range: dateRange,
        // The view's filters, with this goal in place of any goal filter.
        filters: [...filters.filter((f) => !isGoalFilter(f)), ['is', 'event:goal', [goal.display_name]]],
        order_by: [['visitors', 'desc']],
        pagination: { limit: 20 },
      })
      .then(
        (result) => {
          if (cancelled) return;
          const parsed = (result?.results ?? []).map((row) => {
            const metrics = row.metrics ?? [];
            return {
              value: String(row.dimensions?.[0] ?? ''),
              visitors: toNumber(metrics[0]),
              events: toNumber(metrics[1]),
              conversionRate: toNumber(metrics[2]),
              revenue: toMoney(metrics[3]),
            };
          });
          setRows({ status: 'ready', data: parsed });
        },
        (error: unknown) => !cancelled && setRows({ status: 'error', message: messageOf(error) }),
      );
    return () => {
      cancelled = true;
    };
  }, [api, domain, goal, key, viewKey, attempt]);

  if (goals === null) return <Loading label="Loading goals" />;
  if (eventGoals.length === 0) {
    return (
      <Empty title="No custom event goals">
        Properties are sent with custom events. Add a custom event goal in site settings to see its properties here.
      </Empty>
    );
  }
  if (suggestions.status === 'error') return <Problem title="Couldn't load the properties" message={suggestions.message} onRetry={() => setAttempt((n) => n + 1)} />;

  const addFilter = dashboard?.addFilter;
  return (
    <div className="flex flex-1 flex-col">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={ids.goal} className="block text-xs font-medium text-slate-500 dark:text-slate-400">
            Goal
          </label>
          <select id={ids.goal} className={`${inputClass} mt-1`} value={goal?.display_name ?? ''} onChange={(e) => setChosenGoal(e.target.value)}>
            {eventGoals.map((g) => (
              <option key={g.id} value={g.display_name}>
                {g.display_name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.property} className="block text-xs font-medium text-slate-500 dark:text-slate-400">
            Property
          </label>
          <select
            id={ids.property}
            className={`${inputClass} mt-1`}
            value={key ?? ''}
            disabled={keys.length === 0}
            onChange={(e) => setChosenKey(e.target.value)}
          >
            {keys.length === 0 && <option value="">No properties</option>}
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-4 flex flex-1 flex-col">
        {suggestions.status === 'loading' ? (
          <Loading label="Loading properties" />
        ) : !key ? (
          <Empty title="No properties sent">
            {goal?.event_name ? `No “${goal.event_name}” event came with properties ${period ? 'in this period' : 'in the last 30 days'}.` : 'This goal has no properties.'}
          </Empty>
        ) : rows.status === 'loading' ? (
          <Loading label="Loading properties" />
        ) : rows.status === 'error' ? (
          <Problem title="Couldn't load the breakdown" message={rows.message} onRetry={() => setAttempt((n) => n + 1)} />
        ) : rows.data.length === 0 ? (
          <Empty title="No conversions in this period">Try a longer date range, or fewer filters.</Empty>
        ) : (
          <PropertyTable
            property={key}
            rows={rows.data}
            showRevenue={Boolean(goal?.currency)}
            onPick={addFilter ? (value) => addFilter(['is', `event:props:${key}`, [value]]) : undefined}
          />
        )}
      </div>
    </div>
  );
}

function PropertyTable({ property, rows, showRevenue, onPick }: { property: string; rows: PropertyRow[]; showRevenue: boolean; onPick?: (value: string) => void }) {
  return (
    <div className="-mx-5 overflow-x-auto" data-testid="goal-properties">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
            <th scope="col" className="py-2 pr-3 pl-5 text-left font-medium normal-case">
              <span className="tracking-normal">{property}</span>
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
            <tr key={row.value} className="transition-colors hover:bg-slate-50 dark:hover:bg-slate-800/40">
              <td className="max-w-0 py-2.5 pr-3 pl-5">
                {onPick ? (
                  <button
                    type="button"
                    title={`Filter the dashboard by ${property} = ${row.value}`}
                    onClick={() => onPick(row.value)}
                    className="block w-full truncate rounded text-left font-medium text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-slate-100 dark:hover:text-indigo-300"
                  >
                    {row.value}
                  </button>
                ) : (
                  <div className="truncate font-medium text-slate-900 dark:text-slate-100">{row.value}</div>
                )}
                {showRevenue && row.revenue && <div className="mt-0.5 text-xs font-medium text-emerald-700 tabular-nums sm:hidden dark:text-emerald-400">{row.revenue.long} revenue</div>}
              </td>
              <td className="px-2 py-2.5 text-right text-slate-700 tabular-nums sm:px-3 dark:text-slate-300">{formatCount(row.visitors)}</td>
              <td className="px-2 py-2.5 text-right text-slate-700 tabular-nums sm:px-3 dark:text-slate-300">{formatCount(row.events)}</td>
              <td className={`py-2.5 pl-2 text-right font-medium text-slate-700 tabular-nums sm:pl-3 dark:text-slate-300 ${showRevenue ? 'pr-5 sm:pr-3' : 'pr-5'}`}>
                {formatPercent(row.conversionRate)}
              </td>
              {showRevenue && (
                <td className="hidden py-2.5 pr-5 pl-3 text-right font-medium text-slate-900 tabular-nums sm:table-cell dark:text-slate-100">{row.revenue?.long ?? '—'}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Empty({ title, children }: { title: string; children: string }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center py-8 text-center">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">{title}</h3>
      <p className="mt-1.5 max-w-xs text-sm leading-6 text-slate-600 dark:text-slate-400">{children}</p>
    </div>
  );
}
