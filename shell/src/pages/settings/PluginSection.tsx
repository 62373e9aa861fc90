/** A plugin's settings page: only that plugin's `site.settings` module, given the site. */
import type { SlotProps } from '@qusto/sdk/ui';
import { useMemo } from 'react';
import { cardClass } from '../../dashboard/components/ui.tsx';
import { Slot } from '../../plugins/Slot.tsx';
import type { SiteView } from './site-settings-types.ts';

export function PluginSection({ site, plugin, label }: { site: SiteView; plugin: string; label: string }) {
  const props = useMemo<SlotProps>(() => ({ site: { id: site.id, domain: site.domain, timezone: site.timezone } }), [site.id, site.domain, site.timezone]);
  return (
    <section aria-label={`${label} settings`} className="min-w-0">
      <Slot
        name="site.settings"
        plugin={plugin}
        props={props}
        fallback={<p className={`${cardClass} p-6 text-sm text-slate-600 dark:text-slate-400`}>The {label} plugin has no settings here any more.</p>}
      />
    </section>
  );
}
