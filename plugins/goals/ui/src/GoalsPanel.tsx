/** The goals plugin's dashboard panel (slot `dashboard.panel`), loaded by the shell at run time. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useQusto, type SlotProps } from '@qusto/sdk/ui';
import './goals.css';

/** One goal as `GET /api/sites/:domain/goals` returns it. */
export interface Goal {
  id: string;
  display_name: string;
  event_name: string | null;
  page_path: string | null;
}

type State = { status: 'loading' } | { status: 'ready'; goals: Goal[] } | { status: 'error'; message: string };

export default function GoalsPanel({ site }: SlotProps) {
  const { api } = useQusto();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
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
        if (!cancelled) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, domain, generation]);

  const retry = useCallback(() => setGeneration((n) => n + 1), []);
  const count = state.status === 'ready' && state.goals.length > 0 ? state.goals.length : null;

  return (
    <section
      data-testid="goals-panel"
      aria-labelledby="goals-panel-title"
      className="flex h-full flex-col rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex items-center justify-between gap-3 px-5 pt-5">
        <h2 id="goals-panel-title" className="text-base font-semibold text-slate-900 dark:text-white">
          Goal conversions
        </h2>
        {count !== null && (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            {count} {count === 1 ? 'goal' : 'goals'}
          </span>
        )}
      </header>
      <div className="flex flex-1 flex-col px-5 pt-4 pb-5">
        {!domain ? (
          <Message title="No site selected">Open a site's dashboard to see its goals.</Message>
        ) : state.status === 'loading' ? (
          <LoadingRows />
        ) : state.status === 'error' ? (
          <ErrorState message={state.message} onRetry={retry} />
        ) : state.goals.length === 0 ? (
          <EmptyState />
        ) : (
          <GoalsTable goals={state.goals} />
        )}
      </div>
    </section>
  );
}

const NOT_YET = 'Conversion figures arrive with the stats API';

function GoalsTable({ goals }: { goals: Goal[] }) {
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
            <th scope="col" className="w-14 py-2 pr-5 pl-2 text-right font-medium sm:w-20 sm:pl-3">
              <abbr title="Conversion rate" className="no-underline">CR</abbr>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800/80">
          {goals.map((goal) => (
            <tr key={goal.id} className="transition-colors hover:bg-slate-50 dark:hover:bg-slate-800/40">
              <td className="max-w-0 py-2.5 pr-3 pl-5">
                <div className="truncate font-medium text-slate-900 dark:text-slate-100">{goal.display_name}</div>
                <div className="mt-0.5 flex items-center gap-1.5 truncate text-xs text-slate-500 dark:text-slate-400">
                  <GoalKind goal={goal} />
                </div>
              </td>
              <NumberCell />
              <NumberCell />
              <NumberCell last />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="px-5 pt-3 text-xs text-slate-500 dark:text-slate-400">{NOT_YET}.</p>
    </div>
  );
}

function NumberCell({ last = false }: { last?: boolean }) {
  return (
    <td className={`py-2.5 text-right text-slate-400 tabular-nums dark:text-slate-500 ${last ? 'pr-5 pl-2 sm:pl-3' : 'px-2 sm:px-3'}`}>
      <span title={NOT_YET} aria-label="not available yet">
        —
      </span>
    </td>
  );
}

function GoalKind({ goal }: { goal: Goal }) {
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
  return (
    <div role="status" aria-label="Loading goals" className="animate-pulse space-y-4 pt-1">
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
        Goals let you count signups, purchases and other conversions. Set them up in site settings.
      </p>
    </div>
  );
}

function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-1 flex-col items-center justify-center py-8 text-center">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Couldn't load goals</h3>
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

function Message({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="py-8 text-center">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">{title}</h3>
      <p className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">{children}</p>
    </div>
  );
}
