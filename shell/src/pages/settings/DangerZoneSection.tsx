/** Danger zone: reset the stats (keep the site) or delete the site, each confirmed by typing the domain. */
import { useQusto } from '@qusto/sdk/ui';
import { navigate } from '../../router.tsx';
import { dangerButtonClass, ReadOnlyNotice, SettingsCard, useConfirm } from './settings-ui.tsx';
import { siteApi, type SectionProps } from './site-settings-types.ts';

export function DangerZoneSection({ site, permissions }: SectionProps) {
  const { api } = useQusto();
  const { dialog, ask } = useConfirm();

  const resetStats = () =>
    ask(
      {
        title: `Reset the stats of ${site.domain}?`,
        message: (
          <>
            Every pageview, event and visit recorded for {site.domain} is deleted for good. The site, its settings, shields, shared links and people stay, and new visits are counted
            from now on.
          </>
        ),
        confirmLabel: 'Reset stats',
        typeToConfirm: site.domain,
      },
      async () => {
        await api.delete(siteApi(site.domain, '/stats'));
        navigate(`/${encodeURIComponent(site.domain)}`);
      },
    );

  const deleteSite = () =>
    ask(
      {
        title: `Delete ${site.domain}?`,
        message: <>The site, all its stats and its settings are deleted for good. Shared links stop working and guests lose access.</>,
        confirmLabel: 'Delete site',
        typeToConfirm: site.domain,
      },
      async () => {
        await api.delete(siteApi(site.domain));
        navigate('/', { replace: true });
      },
    );

  return (
    <SettingsCard tone="danger" title="Danger zone" description="These actions can’t be undone." testId="danger-zone">
      <div className="divide-y divide-slate-100 dark:divide-slate-800">
        <div className="flex flex-col gap-3 pb-5 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Reset stats</h3>
            <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">Delete all recorded events and visits; keep the site and its settings.</p>
          </div>
          {permissions.deleteSite && (
            <button type="button" onClick={resetStats} className={`${dangerButtonClass} shrink-0`}>
              Reset stats
            </button>
          )}
        </div>
        <div className="flex flex-col gap-3 pt-5 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Delete site</h3>
            <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">Remove the site with all its stats and settings.</p>
          </div>
          {permissions.deleteSite && (
            <button type="button" onClick={deleteSite} className={`${dangerButtonClass} shrink-0`}>
              Delete site
            </button>
          )}
        </div>
      </div>
      {!permissions.deleteSite && (
        <div className="mt-4">
          <ReadOnlyNotice>Only team owners and admins can reset the stats or delete the site.</ReadOnlyNotice>
        </div>
      )}
      {dialog}
    </SettingsCard>
  );
}
