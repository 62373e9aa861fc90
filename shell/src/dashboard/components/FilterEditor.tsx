/**
 * The filter editor of one dimension group (loaded on demand): per dimension an operator (is /
 * is not / contains / does not contain) and any number of values, with suggestions from the
 * site's data.
 */
import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { StatsResult } from '@qusto/sdk';
import { useRequest } from '../api/use-request.ts';
import { useDashboard } from '../context.tsx';
import { countryName, dimensionLabel, FILTER_GROUPS, isPropsDimension, propKeyOf, propsDimension, type FilterGroupId } from '../dimensions.ts';
import { formatNumber } from '../format.ts';
import { suggestionQuery } from '../queries.ts';
import { FILTER_OPS, type DashboardFilter, type FilterOp } from '../state.ts';
import { Flag } from './Flag.tsx';
import { Modal } from './Modal.tsx';
import { buttonClass, focusRing, inputClass, primaryButtonClass, XIcon } from './ui.tsx';
import { useDebounced } from './useDebounced.ts';
import { filterValueText } from './Controls.tsx';

const OP_LABELS: Record<FilterOp, string> = { is: 'is', is_not: 'is not', contains: 'contains', contains_not: 'does not contain' };

export interface FilterEditorProps {
  group: FilterGroupId;
  /** Dimension to focus (a chip was clicked). */
  dimension?: string;
  onClose: () => void;
}

interface Draft {
  dimension: string;
  op: FilterOp;
  values: string[];
}

/** Dimensions a suggestion query groups by (value first, then its display name) and searches in. */
function suggestionShape(dimension: string): { dimensions: string[]; search: string } {
  if (dimension === 'visit:country') return { dimensions: ['visit:country'], search: 'visit:country_name' };
  if (dimension === 'visit:region') return { dimensions: ['visit:region', 'visit:region_name'], search: 'visit:region_name' };
  if (dimension === 'visit:city') return { dimensions: ['visit:city', 'visit:city_name'], search: 'visit:city_name' };
  return { dimensions: [dimension], search: dimension };
}

/** A group's rows merged back into the filter list: edited ones in place, new ones at the end. */
export function applyDrafts(filters: DashboardFilter[], groupDimensions: (dimension: string) => boolean, drafts: Draft[]): DashboardFilter[] {
  const kept = drafts.filter((d) => d.values.length > 0);
  const byDimension = new Map(kept.map((d) => [d.dimension, d] as const));
  const result: DashboardFilter[] = [];
  for (const filter of filters) {
    if (!groupDimensions(filter.dimension)) result.push(filter);
    else {
      const draft = byDimension.get(filter.dimension);
      if (draft) {
        result.push({ op: draft.op, dimension: draft.dimension, values: draft.values });
        byDimension.delete(filter.dimension);
      }
    }
  }
  for (const draft of byDimension.values()) result.push({ op: draft.op, dimension: draft.dimension, values: draft.values });
  return result;
}

export default function FilterEditor({ group, dimension: focusDimension, onClose }: FilterEditorProps) {
  const { state, update } = useDashboard();
  const info = FILTER_GROUPS.find((g) => g.id === group)!;
  const inGroup = (d: string) => (group === 'property' ? isPropsDimension(d) : info.dimensions.includes(d));

  const [drafts, setDrafts] = useState<Draft[]>(() => {
    const existing = (d: string) => state.filters.find((f) => f.dimension === d);
    if (group === 'property') {
      const rows = state.filters.filter((f) => isPropsDimension(f.dimension)).map((f) => ({ dimension: f.dimension, op: f.op, values: [...f.values] }));
      return rows.length > 0 ? rows : [];
    }
    return info.dimensions.map((d) => {
      const f = existing(d);
      return { dimension: d, op: f?.op ?? 'is', values: f ? [...f.values] : [] };
    });
  });
  const [newKey, setNewKey] = useState('');

  const setDraft = (index: number, patch: Partial<Draft>) => setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  const addProperty = (event?: FormEvent) => {
    event?.preventDefault();
    const key = newKey.trim();
    if (!key) return;
    const dimension = propsDimension(key);
    setDrafts((list) => (list.some((d) => d.dimension === dimension) ? list : [...list, { dimension, op: 'is', values: [] }]));
    setNewKey('');
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    update((s) => ({ ...s, filters: applyDrafts(s.filters, inGroup, drafts) }));
    onClose();
  };

  const changed = useMemo(() => JSON.stringify(applyDrafts(state.filters, inGroup, drafts)) !== JSON.stringify(state.filters), [state.filters, drafts]); // eslint-disable-line react-hooks/exhaustive-deps
  const initial = focusDimension ? `[data-dimension="${focusDimension.replace(/["\\]/g, '\\$&')}"] input` : undefined;

  return (
    <Modal title={`Filter by ${info.label.toLowerCase()}`} onClose={onClose} size="lg" initialFocus={initial}>
      <form onSubmit={apply} className="space-y-5 px-4 py-4 sm:px-6 sm:py-5">
        {group === 'property' && (
          <div className="flex items-end gap-2" role="group" aria-label="Add a property">
            <label className="flex-1 text-sm font-medium text-slate-700 dark:text-slate-300">
              Property key
              <input
                value={newKey}
                onChange={(event) => setNewKey(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') addProperty(event);
                }}
                placeholder="e.g. plan"
                className={`${inputClass} mt-1`}
                maxLength={300}
                autoComplete="off"
              />
            </label>
            <button type="button" className={buttonClass} onClick={() => addProperty()}>
              Add
            </button>
          </div>
        )}
        {drafts.length === 0 && group === 'property' && <p className="text-sm text-slate-500 dark:text-slate-400">Add a property key to filter by its values.</p>}
        {drafts.map((draft, index) => (
          <FilterRow key={draft.dimension} draft={draft} onChange={(patch) => setDraft(index, patch)} onRemove={group === 'property' ? () => setDrafts((list) => list.filter((_, i) => i !== index)) : undefined} />
        ))}
        <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-100 pt-4 dark:border-slate-800">
          <button
            type="button"
            className={`${buttonClass} mr-auto`}
            onClick={() => setDrafts((list) => list.map((d) => ({ ...d, values: [] })))}
            disabled={drafts.every((d) => d.values.length === 0)}
          >
            Clear {info.label.toLowerCase()} filters
          </button>
          <button type="button" className={buttonClass} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={primaryButtonClass} disabled={!changed}>
            Apply filter
          </button>
        </div>
      </form>
    </Modal>
  );
}

function FilterRow({ draft, onChange, onRemove }: { draft: Draft; onChange: (patch: Partial<Draft>) => void; onRemove?: () => void }) {
  const opId = useId();
  const label = isPropsDimension(draft.dimension) ? `Property “${propKeyOf(draft.dimension)}”` : dimensionLabel(draft.dimension);
  return (
    <fieldset className="space-y-1.5" data-dimension={draft.dimension}>
      <legend className="flex w-full items-center justify-between text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
        {onRemove && (
          <button type="button" onClick={onRemove} className={`rounded p-0.5 text-slate-400 hover:text-slate-700 ${focusRing}`} aria-label={`Remove ${label}`}>
            <XIcon className="size-4" />
          </button>
        )}
      </legend>
      <div className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor={opId} className="sr-only">
          {label}: operator
        </label>
        <select id={opId} value={draft.op} onChange={(event) => onChange({ op: event.target.value as FilterOp })} className={`${inputClass} sm:w-44 sm:flex-none`}>
          {FILTER_OPS.map((op) => (
            <option key={op} value={op}>
              {OP_LABELS[op]}
            </option>
          ))}
        </select>
        <ValuesInput draft={draft} label={label} onChange={(values) => onChange({ values })} />
      </div>
    </fieldset>
  );
}

interface Suggestion {
  value: string;
  text: string;
  visitors: number | null;
}

function ValuesInput({ draft, label, onChange }: { draft: Draft; label: string; onChange: (values: string[]) => void }) {
  const { site, state, now } = useDashboard();
  const [text, setText] = useState('');
  const [focused, setFocused] = useState(false);
  /** The list opens on typing, ArrowDown or a click, not on focus: it would cover the next row. */
  const [listOpen, setListOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [hint, setHint] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const search = useDebounced(text, 200);
  const shape = suggestionShape(draft.dimension);
  const integerOnly = draft.dimension === 'visit:city' && (draft.op === 'is' || draft.op === 'is_not');

  const result = useRequest<StatsResult>(focused && listOpen ? { kind: 'query', body: suggestionQuery(site.domain, state, { dimension: draft.dimension, dimensions: shape.dimensions, searchDimension: shape.search, text: search }, now) } : null);
  const suggestions: Suggestion[] = (result.data?.results ?? [])
    .map((row) => {
      const value = String(row.dimensions[0] ?? '');
      const name = row.dimensions[1] !== undefined && row.dimensions[1] !== '' ? String(row.dimensions[1]) : null;
      const text = draft.dimension === 'visit:country' ? countryName(value) : (name ?? value);
      return { value, text, visitors: typeof row.metrics[0] === 'number' ? row.metrics[0] : null };
    })
    .filter((s) => s.value !== '' && s.value !== '0' && !draft.values.includes(s.value));

  const add = (value: string) => {
    const clean = value.trim();
    if (!clean) return;
    if (integerOnly && !/^\d+$/.test(clean)) {
      setHint('Pick a city from the suggestions (cities are matched by id).');
      return;
    }
    if (draft.dimension === 'visit:country' && (draft.op === 'is' || draft.op === 'is_not') && !/^[A-Z]{2}$/.test(clean)) {
      setHint('Pick a country from the suggestions.');
      return;
    }
    setHint(null);
    if (!draft.values.includes(clean)) onChange([...draft.values, clean]);
    setText('');
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && !listOpen) {
      event.preventDefault();
      setListOpen(true);
    } else if (event.key === 'ArrowDown' && suggestions.length > 0) {
      event.preventDefault();
      setActive((i) => (i + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length > 0) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
    } else if (event.key === 'Enter') {
      if (active >= 0 && suggestions[active]) {
        event.preventDefault();
        add(suggestions[active]!.value);
      } else if (text.trim()) {
        event.preventDefault();
        add(text);
      }
    } else if (event.key === ',' && text.trim()) {
      event.preventDefault();
      add(text);
    } else if (event.key === 'Backspace' && text === '' && draft.values.length > 0) {
      onChange(draft.values.slice(0, -1));
    } else if (event.key === 'Escape' && listOpen) {
      // Closes the list; a second Escape closes the dialog.
      event.stopPropagation();
      setListOpen(false);
      setActive(-1);
    }
  };

  const open = focused && listOpen && suggestions.length > 0;
  return (
    <div className="relative min-w-0 flex-1">
      <div
        className="flex min-h-[2.25rem] flex-wrap items-center gap-1 rounded-lg border border-slate-300 bg-white px-1.5 py-1 focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/20 dark:border-slate-700 dark:bg-slate-950"
        onClick={() => inputRef.current?.focus()}
      >
        {draft.values.map((value) => (
          <span key={value} className="inline-flex max-w-full items-center gap-1 rounded-md bg-indigo-50 py-0.5 pr-0.5 pl-2 text-xs font-medium text-indigo-800 dark:bg-indigo-500/15 dark:text-indigo-200">
            <span className="truncate">{filterValueText(draft.dimension, value)}</span>
            <button
              type="button"
              onClick={() => onChange(draft.values.filter((v) => v !== value))}
              className={`rounded p-0.5 hover:bg-indigo-100 dark:hover:bg-indigo-500/25 ${focusRing}`}
              aria-label={`Remove ${filterValueText(draft.dimension, value)}`}
            >
              <XIcon className="size-3" />
            </button>
          </span>
        ))}
        <input
          ref={inputRef}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(-1);
            setHint(null);
            setListOpen(true);
          }}
          onFocus={() => setFocused(true)}
          onClick={() => setListOpen(true)}
          onBlur={() => {
            setFocused(false);
            setListOpen(false);
          }}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-label={`${label}: values`}
          placeholder={draft.values.length === 0 ? (draft.op.startsWith('contains') ? 'Type text and press Enter' : 'Search or type a value') : ''}
          className="min-w-[8rem] flex-1 border-0 bg-transparent px-1.5 py-0.5 text-sm text-slate-900 placeholder:text-slate-400 focus:outline-none dark:text-white"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {hint && <p className="mt-1 text-xs text-amber-700 dark:text-amber-400">{hint}</p>}
      {open && (
        <ul id={listId} role="listbox" aria-label={`${label} suggestions`} className="absolute z-10 mt-1 max-h-60 w-full overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          {suggestions.map((s, i) => (
            <li
              key={s.value}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(event) => {
                event.preventDefault();
                add(s.value);
              }}
              className={`flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm ${i === active ? 'bg-indigo-50 text-indigo-900 dark:bg-indigo-500/15 dark:text-indigo-100' : 'text-slate-700 hover:bg-slate-50 dark:text-slate-200 dark:hover:bg-slate-800'}`}
            >
              {draft.dimension === 'visit:country' && <Flag code={s.value} />}
              <span className="min-w-0 flex-1 truncate">{s.text}</span>
              {s.visitors !== null && <span className="text-xs text-slate-400 tabular-nums">{formatNumber(s.visitors)}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
