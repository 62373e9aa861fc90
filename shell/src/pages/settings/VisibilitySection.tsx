/** Visibility: shared links (list, create with an optional password, copy, delete) and embed code. */
import { useQusto } from '@qusto/sdk/ui';
import { useId, useState, type FormEvent } from 'react';
import { buttonClass, inputClass, primaryButtonClass } from '../../dashboard/components/ui.tsx';
import { embedCode, type EmbedTheme } from './embed-code.ts';
import { CodeBlock, CopyButton, errorText, FieldError, hintClass, labelClass, ListSkeleton, LoadFailure, ReadOnlyNotice, SettingsCard, useConfirm, useResource } from './settings-ui.tsx';
import { siteApi, type SectionProps, type SiteView } from './site-settings-types.ts';

export interface SharedLinkView {
  id: string;
  name: string;
  slug: string;
  hasPassword: boolean;
  createdAt: string;
  url: string;
}

export function VisibilitySection({ site, permissions, onSiteChange }: SectionProps) {
  const links = useResource<{ sharedLinks: SharedLinkView[] }>(permissions.manageSharedLinks ? siteApi(site.domain, '/shared-links') : null);
  const { dialog, ask } = useConfirm();
  const { api } = useQusto();

  const publicCard = <PublicDashboardCard site={site} canChange={permissions.updateSettings} onSiteChange={onSiteChange} />;
  if (!permissions.manageSharedLinks) {
    return (
      <div className="space-y-6">
        {publicCard}
        <SettingsCard title="Shared links" description="Secret links that show this site’s dashboard to people without an account.">
          <ReadOnlyNotice>Your role on this site can’t see or manage shared links. Ask a team owner, admin or editor.</ReadOnlyNotice>
        </SettingsCard>
      </div>
    );
  }

  const list = links.status === 'ready' ? links.data.sharedLinks : [];
  const remove = (link: SharedLinkView) =>
    ask(
      { title: 'Delete shared link?', message: <>Anyone using “{link.name}” loses access to the dashboard at once. This can’t be undone.</>, confirmLabel: 'Delete link' },
      async () => {
        await api.delete(siteApi(site.domain, `/shared-links/${encodeURIComponent(link.id)}`));
        links.replace({ sharedLinks: list.filter((l) => l.id !== link.id) });
      },
    );

  return (
    <div className="space-y-6">
      {publicCard}
      <SettingsCard
        title="Shared links"
        description="Secret links that show this site’s dashboard, read-only, to people without an account. Add a password to protect a link further."
        testId="shared-links"
      >
        {links.status === 'loading' && <ListSkeleton label="shared links" />}
        {links.status === 'error' && <LoadFailure what="shared links" error={links.error} onRetry={links.reload} />}
        {links.status === 'ready' && (
          <>
            {list.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
                No shared links yet. Create one below to show your stats to a client or the public.
              </p>
            ) : (
              <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Shared links">
                {list.map((link) => (
                  <li key={link.id} className="flex flex-col gap-2 py-3 first:pt-0 sm:flex-row sm:items-center sm:gap-4">
                    <div className="min-w-0 flex-1">
                      <p className="flex items-center gap-2 text-sm font-medium text-slate-900 dark:text-white">
                        <span className="truncate">{link.name}</span>
                        {link.hasPassword && (
                          <span className="shrink-0 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-500/15 dark:text-amber-300">Password</span>
                        )}
                      </p>
                      <a href={link.url} target="_blank" rel="noreferrer" className="mt-0.5 block truncate font-mono text-xs text-indigo-600 hover:underline dark:text-indigo-400">
                        {link.url}
                      </a>
                    </div>
                    <div className="flex shrink-0 gap-2">
                      <CopyButton text={link.url} label="Copy link" ariaLabel={`Copy link ${link.name}`} />
                      <button type="button" onClick={() => remove(link)} className={buttonClass} aria-label={`Delete link ${link.name}`}>
                        Delete
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <NewLinkForm domain={site.domain} onCreated={(link) => links.replace({ sharedLinks: [...list, link] })} />
          </>
        )}
      </SettingsCard>
      {links.status === 'ready' && <EmbedCard links={list.filter((l) => !l.hasPassword)} />}
      {dialog}
    </div>
  );
}

/** Plausible's public dashboard: anyone who knows the address sees the stats, read-only. */
function PublicDashboardCard({ site, canChange, onSiteChange }: { site: SiteView; canChange: boolean; onSiteChange: (site: SiteView) => void }) {
  const { api } = useQusto();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Shown at once (the box follows the click), put back if the server refuses.
  const [checked, setChecked] = useState(site.public);
  const address = `${window.location.origin}/${encodeURIComponent(site.domain)}`;

  async function toggle(makePublic: boolean) {
    setChecked(makePublic);
    setBusy(true);
    setError(null);
    try {
      const { site: updated } = await api.put<{ site: SiteView }>(siteApi(site.domain), { public: makePublic });
      setChecked(updated.public);
      onSiteChange(updated);
    } catch (failure) {
      setChecked(!makePublic);
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SettingsCard title="Public dashboard" description="Let anyone who knows the address see this site’s stats, read-only, without an account." testId="public-dashboard">
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900"
          checked={checked}
          disabled={!canChange || busy}
          onChange={(event) => void toggle(event.target.checked)}
        />
        <div className="min-w-0">
          <label htmlFor={id} className="text-sm font-medium text-slate-900 dark:text-white">
            Make the dashboard public
          </label>
          <p className={hintClass}>
            {checked ? 'Public at ' : 'When public, it is at '}
            <a href={address} target="_blank" rel="noreferrer" className="break-all font-mono text-indigo-600 hover:underline dark:text-indigo-400">
              {address}
            </a>
            . Settings stay private.
          </p>
        </div>
      </div>
      {!canChange && <ReadOnlyNotice>Only team owners, admins and editors can change who sees the dashboard.</ReadOnlyNotice>}
      {error && <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">{error}</p>}
    </SettingsCard>
  );
}

function NewLinkForm({ domain, onCreated }: { domain: string; onCreated: (link: SharedLinkView) => void }) {
  const { api } = useQusto();
  const ids = { name: useId(), password: useId(), error: useId(), hint: useId() };
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Give the link a name, e.g. “Client report”');
    setBusy(true);
    setError(null);
    try {
      const { sharedLink } = await api.post<{ sharedLink: SharedLinkView }>(siteApi(domain, '/shared-links'), { name: name.trim(), ...(password ? { password } : {}) });
      onCreated(sharedLink);
      setName('');
      setPassword('');
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="mt-5 border-t border-slate-100 pt-5 dark:border-slate-800">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">New shared link</h3>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={ids.name} className={labelClass}>
            Name
          </label>
          <input id={ids.name} className={`${inputClass} mt-1.5`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="Client report" aria-describedby={error ? ids.error : undefined} />
        </div>
        <div>
          <label htmlFor={ids.password} className={labelClass}>
            Password <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
          </label>
          <input
            id={ids.password}
            type="password"
            autoComplete="new-password"
            className={`${inputClass} mt-1.5`}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={`${ids.hint}${error ? ` ${ids.error}` : ''}`}
          />
        </div>
      </div>
      <p id={ids.hint} className={hintClass}>
        With a password, visitors must type it before they see the stats. It can’t be changed later; delete the link and make a new one instead.
      </p>
      <FieldError id={ids.error} message={error} />
      <button type="submit" disabled={busy} className={`${primaryButtonClass} mt-3`}>
        {busy ? 'Creating…' : 'Create link'}
      </button>
    </form>
  );
}

function EmbedCard({ links }: { links: SharedLinkView[] }) {
  const ids = { link: useId(), theme: useId() };
  const [linkId, setLinkId] = useState<string | null>(null);
  const [theme, setTheme] = useState<EmbedTheme>('system');
  const link = links.find((l) => l.id === linkId) ?? links[0];
  return (
    <SettingsCard title="Embed the dashboard" description="Show the dashboard on another page with an iframe. Only links without a password can be embedded.">
      {!link ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Create a shared link without a password above to get embed code.</p>
      ) : (
        <div className="space-y-4">
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor={ids.link} className={labelClass}>
                Shared link
              </label>
              <select id={ids.link} className={`${inputClass} mt-1.5 py-2`} value={link.id} onChange={(e) => setLinkId(e.target.value)}>
                {links.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={ids.theme} className={labelClass}>
                Theme
              </label>
              <select id={ids.theme} className={`${inputClass} mt-1.5 py-2`} value={theme} onChange={(e) => setTheme(e.target.value as EmbedTheme)}>
                <option value="system">Follow the visitor’s system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </div>
          </div>
          <CodeBlock code={embedCode(link.url, theme)} caption="HTML · embed code" />
        </div>
      )}
    </SettingsCard>
  );
}
