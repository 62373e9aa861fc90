/** General: the domain (with its grace period), the time zone, and the tracking snippet. */
import { useQusto } from '@qusto/sdk/ui';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Snippet } from '../../components/Snippet.tsx';
import { inputClass, primaryButtonClass } from '../../dashboard/components/ui.tsx';
import { navigate, siteSettingsPath } from '../../router.tsx';
import { errorText, FieldError, hintClass, labelClass, ReadOnlyNotice, SavedNote, SettingsCard, useFlash } from './settings-ui.tsx';
import { siteApi, type SectionProps, type SiteView } from './site-settings-types.ts';
import { filterTimeZones, timeZoneList } from './time-zones.ts';

/** 72 hours, as core's DOMAIN_CHANGE_GRACE_MS. */
const GRACE_HOURS = 72;

export function GeneralSection({ site, permissions, onSiteChange }: SectionProps) {
  return (
    <div className="space-y-6">
      <DomainCard site={site} canChange={permissions.changeDomain} />
      <TimeZoneCard site={site} canChange={permissions.updateSettings} onSiteChange={onSiteChange} />
      <SettingsCard title="Tracking snippet" description={<>Paste it into the &lt;head&gt; of every page of {site.domain}.</>}>
        <Snippet code={`<script defer data-domain="${site.domain}" src="${window.location.origin}/js/script.js"></script>`} />
      </SettingsCard>
    </div>
  );
}

function DomainCard({ site, canChange }: { site: SiteView; canChange: boolean }) {
  const { api } = useQusto();
  const ids = { input: useId(), error: useId(), hint: useId() };
  const [domain, setDomain] = useState(site.domain);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cleaned = domain.trim().replace(/^https?:\/\//i, '').replace(/\/$/, '').toLowerCase();
  const graceUntil = site.previousDomain && site.previousDomainExpiresAt && Date.parse(site.previousDomainExpiresAt) > Date.now() ? new Date(site.previousDomainExpiresAt) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!cleaned) return setError('Enter a domain such as example.com');
    setBusy(true);
    setError(null);
    try {
      const { site: updated } = await api.put<{ site: SiteView }>(siteApi(site.domain), { domain: cleaned });
      // The page is keyed by domain: the new URL loads the renamed site.
      navigate(siteSettingsPath(updated.domain, 'general'), { replace: true });
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <SettingsCard title="Domain" description="The domain your tracking script reports as data-domain.">
      {graceUntil && (
        <p role="note" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
          Events sent for <span className="font-semibold">{site.previousDomain}</span> are still counted until {graceUntil.toLocaleString()}. Update data-domain in your snippet before then.
        </p>
      )}
      {canChange ? (
        <form onSubmit={submit} noValidate>
          <label htmlFor={ids.input} className={labelClass}>
            Domain
          </label>
          <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
            <input
              id={ids.input}
              className={inputClass}
              value={domain}
              onChange={(e) => setDomain(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${ids.hint}${error ? ` ${ids.error}` : ''}`}
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" disabled={busy || cleaned === site.domain} className={`${primaryButtonClass} shrink-0`}>
              {busy ? 'Changing…' : 'Change domain'}
            </button>
          </div>
          <FieldError id={ids.error} message={error} />
          <p id={ids.hint} className={hintClass}>
            Your stats stay with the site. For {GRACE_HOURS} hours after the change, events sent for the old domain are still counted, so you have time to update the snippet.
          </p>
        </form>
      ) : (
        <>
          <p className="font-mono text-sm text-slate-900 dark:text-white">{site.domain}</p>
          <div className="mt-3">
            <ReadOnlyNotice>Only team owners and admins can change the domain.</ReadOnlyNotice>
          </div>
        </>
      )}
    </SettingsCard>
  );
}

function TimeZoneCard({ site, canChange, onSiteChange }: { site: SiteView; canChange: boolean; onSiteChange: (site: SiteView) => void }) {
  const { api } = useQusto();
  const ids = { search: useId(), select: useId(), error: useId(), hint: useId() };
  const [timezone, setTimezone] = useState(site.timezone);
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, flashSaved] = useFlash();
  const all = useMemo(() => timeZoneList(site.timezone), [site.timezone]);
  const shown = useMemo(() => filterTimeZones(all, search, timezone), [all, search, timezone]);
  const localTime = useMemo(() => {
    try {
      return new Intl.DateTimeFormat(undefined, { timeZone: timezone, hour: '2-digit', minute: '2-digit', weekday: 'short' }).format(new Date());
    } catch {
      return null;
    }
  }, [timezone]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { site: updated } = await api.put<{ site: SiteView }>(siteApi(site.domain), { timezone });
      onSiteChange(updated);
      flashSaved();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SettingsCard title="Time zone" description="Days, weeks and months of your reports start at midnight in this zone.">
      {canChange ? (
        <form onSubmit={submit} noValidate className="space-y-3">
          <div>
            <label htmlFor={ids.search} className={labelClass}>
              Search time zones
            </label>
            <input
              id={ids.search}
              type="search"
              className={`${inputClass} mt-1.5`}
              placeholder="e.g. Berlin, Tokyo, America"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              aria-controls={ids.select}
            />
          </div>
          <div>
            <label htmlFor={ids.select} className={labelClass}>
              Time zone
            </label>
            <select
              id={ids.select}
              className={`${inputClass} mt-1.5 py-2`}
              value={timezone}
              onChange={(e) => setTimezone(e.target.value)}
              aria-describedby={`${ids.hint}${error ? ` ${ids.error}` : ''}`}
            >
              {shown.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
            <p id={ids.hint} className={hintClass}>
              {search && shown.length <= 1 ? `No other zone matches “${search}”. ` : ''}
              {localTime ? `It is now ${localTime} there.` : ''}
            </p>
            <FieldError id={ids.error} message={error} />
          </div>
          <div className="flex items-center gap-3">
            <button type="submit" disabled={busy || timezone === site.timezone} className={primaryButtonClass}>
              {busy ? 'Saving…' : 'Save time zone'}
            </button>
            <SavedNote show={saved}>Time zone saved</SavedNote>
          </div>
        </form>
      ) : (
        <>
          <p className="text-sm text-slate-900 dark:text-white">{site.timezone.replaceAll('_', ' ')}</p>
          <div className="mt-3">
            <ReadOnlyNotice>Your role on this site can’t change its settings. Ask a team owner, admin or editor.</ReadOnlyNotice>
          </div>
        </>
      )}
    </SettingsCard>
  );
}
