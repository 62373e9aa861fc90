/**
 * `/<domain>/settings[/<section>]`: a side nav (a select on phones) of core sections and one per
 * plugin contributing to `site.settings`, and the chosen section. What the user's role cannot do
 * is shown read-only, with the reason.
 */
import { QustoApiError } from '@qusto/sdk';
import { useEffect, useId, useMemo, useState, type ComponentType } from 'react';
import { buttonClass, cardClass, ChevronLeftIcon, focusRing, inputClass, SkeletonBlock } from '../../dashboard/components/ui.tsx';
import { slotEntries, usePluginHost } from '../../plugins/PluginHost.tsx';
import { Link, navigate, sitePath, siteSettingsPath } from '../../router.tsx';
import { ApiKeysSection } from './ApiKeysSection.tsx';
import { DangerZoneSection } from './DangerZoneSection.tsx';
import { GeneralSection } from './GeneralSection.tsx';
import { PeopleSection } from './PeopleSection.tsx';
import { PluginSection } from './PluginSection.tsx';
import { PropertiesSection } from './PropertiesSection.tsx';
import { findSection, settingsSections, type SettingsSection } from './sections.ts';
import { LoadFailure, useResource } from './settings-ui.tsx';
import { ShieldsSection } from './ShieldsSection.tsx';
import { abilityFromPacked, NO_PERMISSIONS, sitePermissions } from './site-permissions.ts';
import type { SectionProps, SiteView } from './site-settings-types.ts';
import { siteApi } from './site-settings-types.ts';
import { VisibilitySection } from './VisibilitySection.tsx';

const CORE_COMPONENTS: Record<string, ComponentType<SectionProps>> = {
  general: GeneralSection,
  visibility: VisibilitySection,
  people: PeopleSection,
  shields: ShieldsSection,
  properties: PropertiesSection,
  'api-keys': ApiKeysSection,
  'danger-zone': DangerZoneSection,
};

export default function SiteSettings({ domain, section }: { domain: string; section: string | null }) {
  const siteRequest = useResource<{ site: SiteView }>(siteApi(domain));
  const abilities = useResource<{ principal: string; rules: unknown }>('/api/me/abilities');
  const [site, setSite] = useState<SiteView | null>(null);
  useEffect(() => {
    if (siteRequest.status === 'ready') setSite(siteRequest.data.site);
  }, [siteRequest.status, siteRequest.data]);

  const { state: pluginState } = usePluginHost();
  const sections = useMemo(() => settingsSections(pluginState.status === 'ready' ? slotEntries(pluginState.plugins, 'site.settings') : []), [pluginState]);
  const current = findSection(sections, section);
  const permissions = useMemo(
    () => (site && abilities.status === 'ready' ? sitePermissions(abilityFromPacked(abilities.data.rules), site) : NO_PERMISSIONS),
    [site, abilities.status, abilities.data],
  );

  const status = (siteRequest.error as QustoApiError | undefined)?.status;
  if (siteRequest.status === 'error' && status === 401) return <SignInPrompt />;

  return (
    <div className="mx-auto max-w-6xl px-4 pb-16 sm:px-6">
      <nav aria-label="Breadcrumb" className="pt-6 text-sm text-slate-500 dark:text-slate-400">
        <ol className="flex min-w-0 items-center gap-2">
          <li>
            <Link to="/" className={`rounded hover:text-slate-900 dark:hover:text-white ${focusRing}`}>
              Sites
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li className="min-w-0 truncate">
            <Link to={sitePath(domain)} className={`rounded hover:text-slate-900 dark:hover:text-white ${focusRing}`}>
              {domain}
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="text-slate-700 dark:text-slate-300">
            Settings
          </li>
        </ol>
      </nav>
      <header className="mt-3 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{domain}</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Site settings</p>
        </div>
        <Link to={sitePath(domain)} className={buttonClass}>
          <ChevronLeftIcon className="size-4" />
          Back to dashboard
        </Link>
      </header>

      {siteRequest.status === 'error' ? (
        <div className={`${cardClass} mt-8 p-6`}>
          {status === 404 ? (
            <div className="text-center">
              <p className="font-semibold text-slate-900 dark:text-white">No site {domain} here</p>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">It may have been deleted or renamed, or your account cannot see it.</p>
              <Link to="/" className={`${buttonClass} mt-4`}>
                Go to my sites
              </Link>
            </div>
          ) : (
            <LoadFailure what="this site’s settings" error={siteRequest.error} onRetry={siteRequest.reload} />
          )}
        </div>
      ) : (
        <div className="mt-8 grid gap-6 md:grid-cols-[13rem_minmax(0,1fr)] md:gap-10">
          <SectionNav domain={domain} sections={sections} current={current?.id ?? null} />
          <div className="min-w-0" data-testid="settings-section">
            {!site || abilities.status === 'loading' ? (
              <SectionSkeleton />
            ) : current === null ? (
              pluginState.status === 'loading' ? (
                <SectionSkeleton />
              ) : (
                <UnknownSection domain={domain} />
              )
            ) : current.plugin ? (
              <PluginSection site={site} plugin={current.plugin} label={current.label} />
            ) : (
              <CoreSection id={current.id} site={site} permissions={permissions} onSiteChange={setSite} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function CoreSection({ id, ...props }: SectionProps & { id: string }) {
  const Section = CORE_COMPONENTS[id];
  return Section ? <Section {...props} /> : null;
}

function SectionNav({ domain, sections, current }: { domain: string; sections: SettingsSection[]; current: string | null }) {
  const selectId = useId();
  return (
    <>
      <div className="md:hidden">
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Section
        </label>
        <select id={selectId} className={`${inputClass} mt-1.5 py-2`} value={current ?? ''} onChange={(e) => navigate(siteSettingsPath(domain, e.target.value), { keepScroll: true })}>
          {current === null && <option value="">Choose a section</option>}
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <nav aria-label="Settings sections" className="hidden md:block">
        <ul className="sticky top-6 space-y-1">
          {sections.map((s) => {
            const active = s.id === current;
            const danger = s.id === 'danger-zone';
            return (
              <li key={s.id} className={danger ? 'mt-3 border-t border-slate-200 pt-3 dark:border-slate-800' : undefined}>
                <Link
                  to={siteSettingsPath(domain, s.id)}
                  keepScroll
                  aria-current={active ? 'page' : undefined}
                  className={`flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium transition ${focusRing} ${
                    active
                      ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300'
                      : danger
                        ? 'text-rose-700 hover:bg-rose-50 dark:text-rose-300 dark:hover:bg-rose-500/10'
                        : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white'
                  }`}
                >
                  {s.label}
                  {s.plugin && <span className="ml-auto rounded bg-slate-100 px-1.5 py-0.5 text-[0.65rem] font-semibold tracking-wide text-slate-500 uppercase dark:bg-slate-800 dark:text-slate-400">Plugin</span>}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}

function SectionSkeleton() {
  return (
    <div role="status" aria-label="Loading settings" className={`${cardClass} space-y-4 p-6`}>
      <SkeletonBlock className="h-5 w-40" />
      <SkeletonBlock className="h-4 w-3/4" />
      <SkeletonBlock className="h-9 w-full" />
      <SkeletonBlock className="h-9 w-2/3" />
    </div>
  );
}

function UnknownSection({ domain }: { domain: string }) {
  return (
    <div className={`${cardClass} p-6 text-center`}>
      <p className="font-semibold text-slate-900 dark:text-white">No such settings section</p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">The plugin that provided it may have been removed. Pick a section from the list.</p>
      <Link to={siteSettingsPath(domain, 'general')} className={`${buttonClass} mt-4`}>
        General settings
      </Link>
    </div>
  );
}

function SignInPrompt() {
  const next = `/login?next=${encodeURIComponent(window.location.pathname)}`;
  return (
    <div className="mx-auto max-w-lg px-4 py-20 text-center sm:px-6">
      <h1 className="text-xl font-semibold text-slate-900 dark:text-white">Sign in to change this site’s settings</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Site settings are only for members of the site’s team and its guests.</p>
      <Link to={next} className="mt-6 inline-flex rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
        Sign in
      </Link>
    </div>
  );
}
