import { useMemo } from 'react';
import type { SlotProps } from '@qusto/sdk/ui';
import { Link } from '../router.tsx';
import { Slot } from '../plugins/Slot.tsx';

/** A site's dashboard frame: header, then the panels plugins contribute (`dashboard.panel`). */
export function SiteDashboard({ domain }: { domain: string }) {
  const slotProps = useMemo<SlotProps>(() => ({ site: { id: domain, domain, timezone: 'UTC' } }), [domain]);
  const initial = domain.replace(/^www\./, '').charAt(0).toUpperCase();

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
        <ol className="flex items-center gap-2">
          <li>
            <Link to="/" className="hover:text-slate-900 dark:hover:text-white">
              Sites
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="truncate text-slate-700 dark:text-slate-300">
            {domain}
          </li>
        </ol>
      </nav>

      <header className="mt-4 flex flex-wrap items-center gap-4 border-b border-slate-200 pb-6 dark:border-slate-800">
        <span
          aria-hidden="true"
          className="flex size-11 items-center justify-center rounded-xl bg-gradient-to-br from-indigo-500 to-indigo-700 text-lg font-semibold text-white shadow-sm"
        >
          {initial}
        </span>
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{domain}</h1>
          <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">Site dashboard</p>
        </div>
        <dl className="ml-auto flex items-center gap-2 text-xs">
          <dt className="text-slate-500 dark:text-slate-400">Timezone</dt>
          <dd className="rounded-md bg-slate-100 px-2 py-1 font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">{slotProps.site?.timezone}</dd>
        </dl>
      </header>

      <section aria-label="Panels" className="mt-6 grid grid-cols-[repeat(auto-fit,minmax(min(100%,26rem),1fr))] gap-6">
        <Slot name="dashboard.panel" props={slotProps} itemClassName="min-w-0" fallback={<NoPanels />} />
      </section>
    </div>
  );
}

function NoPanels() {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700">
      <h2 className="text-sm font-semibold text-slate-900 dark:text-white">No panels yet</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
        Panels on this dashboard come from plugins. None of the enabled plugins adds one; enable a plugin such as goals to
        see it here.
      </p>
    </div>
  );
}
