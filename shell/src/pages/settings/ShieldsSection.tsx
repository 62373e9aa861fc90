/** Shields: IP/CIDR, page and country block lists, and the hostname allow-list. */
import { useQusto } from '@qusto/sdk/ui';
import { useId, useState, type FormEvent } from 'react';
import { buttonClass, inputClass, primaryButtonClass } from '../../dashboard/components/ui.tsx';
import { errorText, FieldError, labelClass, ListSkeleton, LoadFailure, ReadOnlyNotice, SettingsCard, useConfirm, useResource } from './settings-ui.tsx';
import { siteApi, type SectionProps, type SiteView } from './site-settings-types.ts';

type ShieldKind = 'ip' | 'page' | 'hostname' | 'country';

interface Shield {
  id: string;
  kind: ShieldKind;
  value: string;
  description: string;
}

/** 30 of a kind, as core's MAX_SHIELDS_PER_KIND. */
const MAX_PER_KIND = 30;

const KINDS: Array<{ kind: ShieldKind; title: string; noun: string; description: string; label: string; placeholder: string }> = [
  { kind: 'ip', title: 'IP addresses', noun: 'IP', description: 'Events from these addresses or ranges are not counted (your office, your own visits).', label: 'IP address or CIDR range', placeholder: '203.0.113.7 or 2001:db8::/32' },
  { kind: 'page', title: 'Pages', noun: 'page', description: 'Pageviews and events on these paths are not counted. * matches within a segment, ** across segments.', label: 'Page path', placeholder: '/admin/**' },
  { kind: 'hostname', title: 'Hostnames', noun: 'hostname', description: 'When any is listed, only events from these hostnames are counted (e.g. keep staging out).', label: 'Hostname', placeholder: 'example.com or *.example.com' },
  { kind: 'country', title: 'Countries', noun: 'country', description: 'Events from these countries are not counted.', label: 'Country code (ISO 3166-1)', placeholder: 'DE' },
];

export function ShieldsSection({ site, permissions }: SectionProps) {
  const shields = useResource<{ shields: Shield[] }>(permissions.readSettings ? siteApi(site.domain, '/shields') : null);
  const { api } = useQusto();
  const { dialog, ask } = useConfirm();

  if (!permissions.readSettings) {
    return (
      <SettingsCard title="Shields" description="Rules that keep unwanted traffic out of your stats.">
        <ReadOnlyNotice>Your role on this site can’t see or change shields. Ask a team owner, admin or editor.</ReadOnlyNotice>
      </SettingsCard>
    );
  }
  if (shields.status !== 'ready') {
    return (
      <SettingsCard title="Shields" description="Rules that keep unwanted traffic out of your stats.">
        {shields.status === 'loading' ? <ListSkeleton label="shields" /> : <LoadFailure what="shields" error={shields.error} onRetry={shields.reload} />}
      </SettingsCard>
    );
  }

  const list = shields.data.shields;
  const remove = (shield: Shield) =>
    ask({ title: 'Remove this rule?', message: <>Events matching “{shield.value}” will be counted again from now on.</>, confirmLabel: 'Remove rule' }, async () => {
      await api.delete(siteApi(site.domain, `/shields/${encodeURIComponent(shield.id)}`));
      shields.replace({ shields: list.filter((s) => s.id !== shield.id) });
    });

  return (
    <div className="space-y-6">
      {!permissions.updateSettings && <ReadOnlyNotice>You can see the shields, but your role can’t change them.</ReadOnlyNotice>}
      {KINDS.map((info) => {
        const rules = list.filter((s) => s.kind === info.kind);
        return (
          <SettingsCard key={info.kind} title={info.title} description={info.description} testId={`shields-${info.kind}`}>
            {rules.length === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">No {info.noun} rules yet.</p>
            ) : (
              <ul aria-label={`${info.noun} rules`} className="divide-y divide-slate-100 dark:divide-slate-800">
                {rules.map((shield) => (
                  <li key={shield.id} className="flex items-center gap-3 py-2 first:pt-0">
                    <div className="min-w-0 flex-1">
                      <p className="truncate font-mono text-sm text-slate-900 dark:text-white">{shield.value}</p>
                      {shield.description && <p className="truncate text-xs text-slate-500 dark:text-slate-400">{shield.description}</p>}
                    </div>
                    {permissions.updateSettings && (
                      <button type="button" onClick={() => remove(shield)} className={buttonClass} aria-label={`Remove ${shield.value}`}>
                        Remove
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {permissions.updateSettings &&
              (rules.length >= MAX_PER_KIND ? (
                <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">This site has the most {info.noun} rules allowed ({MAX_PER_KIND}). Remove one to add another.</p>
              ) : (
                <AddShieldForm site={site} info={info} onAdded={(shield) => shields.replace({ shields: [...list, shield] })} />
              ))}
          </SettingsCard>
        );
      })}
      {dialog}
    </div>
  );
}

function AddShieldForm({ site, info, onAdded }: { site: SiteView; info: (typeof KINDS)[number]; onAdded: (shield: Shield) => void }) {
  const { api } = useQusto();
  const ids = { value: useId(), description: useId(), error: useId() };
  const [value, setValue] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!value.trim()) return setError(`Enter a value, e.g. ${info.placeholder.split(' or ')[0]}`);
    setBusy(true);
    setError(null);
    try {
      const { shield } = await api.post<{ shield: Shield }>(siteApi(site.domain, '/shields'), { kind: info.kind, value: value.trim(), description: description.trim() });
      onAdded(shield);
      setValue('');
      setDescription('');
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 flex flex-col gap-2 border-t border-slate-100 pt-4 sm:flex-row sm:items-start dark:border-slate-800">
      <div className="min-w-0 flex-1">
        <label htmlFor={ids.value} className={labelClass}>
          {info.label}
        </label>
        <input
          id={ids.value}
          className={`${inputClass} mt-1.5`}
          placeholder={info.placeholder}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
          maxLength={250}
          autoComplete="off"
          spellCheck={false}
        />
        <FieldError id={ids.error} message={error} />
      </div>
      <div className="min-w-0 sm:w-48">
        <label htmlFor={ids.description} className={labelClass}>
          Note (optional)
        </label>
        <input id={ids.description} className={`${inputClass} mt-1.5`} placeholder="e.g. Office" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} />
      </div>
      <button type="submit" disabled={busy} className={`${primaryButtonClass} shrink-0 sm:mt-[1.625rem]`} aria-label={`Add ${info.label.toLowerCase()}`}>
        {busy ? 'Adding…' : 'Add'}
      </button>
    </form>
  );
}
