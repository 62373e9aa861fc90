/** The funnels of a site in settings: list, add, edit, delete (with confirmation). */
import { useState, type ReactNode } from 'react';
import { Loading, Problem } from '../FunnelsPanel.tsx';
import { buttonClass, cardClass, dangerButtonClass, primaryButtonClass } from '../styles.ts';
import { FunnelForm, MIN_STEPS, type FunnelBody } from './FunnelForm.tsx';
import type { Funnel, Goal, Load } from './settings-api.ts';

export interface FunnelActions {
  save(funnel: Funnel | null, body: FunnelBody): Promise<string | null>;
  remove(funnel: Funnel): Promise<string | null>;
}

export function FunnelsCard({
  funnels,
  goals,
  readOnly,
  actions,
  onRetry,
}: {
  funnels: Load<Funnel[]>;
  goals: Goal[];
  readOnly: boolean;
  actions: FunnelActions;
  onRetry: () => void;
}) {
  // null: no form; 'new': adding; an id: editing that funnel.
  const [editing, setEditing] = useState<string | null>(null);
  const list = funnels.status === 'ready' ? funnels.data : [];
  const enoughGoals = goals.length >= MIN_STEPS;
  const goalName = new Map(goals.map((g) => [g.id, g.display_name]));

  let body: ReactNode;
  if (funnels.status === 'loading') body = <Loading label="Loading funnels" />;
  else if (funnels.status === 'error') body = <Problem title="Couldn't load funnels" message={funnels.message} onRetry={onRetry} />;
  else if (list.length === 0 && editing !== 'new')
    body = (
      <div className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center dark:border-slate-700">
        <h3 className="text-sm font-semibold text-slate-900 dark:text-white">No funnels yet</h3>
        <p className="mx-auto mt-1 max-w-sm text-sm text-slate-600 dark:text-slate-400">
          {readOnly
            ? 'An editor of this site can add funnels.'
            : enoughGoals
              ? 'A funnel follows visitors through 2 to 8 goals and shows where they drop off.'
              : 'Add at least two goals first: a funnel is made of goals in order.'}
        </p>
      </div>
    );
  else
    body = (
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label="Funnels">
        {list.map((funnel) =>
          editing === funnel.id ? (
            <li key={funnel.id} className="p-3">
              <FunnelForm goals={goals} funnel={funnel} onCancel={() => setEditing(null)} onSubmit={(b) => done(actions.save(funnel, b))} />
            </li>
          ) : (
            <FunnelRow key={funnel.id} funnel={funnel} steps={funnel.steps.map((id) => goalName.get(id) ?? 'Deleted goal')} readOnly={readOnly} onEdit={() => setEditing(funnel.id)} onRemove={() => actions.remove(funnel)} />
          ),
        )}
      </ul>
    );

  async function done(result: Promise<string | null>) {
    const problem = await result;
    if (!problem) setEditing(null);
    return problem;
  }

  return (
    <section aria-labelledby="funnels-settings-title" className={`${cardClass} p-5 sm:p-6`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="funnels-settings-title" className="text-base font-semibold text-slate-900 dark:text-white">
            Funnels
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Sequences of goals, to see how many visitors make it from one step to the next.</p>
        </div>
        {!readOnly && editing === null && funnels.status === 'ready' && (
          <button type="button" className={primaryButtonClass} disabled={!enoughGoals} title={enoughGoals ? undefined : 'Add at least two goals first'} onClick={() => setEditing('new')}>
            Add funnel
          </button>
        )}
      </div>
      {editing === 'new' && (
        <div className="mt-4">
          <FunnelForm goals={goals} funnel={null} onCancel={() => setEditing(null)} onSubmit={(b) => done(actions.save(null, b))} />
        </div>
      )}
      <div className="mt-4">{body}</div>
    </section>
  );
}

function FunnelRow({ funnel, steps, readOnly, onEdit, onRemove }: { funnel: Funnel; steps: string[]; readOnly: boolean; onEdit: () => void; onRemove: () => Promise<string | null> }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <li className="px-4 py-3" data-testid="funnel-setting">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="min-w-[12rem] flex-1">
          <div className="flex items-center gap-2">
            <span className="truncate text-sm font-medium text-slate-900 dark:text-white">{funnel.name}</span>
            {funnel.strict_order && (
              <span className="shrink-0 rounded bg-slate-100 px-1.5 py-px text-[10px] font-semibold tracking-wide text-slate-600 uppercase dark:bg-slate-800 dark:text-slate-300">Strict</span>
            )}
          </div>
          <ol className="mt-1 flex flex-wrap items-center gap-x-1 gap-y-0.5 text-xs text-slate-500 dark:text-slate-400" aria-label={`Steps of ${funnel.name}`}>
            {steps.map((step, index) => (
              <li key={index} className="flex items-center gap-1">
                {index > 0 && <span aria-hidden="true">→</span>}
                <span>{step}</span>
              </li>
            ))}
          </ol>
        </div>
        {!readOnly &&
          (confirming ? (
            <div className="flex items-center gap-2" role="group" aria-label={`Delete ${funnel.name}?`}>
              <span className="text-sm text-slate-700 dark:text-slate-300">Delete this funnel?</span>
              <button
                type="button"
                className={dangerButtonClass}
                disabled={busy}
                onClick={async () => {
                  setBusy(true);
                  const problem = await onRemove();
                  setBusy(false);
                  setError(problem);
                  if (!problem) setConfirming(false);
                }}
              >
                Delete
              </button>
              <button type="button" className={buttonClass} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <div className="flex gap-2">
              <button type="button" className={buttonClass} onClick={onEdit} aria-label={`Edit ${funnel.name}`}>
                Edit
              </button>
              <button type="button" className={buttonClass} onClick={() => setConfirming(true)} aria-label={`Delete ${funnel.name}`}>
                Delete
              </button>
            </div>
          ))}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </li>
  );
}
