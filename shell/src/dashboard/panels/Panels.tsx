/** The core breakdown panels: Sources, Pages, Locations, Devices, Properties. */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import type { StatsResult } from '@qusto/sdk';
import { useRequest } from '../api/use-request.ts';
import {
  DEVICES_TAB,
  devicesReportId,
  LOCATIONS_TAB,
  PAGES_TAB,
  PROP_KEY,
  propertyKey,
  regionCheckRequest,
  SOURCES_TAB,
  sourcesReportId,
  UTM_TAB,
  type LocationsTab,
} from '../requests.ts';
import { Menu, MenuItem, MenuLabel, MenuSeparator } from '../components/Menu.tsx';
import { ReportList } from '../components/ReportList.tsx';
import { ChevronDownIcon, focusRing, inputClass, primaryButtonClass } from '../components/ui.tsx';
import { useDashboard } from '../context.tsx';
import { report, UTM_REPORTS } from '../reports.ts';
import { isPropsDimension, propKeyOf } from '../dimensions.ts';
import { MapSkeleton } from './MapSkeleton.tsx';
import { Panel, useStoredChoice, useStoredString } from './Panel.tsx';

// The map's code and its countries' shapes only load when it is shown.
const WorldMap = lazy(() => import(/* webpackChunkName: "world-map" */ './WorldMap.tsx'));

export function SourcesPanel() {
  const { site, state } = useDashboard();
  const [tab, setTab] = useStoredChoice(site.domain, SOURCES_TAB);
  const [utm, setUtm] = useStoredChoice(site.domain, UTM_TAB);
  // Filtered to one source: its referrers (Plausible's drill-down).
  const id = sourcesReportId(tab, utm, state);
  const r = report(id, state);
  return (
    <Panel
      title={id === 'referrers' ? 'Top referrers' : 'Top sources'}
      testId="panel-sources"
      tabs={[
        { id: 'channels', label: 'Channels' },
        { id: 'sources', label: 'Sources' },
        { id: 'campaigns', label: 'Campaigns' },
      ]}
      active={tab}
      onTab={setTab}
    >
      {tab === 'campaigns' && (
        <div className="mb-3 flex flex-wrap gap-1" role="group" aria-label="Campaign parameter">
          {UTM_REPORTS.map((utmId) => (
            <button
              key={utmId}
              type="button"
              aria-pressed={utm === utmId}
              onClick={() => setUtm(utmId)}
              className={`rounded-full border px-2.5 py-0.5 text-xs font-medium transition ${focusRing} ${
                utm === utmId
                  ? 'border-indigo-200 bg-indigo-50 text-indigo-700 dark:border-indigo-500/30 dark:bg-indigo-500/15 dark:text-indigo-300'
                  : 'border-slate-200 text-slate-600 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800'
              }`}
            >
              {report(utmId, state).column.replace('UTM ', '')}
            </button>
          ))}
        </div>
      )}
      <ReportList
        report={r}
        emptyHint={tab === 'campaigns' ? `No visits were tagged with ${r.column.toLowerCase()} in this period. Tag links with ?${utm}=… to see them here.` : undefined}
      />
    </Panel>
  );
}

export function PagesPanel() {
  const { site, state } = useDashboard();
  const [tab, setTab] = useStoredChoice(site.domain, PAGES_TAB);
  return (
    <Panel
      title="Top pages"
      testId="panel-pages"
      tabs={[
        { id: 'pages', label: 'Top pages' },
        { id: 'entry_pages', label: 'Entry pages' },
        { id: 'exit_pages', label: 'Exit pages' },
      ]}
      active={tab}
      onTab={setTab}
    >
      <ReportList report={report(tab, state)} />
    </Panel>
  );
}

export function LocationsPanel() {
  const { site, state, now } = useDashboard();
  const [tab, setTab] = useStoredChoice(site.domain, LOCATIONS_TAB);
  const r = report(tab === 'map' ? 'countries' : tab, state);
  // Drill down (country -> regions -> cities) only where the server has region data: the bundled
  // DB-IP database knows countries only, and an empty tab after a click looks broken. Only the
  // lists drill down (the map filters by country), so the map does not ask.
  const regionCheck = useRequest<StatsResult>(tab !== 'map' && r.drillTo ? regionCheckRequest(site.domain, state, now) : null);
  const canDrill = (regionCheck.data?.results.length ?? 0) > 0;
  return (
    <Panel
      title="Locations"
      testId="panel-locations"
      tabs={[
        { id: 'map', label: 'Map' },
        { id: 'countries', label: 'Countries' },
        { id: 'regions', label: 'Regions' },
        { id: 'cities', label: 'Cities' },
      ]}
      active={tab}
      onTab={setTab}
      footer={
        <p className="mt-2 text-right text-[11px] text-slate-400 dark:text-slate-500">
          <a href="https://db-ip.com" target="_blank" rel="noopener noreferrer" className={`rounded hover:text-slate-600 hover:underline dark:hover:text-slate-300 ${focusRing}`}>
            IP geolocation by DB-IP
          </a>
        </p>
      }
    >
      {tab === 'map' ? (
        <Suspense fallback={<MapSkeleton />}>
          <WorldMap />
        </Suspense>
      ) : (
        <ReportList
          report={r}
          onFiltered={r.drillTo && canDrill ? () => setTab(r.drillTo as LocationsTab) : undefined}
          emptyHint={
            tab === 'countries'
              ? undefined
              : `No ${tab} recorded in this period. Regions and cities need a city-level GeoIP database on the server (the bundled DB-IP data has countries only).`
          }
        />
      )}
    </Panel>
  );
}

export function DevicesPanel() {
  const { site, state } = useDashboard();
  const [tab, setTab] = useStoredChoice(site.domain, DEVICES_TAB);
  const id = devicesReportId(tab, state);
  const r = report(id, state);
  return (
    <Panel
      title={id === 'browser_versions' || id === 'os_versions' ? r.title : 'Devices'}
      testId="panel-devices"
      tabs={[
        { id: 'browsers', label: 'Browsers' },
        { id: 'os', label: 'OS' },
        { id: 'devices', label: 'Size' },
      ]}
      active={tab}
      onTab={setTab}
    >
      <ReportList report={r} />
    </Panel>
  );
}

export function PropertiesPanel() {
  const { site, state } = useDashboard();
  const [stored, setStored] = useStoredString(site.domain, PROP_KEY);
  const filterKeys = state.filters.filter((f) => isPropsDimension(f.dimension)).map((f) => propKeyOf(f.dimension));
  const keys = [...new Set([...(site.allowedEventProps ?? []), ...filterKeys, ...(stored ? [stored] : [])])].sort((a, b) => a.localeCompare(b));
  const key = propertyKey(stored, state, site.allowedEventProps);

  return (
    <Panel title="Properties" testId="panel-properties" tabs={[]} active="props" onTab={() => {}}>
      <div className="mb-3 flex items-center gap-2 text-sm">
        <span className="text-slate-500 dark:text-slate-400">Breakdown by</span>
        <PropertyKeyMenu keys={keys} value={key} onChange={setStored} />
      </div>
      {key ? (
        <ReportList report={report('props', state, { propKey: key })} propKey={key} emptyHint={`No events carried the property “${key}” in this period.`} />
      ) : (
        <div className="flex min-h-[18rem] flex-col items-center justify-center px-4 text-center">
          <p className="text-sm font-medium text-slate-700 dark:text-slate-300">Choose a custom property</p>
          <p className="mt-1 max-w-sm text-sm text-slate-500 dark:text-slate-400">
            Send properties with your events, e.g. <code className="font-mono text-xs">plausible('Signup', {'{'}props: {'{'}plan: 'pro'{'}}'})</code>, then pick the key above to
            break visitors down by its values.
          </p>
        </div>
      )}
    </Panel>
  );
}

function PropertyKeyMenu({ keys, value, onChange }: { keys: string[]; value: string | null; onChange: (key: string | null) => void }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const key = draft.trim();
    if (!key) return;
    onChange(key);
    setDraft('');
    setOpen(false);
  };
  return (
    <Menu
      open={open}
      onOpenChange={setOpen}
      align="left"
      ariaLabel={`Property key: ${value ?? 'none chosen'}`}
      panelClassName="w-64"
      buttonClassName={`inline-flex max-w-[14rem] items-center gap-1 rounded-md border border-slate-200 px-2 py-0.5 font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800 ${focusRing}`}
      button={
        <>
          <span className="truncate">{value ?? 'Choose a key'}</span>
          <ChevronDownIcon className="size-3.5 shrink-0" />
        </>
      }
    >
      {keys.length > 0 && (
        <>
          <MenuLabel>Known keys</MenuLabel>
          {keys.map((key) => (
            <MenuItem key={key} checked={key === value} onSelect={() => onChange(key)}>
              {key}
            </MenuItem>
          ))}
          <MenuSeparator />
        </>
      )}
      <form onSubmit={submit} className="flex gap-1.5 p-1.5">
        <label className="sr-only" htmlFor="prop-key-input">
          Property key
        </label>
        <input
          id="prop-key-input"
          data-autofocus={keys.length === 0 ? true : undefined}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="Another key, e.g. plan"
          className={inputClass}
          maxLength={300}
          autoComplete="off"
        />
        <button type="submit" className={primaryButtonClass}>
          Show
        </button>
      </form>
    </Menu>
  );
}
