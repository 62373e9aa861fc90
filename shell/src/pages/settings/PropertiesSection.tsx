/** Custom properties: which property keys the dashboard shows (all, or an allow-list), with suggestions. */
import { useQusto } from '@qusto/sdk/ui';
import { useId, useState, type FormEvent } from 'react';
import { buttonClass, inputClass, primaryButtonClass, XIcon } from '../../dashboard/components/ui.tsx';
import { addAllowedProp, propSuggestions } from './allowed-props.ts';
import { errorText, FieldError, hintClass, labelClass, ReadOnlyNotice, SavedNote, SettingsCard, useFlash, useResource } from './settings-ui.tsx';
import { siteApi, type SectionProps, type SiteView } from './site-settings-types.ts';

export function PropertiesSection({ site, permissions, onSiteChange }: SectionProps) {
  const description = 'Properties sent with events (props) appear in the dashboard’s Properties report. Show all of them, or only the ones you list.';
  if (!permissions.updateSettings) {
    return (
      <SettingsCard title="Custom properties" description={description}>
        <p className="text-sm text-slate-900 dark:text-white">{site.allowedEventProps === null ? 'All properties are shown.' : site.allowedEventProps.length === 0 ? 'No properties are shown.' : `Shown: ${site.allowedEventProps.join(', ')}`}</p>
        <div className="mt-3">
          <ReadOnlyNotice>Your role on this site can’t change which properties are shown.</ReadOnlyNotice>
        </div>
      </SettingsCard>
    );
  }
  return (
    <SettingsCard title="Custom properties" description={description} testId="allowed-props">
      <AllowListForm site={site} onSiteChange={onSiteChange} />
    </SettingsCard>
  );
}

function AllowListForm({ site, onSiteChange }: { site: SiteView; onSiteChange: (site: SiteView) => void }) {
  const { api } = useQusto();
  const ids = { mode: useId(), input: useId(), error: useId(), saveError: useId() };
  const [restricted, setRestricted] = useState(site.allowedEventProps !== null);
  const [list, setList] = useState<string[]>(site.allowedEventProps ?? []);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, flashSaved] = useFlash();
  const seen = useResource<{ propertyKeys: Array<{ key: string; events: number }> }>(siteApi(site.domain, '/property-keys'));
  const suggestions = seen.status === 'ready' ? propSuggestions(seen.data.propertyKeys, list) : [];
  const unchanged = restricted === (site.allowedEventProps !== null) && (!restricted || list.join('\n') === (site.allowedEventProps ?? []).join('\n'));

  function add(key: string) {
    const result = addAllowedProp(list, key);
    setList(result.list);
    setProblem(result.problem);
    if (!result.problem) setDraft('');
  }

  function onAdd(event: FormEvent) {
    event.preventDefault();
    add(draft);
  }

  async function save() {
    setBusy(true);
    setSaveError(null);
    try {
      const { site: updated } = await api.put<{ site: SiteView }>(siteApi(site.domain), { allowedEventProps: restricted ? list : null });
      onSiteChange(updated);
      flashSaved();
    } catch (failure) {
      setSaveError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-5">
      <fieldset>
        <legend className={labelClass}>Which properties to show</legend>
        <div className="mt-2 space-y-2">
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="radio" name={ids.mode} checked={!restricted} onChange={() => setRestricted(false)} className="size-4 accent-indigo-600" />
            All properties
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="radio" name={ids.mode} checked={restricted} onChange={() => setRestricted(true)} className="size-4 accent-indigo-600" />
            Only the properties listed below
          </label>
        </div>
      </fieldset>

      {restricted && (
        <div className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          {list.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">The list is empty: no properties will be shown. Add the ones you want below.</p>
          ) : (
            <ul aria-label="Allowed properties" className="flex flex-wrap gap-2">
              {list.map((key) => (
                <li key={key} className="inline-flex max-w-full items-center gap-1 rounded-full bg-indigo-50 py-1 pr-1 pl-3 text-sm text-indigo-800 dark:bg-indigo-500/15 dark:text-indigo-200">
                  <span className="truncate font-mono">{key}</span>
                  <button
                    type="button"
                    onClick={() => setList(list.filter((k) => k !== key))}
                    aria-label={`Remove ${key}`}
                    className="rounded-full p-0.5 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-indigo-500/25"
                  >
                    <XIcon className="size-3.5" />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={onAdd} noValidate>
            <label htmlFor={ids.input} className={labelClass}>
              Property name
            </label>
            <div className="mt-1.5 flex gap-2">
              <input
                id={ids.input}
                className={inputClass}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                placeholder="plan"
                autoComplete="off"
                spellCheck={false}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? ids.error : undefined}
              />
              <button type="submit" className={`${buttonClass} shrink-0`}>
                Add
              </button>
            </div>
            <FieldError id={ids.error} message={problem} />
          </form>
          <div>
            <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">Seen in the last 30 days</p>
            {seen.status === 'loading' && <p className={hintClass}>Looking for properties…</p>}
            {seen.status === 'error' && <p className={hintClass}>Suggestions could not be loaded ({errorText(seen.error)}). You can still type names.</p>}
            {seen.status === 'ready' &&
              (suggestions.length === 0 ? (
                <p className={hintClass}>{seen.data.propertyKeys.length === 0 ? 'No events with properties yet.' : 'Every property seen is on the list.'}</p>
              ) : (
                <ul aria-label="Suggested properties" className="mt-2 flex flex-wrap gap-2">
                  {suggestions.map((key) => (
                    <li key={key}>
                      <button type="button" onClick={() => add(key)} className={`${buttonClass} rounded-full py-1 font-mono text-xs`} aria-label={`Add ${key}`}>
                        + {key}
                      </button>
                    </li>
                  ))}
                </ul>
              ))}
          </div>
        </div>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={save} disabled={busy || unchanged} className={primaryButtonClass}>
          {busy ? 'Saving…' : 'Save properties'}
        </button>
        <SavedNote show={saved}>Properties saved</SavedNote>
      </div>
      <FieldError id={ids.saveError} message={saveError} />
    </div>
  );
}
