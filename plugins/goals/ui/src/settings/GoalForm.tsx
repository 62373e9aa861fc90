/**
 * The "Add a goal" form: a pageview (path with `*`/`**`), a custom event (optionally narrowed
 * by up to 3 property values), a scroll depth on a page, or a revenue event with its currency.
 */
import { useId, useState, type FormEvent } from 'react';
import { buttonClass, iconButtonClass, inputClass, labelClass, primaryButtonClass } from '../styles.ts';
import { currencyLabel, REVENUE_CURRENCIES } from './currencies.ts';

export type GoalKindId = 'page' | 'event' | 'scroll' | 'revenue';

const KINDS: Array<{ id: GoalKindId; label: string; hint: string }> = [
  { id: 'page', label: 'Pageview', hint: 'A visit to a page' },
  { id: 'event', label: 'Custom event', hint: 'An event your site sends' },
  { id: 'scroll', label: 'Scroll depth', hint: 'Scrolling far down a page' },
  { id: 'revenue', label: 'Revenue', hint: 'A purchase event with an amount' },
];

const MAX_PROPS = 3;

/** The POST body for the goals API (`POST /api/sites/:domain/goals`). */
export function goalBody(kind: GoalKindId, fields: { path: string; event: string; threshold: string; currency: string; displayName: string; props: Array<[string, string]> }) {
  const body: Record<string, unknown> = {};
  if (kind === 'page' || kind === 'scroll') body.page_path = fields.path.trim();
  else body.event_name = fields.event.trim();
  if (kind === 'scroll') body.scroll_threshold = Number(fields.threshold);
  if (kind === 'revenue') body.currency = fields.currency;
  const props = fields.props.filter(([k, v]) => k.trim() || v.trim());
  if (kind === 'event' && props.length > 0) body.custom_props = Object.fromEntries(props.map(([k, v]) => [k.trim(), v.trim()]));
  if (fields.displayName.trim()) body.display_name = fields.displayName.trim();
  return body;
}

export function GoalForm({ onSubmit, onCancel, disabled }: { onSubmit: (body: Record<string, unknown>) => Promise<string | null>; onCancel: () => void; disabled: boolean }) {
  const id = useId();
  const [kind, setKind] = useState<GoalKindId>('page');
  const [path, setPath] = useState('');
  const [event, setEvent] = useState('');
  const [threshold, setThreshold] = useState('75');
  const [currency, setCurrency] = useState('EUR');
  const [displayName, setDisplayName] = useState('');
  const [props, setProps] = useState<Array<[string, string]>>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const problem = await onSubmit(goalBody(kind, { path, event, threshold, currency, displayName, props }));
    setBusy(false);
    setError(problem);
  };
  const setProp = (index: number, part: 0 | 1, value: string) => setProps((list) => list.map((p, i) => (i === index ? (part === 0 ? [value, p[1]] : [p[0], value]) : p)));

  const pathField = (
    <div>
      <label htmlFor={`${id}-path`} className={labelClass}>
        Page path
      </label>
      <input id={`${id}-path`} required value={path} onChange={(e) => setPath(e.target.value)} placeholder="/pricing or /blog/**" className={`${inputClass} mt-1 font-mono`} aria-describedby={`${id}-path-hint`} />
      <p id={`${id}-path-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        Starts with /. <code className="font-mono">*</code> and <code className="font-mono">**</code> match any characters.
      </p>
    </div>
  );
  const eventField = (
    <div>
      <label htmlFor={`${id}-event`} className={labelClass}>
        Event name
      </label>
      <input id={`${id}-event`} required value={event} onChange={(e) => setEvent(e.target.value)} placeholder={kind === 'revenue' ? 'Purchase' : 'Signup'} className={`${inputClass} mt-1 font-mono`} />
    </div>
  );

  return (
    <form onSubmit={submit} aria-label="Add a goal" className="space-y-4 rounded-lg border border-slate-200 bg-slate-50/60 p-4 dark:border-slate-800 dark:bg-slate-950/40">
      <fieldset>
        <legend className={labelClass}>Goal type</legend>
        <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
          {KINDS.map((k) => (
            <label
              key={k.id}
              className={`flex cursor-pointer flex-col rounded-lg border px-3 py-2 text-sm transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600 ${
                kind === k.id
                  ? 'border-indigo-500 bg-indigo-50 text-indigo-900 dark:border-indigo-400 dark:bg-indigo-500/10 dark:text-indigo-100'
                  : 'border-slate-200 bg-white text-slate-700 hover:border-slate-300 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:border-slate-600'
              }`}
            >
              <input type="radio" name={`${id}-kind`} value={k.id} checked={kind === k.id} onChange={() => setKind(k.id)} className="sr-only" />
              <span className="font-medium">{k.label}</span>
              <span className="text-xs text-slate-500 dark:text-slate-400">{k.hint}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {(kind === 'page' || kind === 'scroll') && pathField}
        {kind === 'scroll' && (
          <div>
            <label htmlFor={`${id}-threshold`} className={labelClass}>
              Scrolled at least (%)
            </label>
            <input id={`${id}-threshold`} type="number" min={0} max={100} step={1} required value={threshold} onChange={(e) => setThreshold(e.target.value)} className={`${inputClass} mt-1`} />
          </div>
        )}
        {(kind === 'event' || kind === 'revenue') && eventField}
        {kind === 'revenue' && (
          <div>
            <label htmlFor={`${id}-currency`} className={labelClass}>
              Currency
            </label>
            <select id={`${id}-currency`} value={currency} onChange={(e) => setCurrency(e.target.value)} className={`${inputClass} mt-1`}>
              {REVENUE_CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {currencyLabel(code)}
                </option>
              ))}
            </select>
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Revenue in other currencies is converted to this one.</p>
          </div>
        )}
        <div className={kind === 'scroll' || kind === 'revenue' ? 'sm:col-span-2' : ''}>
          <label htmlFor={`${id}-name`} className={labelClass}>
            Display name <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
          </label>
          <input id={`${id}-name`} value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder="Shown in the dashboard" maxLength={120} className={`${inputClass} mt-1`} />
        </div>
      </div>

      {kind === 'event' && (
        <div>
          <p className={labelClass}>Only count events with these properties</p>
          {props.length === 0 && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Optional: up to {MAX_PROPS} property values.</p>}
          <ul className="mt-2 space-y-2">
            {props.map(([key, value], index) => (
              <li key={index} className="flex items-center gap-2">
                <input aria-label={`Property ${index + 1} name`} placeholder="plan" value={key} onChange={(e) => setProp(index, 0, e.target.value)} className={`${inputClass} font-mono`} />
                <span className="text-slate-400" aria-hidden="true">
                  =
                </span>
                <input aria-label={`Property ${index + 1} value`} placeholder="pro" value={value} onChange={(e) => setProp(index, 1, e.target.value)} className={`${inputClass} font-mono`} />
                <button type="button" className={iconButtonClass} aria-label={`Remove property ${index + 1}`} onClick={() => setProps((list) => list.filter((_, i) => i !== index))}>
                  <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden="true" className="size-4">
                    <path d="m5.5 5.5 9 9m0-9-9 9" />
                  </svg>
                </button>
              </li>
            ))}
          </ul>
          {props.length < MAX_PROPS && (
            <button type="button" className={`${buttonClass} mt-2`} onClick={() => setProps((list) => [...list, ['', '']])}>
              Add a property
            </button>
          )}
        </div>
      )}

      {error && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-500/10 dark:text-rose-300">
          {error}
        </p>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className={buttonClass} onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={primaryButtonClass} disabled={busy || disabled}>
          {busy ? 'Adding…' : 'Add goal'}
        </button>
      </div>
    </form>
  );
}
