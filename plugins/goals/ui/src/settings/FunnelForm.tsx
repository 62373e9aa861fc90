/** Creating or editing a funnel: a name, 2–8 goals in order, and whether the order is strict. */
import { useId, useState, type FormEvent } from 'react';
import { buttonClass, iconButtonClass, inputClass, labelClass, primaryButtonClass } from '../styles.ts';
import type { Funnel, Goal } from './settings-api.ts';

export const MIN_STEPS = 2;
export const MAX_STEPS = 8;

export interface FunnelBody {
  name: string;
  steps: string[];
  strict_order: boolean;
}

const arrow = (d: string) => (
  <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="size-4">
    <path d={d} />
  </svg>
);

export function FunnelForm({
  goals,
  funnel,
  onSubmit,
  onCancel,
}: {
  goals: Goal[];
  funnel: Funnel | null;
  onSubmit: (body: FunnelBody) => Promise<string | null>;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(funnel?.name ?? '');
  const [steps, setSteps] = useState<string[]>(funnel?.steps ?? goals.slice(0, MIN_STEPS).map((g) => g.id));
  const [strict, setStrict] = useState(funnel?.strict_order ?? false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (new Set(steps).size !== steps.length) {
      setError('Each goal can be a step only once.');
      return;
    }
    setBusy(true);
    const problem = await onSubmit({ name: name.trim(), steps, strict_order: strict });
    setBusy(false);
    setError(problem);
  };
  const move = (index: number, by: -1 | 1) =>
    setSteps((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      return next;
    });
  const unused = goals.find((g) => !steps.includes(g.id));

  return (
    <form onSubmit={submit} aria-label={funnel ? `Edit funnel ${funnel.name}` : 'Add a funnel'} className="space-y-4 rounded-lg border border-slate-200 bg-slate-50/60 p-4 dark:border-slate-800 dark:bg-slate-950/40">
      <div>
        <label htmlFor={`${id}-name`} className={labelClass}>
          Funnel name
        </label>
        <input id={`${id}-name`} required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} placeholder="Checkout" className={`${inputClass} mt-1`} />
      </div>
      <fieldset>
        <legend className={labelClass}>
          Steps <span className="font-normal text-slate-500 dark:text-slate-400">({MIN_STEPS} to {MAX_STEPS} goals, in order)</span>
        </legend>
        <ol className="mt-2 space-y-2">
          {steps.map((goalId, index) => (
            <li key={index} className="flex items-center gap-2">
              <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300" aria-hidden="true">
                {index + 1}
              </span>
              <select
                aria-label={`Step ${index + 1}`}
                value={goalId}
                onChange={(e) => setSteps((list) => list.map((s, i) => (i === index ? e.target.value : s)))}
                className={inputClass}
              >
                {goals.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.display_name}
                  </option>
                ))}
              </select>
              <div className="flex shrink-0">
                <button type="button" className={iconButtonClass} aria-label={`Move step ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                  {arrow('M10 15.5v-11m0 0-4 4m4-4 4 4')}
                </button>
                <button type="button" className={iconButtonClass} aria-label={`Move step ${index + 1} down`} disabled={index === steps.length - 1} onClick={() => move(index, 1)}>
                  {arrow('M10 4.5v11m0 0-4-4m4 4 4-4')}
                </button>
                <button
                  type="button"
                  className={iconButtonClass}
                  aria-label={`Remove step ${index + 1}`}
                  disabled={steps.length <= MIN_STEPS}
                  onClick={() => setSteps((list) => list.filter((_, i) => i !== index))}
                >
                  {arrow('m5.5 5.5 9 9m0-9-9 9')}
                </button>
              </div>
            </li>
          ))}
        </ol>
        {steps.length < MAX_STEPS && (
          <button type="button" className={`${buttonClass} mt-2`} onClick={() => setSteps((list) => [...list, (unused ?? goals[0])!.id])}>
            Add a step
          </button>
        )}
      </fieldset>
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-slate-600" />
        <span>
          <span className="font-medium text-slate-900 dark:text-white">Strict order</span>
          <span className="block text-slate-500 dark:text-slate-400">Visitors must go from one step to the next with no other event in between.</span>
        </span>
      </label>
      {error && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-500/10 dark:text-rose-300">
          {error}
        </p>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className={buttonClass} onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={primaryButtonClass} disabled={busy}>
          {busy ? 'Saving…' : funnel ? 'Save funnel' : 'Add funnel'}
        </button>
      </div>
    </form>
  );
}
