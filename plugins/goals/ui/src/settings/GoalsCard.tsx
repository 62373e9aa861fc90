/** The goals of a site in settings: list, rename, delete (with confirmation), add, one-click suggestions. */
import { useState, type ReactNode } from 'react';
import { GoalKind } from '../GoalsPanel.tsx';
import { Loading, Problem } from '../FunnelsPanel.tsx';
import { buttonClass, cardClass, chipClass, dangerButtonClass, inputClass, primaryButtonClass } from '../styles.ts';
import { GoalForm } from './GoalForm.tsx';
import type { Goal, Load, Suggestions } from './settings-api.ts';

export interface GoalActions {
  create(body: Record<string, unknown>): Promise<string | null>;
  rename(goal: Goal, name: string): Promise<string | null>;
  remove(goal: Goal): Promise<string | null>;
}

export function GoalsCard({
  goals,
  suggestions,
  readOnly,
  actions,
  onRetry,
}: {
  goals: Load<Goal[]>;
  suggestions: Load<Suggestions>;
  readOnly: boolean;
  actions: GoalActions;
  onRetry: () => void;
}) {
  const [adding, setAdding] = useState(false);
  const list = goals.status === 'ready' ? goals.data : [];

  let body: ReactNode;
  if (goals.status === 'loading') body = <Loading label="Loading goals" />;
  else if (goals.status === 'error') body = <Problem title="Couldn't load goals" message={goals.message} onRetry={onRetry} />;
  else if (list.length === 0)
    body = (
      <div className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center dark:border-slate-700">
        <h3 className="text-sm font-semibold text-slate-900 dark:text-white">No goals yet</h3>
        <p className="mx-auto mt-1 max-w-sm text-sm text-slate-600 dark:text-slate-400">
          {readOnly ? 'An editor of this site can add goals.' : 'Add a goal to count signups, purchases or visits to key pages, or pick a suggestion below.'}
        </p>
      </div>
    );
  else
    body = (
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label="Goals">
        {list.map((goal) => (
          <GoalRow key={goal.id} goal={goal} readOnly={readOnly} actions={actions} />
        ))}
      </ul>
    );

  return (
    <section aria-labelledby="goals-settings-title" className={`${cardClass} p-5 sm:p-6`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="goals-settings-title" className="text-base font-semibold text-slate-900 dark:text-white">
            Goals
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Conversions you want to count: page visits, custom events, scroll depth and revenue.</p>
        </div>
        {!readOnly && !adding && (
          <button type="button" className={primaryButtonClass} onClick={() => setAdding(true)}>
            Add goal
          </button>
        )}
      </div>
      {adding && (
        <div className="mt-4">
          <GoalForm
            disabled={readOnly}
            onCancel={() => setAdding(false)}
            onSubmit={async (goal) => {
              const problem = await actions.create(goal);
              if (!problem) setAdding(false);
              return problem;
            }}
          />
        </div>
      )}
      <div className="mt-4">{body}</div>
      {!readOnly && <SuggestionChips suggestions={suggestions} actions={actions} />}
    </section>
  );
}

function GoalRow({ goal, readOnly, actions }: { goal: Goal; readOnly: boolean; actions: GoalActions }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm'>('view');
  const [name, setName] = useState(goal.display_name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    const problem = await action();
    setBusy(false);
    setError(problem);
    if (!problem) setMode('view');
  };

  return (
    <li className="px-4 py-3" data-testid="goal-setting">
      {mode === 'rename' ? (
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-center"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => actions.rename(goal, name));
          }}
        >
          <label className="sr-only" htmlFor={`rename-${goal.id}`}>
            Display name of {goal.display_name}
          </label>
          <input id={`rename-${goal.id}`} autoFocus required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
          <div className="flex shrink-0 gap-2">
            <button type="submit" className={primaryButtonClass} disabled={busy}>
              Save
            </button>
            <button
              type="button"
              className={buttonClass}
              onClick={() => {
                setMode('view');
                setName(goal.display_name);
                setError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <div className="min-w-[12rem] flex-1">
            <div className="truncate text-sm font-medium text-slate-900 dark:text-white">{goal.display_name}</div>
            <div className="mt-0.5 flex min-w-0 items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400">
              <GoalKind goal={goal} />
            </div>
            {goal.custom_props && Object.keys(goal.custom_props).length > 0 && (
              <div className="mt-1 flex flex-wrap gap-1">
                {Object.entries(goal.custom_props).map(([k, v]) => (
                  <span key={k} className="rounded bg-slate-100 px-1.5 py-px font-mono text-[11px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                    {k}={v}
                  </span>
                ))}
              </div>
            )}
          </div>
          {!readOnly &&
            (mode === 'confirm' ? (
              <div className="flex items-center gap-2" role="group" aria-label={`Delete ${goal.display_name}?`}>
                <span className="text-sm text-slate-700 dark:text-slate-300">Delete this goal?</span>
                <button type="button" className={dangerButtonClass} disabled={busy} onClick={() => void run(() => actions.remove(goal))}>
                  Delete
                </button>
                <button type="button" className={buttonClass} onClick={() => setMode('view')}>
                  Cancel
                </button>
              </div>
            ) : (
              <div className="flex gap-2">
                <button type="button" className={buttonClass} onClick={() => setMode('rename')} aria-label={`Rename ${goal.display_name}`}>
                  Rename
                </button>
                <button type="button" className={buttonClass} onClick={() => setMode('confirm')} aria-label={`Delete ${goal.display_name}`}>
                  Delete
                </button>
              </div>
            ))}
        </div>
      )}
      {mode === 'confirm' && <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Its conversions stay in your stats data, and funnels lose this step.</p>}
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </li>
  );
}

function SuggestionChips({ suggestions, actions }: { suggestions: Load<Suggestions>; actions: GoalActions }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (suggestions.status !== 'ready') return null;
  const { system = [], events = [], pages = [] } = suggestions.data;
  if (system.length + events.length + pages.length === 0) return null;
  const add = async (key: string, body: Record<string, unknown>) => {
    setBusy(key);
    setError(await actions.create(body));
    setBusy(null);
  };
  const group = (title: string, items: Array<{ key: string; label: string; body: Record<string, unknown> }>) =>
    items.length > 0 && (
      <div>
        <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</h4>
        <div className="mt-2 flex flex-wrap gap-2">
          {items.map((item) => (
            <button key={item.key} type="button" className={chipClass} disabled={busy !== null} onClick={() => void add(item.key, item.body)} aria-label={`Add goal ${item.label}`}>
              <span aria-hidden="true" className="text-indigo-600 dark:text-indigo-400">
                +
              </span>
              <span className="truncate">{item.label}</span>
            </button>
          ))}
        </div>
      </div>
    );
  return (
    <div className="mt-6 space-y-4 border-t border-slate-100 pt-5 dark:border-slate-800">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Quick add</h3>
      {group('Common goals', system.map((name) => ({ key: `s:${name}`, label: name, body: { event_name: name } })))}
      {group('Events seen in the last 30 days', events.map((name) => ({ key: `e:${name}`, label: name, body: { event_name: name } })))}
      {group('Pages seen in the last 30 days', pages.map((path) => ({ key: `p:${path}`, label: `Visit ${path}`, body: { page_path: path } })))}
      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </div>
  );
}
