/**
 * The requests each part of the dashboard makes, as functions of the view: the panels, the graph
 * and the header call these, and `firstDashboardRequests` lists what a view's first render asks
 * for, so preload.ts can start those requests while the app's JavaScript is still loading.
 * Nothing here imports React or the sdk's runtime code: preload.ts is a small script of its own.
 */
import type { ApiRequest } from './api/request-key.ts';
import { isPropsDimension, propKeyOf } from './dimensions.ts';
import { effectiveCompare, effectiveInterval } from './periods.ts';
import { breakdownQuery, currentVisitorsPath, graphQuery, minuteGraphPath, topStatsQuery } from './queries.ts';
import { report, UTM_REPORTS, type Report, type ReportId } from './reports.ts';
import { singleIsValue, type DashboardState, type Interval } from './state.ts';

/** Rows a panel shows. */
export const PANEL_ROWS = 9;
/** Every country fits in one answer of the map (about 250 exist). */
export const MAP_COUNTRY_LIMIT = 300;

/** What a site's dashboard shows about the site itself (members and public dashboards). */
export const siteInfoPath = (domain: string) => `/api/sites/${encodeURIComponent(domain)}/dashboard`;
/** What the signed-in principal may do (CASL rules, packed). */
export const ABILITIES_PATH = '/api/me/abilities';

// ---------------------------------------------------------------------------------------------
// The panels' tabs, remembered per site and panel in localStorage (like Plausible).

export type SourcesTab = 'channels' | 'sources' | 'campaigns';
export type PagesTab = 'pages' | 'entry_pages' | 'exit_pages';
export type LocationsTab = 'map' | 'countries' | 'regions' | 'cities';
export type DevicesTab = 'browsers' | 'os' | 'devices';

export interface StoredChoice<T extends string> {
  /** Name under `qusto:<domain>:`. */
  name: string;
  allowed: readonly T[];
  fallback: T;
}

export const SOURCES_TAB: StoredChoice<SourcesTab> = { name: 'sources-tab', allowed: ['channels', 'sources', 'campaigns'], fallback: 'sources' };
export const UTM_TAB: StoredChoice<ReportId> = { name: 'utm-tab', allowed: UTM_REPORTS, fallback: 'utm_medium' };
export const PAGES_TAB: StoredChoice<PagesTab> = { name: 'pages-tab', allowed: ['pages', 'entry_pages', 'exit_pages'], fallback: 'pages' };
export const LOCATIONS_TAB: StoredChoice<LocationsTab> = { name: 'locations-tab', allowed: ['map', 'countries', 'regions', 'cities'], fallback: 'map' };
export const DEVICES_TAB: StoredChoice<DevicesTab> = { name: 'devices-tab', allowed: ['browsers', 'os', 'devices'], fallback: 'browsers' };
/** The Properties panel's chosen key (free text). */
export const PROP_KEY = 'prop-key';

export const storageKey = (domain: string, name: string) => `qusto:${domain}:${name}`;

export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The remembered choice, or the panel's default. */
export function storedChoice<T extends string>(domain: string, choice: StoredChoice<T>): T {
  const stored = readStored(storageKey(domain, choice.name));
  return stored !== null && (choice.allowed as readonly string[]).includes(stored) ? (stored as T) : choice.fallback;
}

/** Sources: channels, sources (a source's referrers when filtered to one source) or a UTM report. */
export function sourcesReportId(tab: SourcesTab, utm: ReportId, state: DashboardState): ReportId {
  if (tab === 'channels') return 'channels';
  if (tab === 'campaigns') return utm;
  return singleIsValue(state.filters, 'visit:source') ? 'referrers' : 'sources';
}

/** Devices: browsers, operating systems (their versions when filtered to one) or screen sizes. */
export function devicesReportId(tab: DevicesTab, state: DashboardState): ReportId {
  if (tab === 'browsers') return singleIsValue(state.filters, 'visit:browser') ? 'browser_versions' : 'browsers';
  if (tab === 'os') return singleIsValue(state.filters, 'visit:os') ? 'os_versions' : 'os';
  return 'devices';
}

/** The property key the Properties panel breaks down by: the chosen one, a filtered one, or the site's first allowed. */
export function propertyKey(stored: string | null, state: DashboardState, allowedEventProps: string[] | null): string | null {
  const filterKey = state.filters.find((f) => isPropsDimension(f.dimension));
  return stored ?? (filterKey ? propKeyOf(filterKey.dimension) : null) ?? allowedEventProps?.[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Requests.

/** What a panel asks for: its metrics but `percentage`, which it works out from the top stats (shape.ts: withShareOfView). */
export const panelQueryMetrics = (r: Pick<Report, 'panelMetrics'>) => r.panelMetrics.filter((metric) => metric !== 'percentage');

/** A panel's rows: the report's top rows with the view's comparison. */
export function panelRequest(domain: string, state: DashboardState, r: Report, now?: number): ApiRequest {
  return {
    kind: 'query',
    body: breakdownQuery(domain, state, { dimensions: r.dimensions, metrics: panelQueryMetrics(r), extraFilters: r.extraFilters, limit: PANEL_ROWS, compare: effectiveCompare(state) !== 'off' }, now),
  };
}

/** The world map: visitors of every country. */
export function mapRequest(domain: string, state: DashboardState, now?: number): ApiRequest {
  const countries = report('countries', state);
  return { kind: 'query', body: breakdownQuery(domain, state, { dimensions: countries.dimensions, metrics: ['visitors'], extraFilters: countries.extraFilters, limit: MAP_COUNTRY_LIMIT }, now) };
}

/**
 * Whether the server knows regions at all (the bundled DB-IP database has countries only), so
 * that clicking a country drills down to its regions only where there are some.
 */
export function regionCheckRequest(domain: string, state: DashboardState, now?: number): ApiRequest {
  const regions = report('regions', state);
  return { kind: 'query', body: breakdownQuery(domain, { ...state, filters: [] }, { dimensions: ['visit:region'], metrics: ['visitors'], extraFilters: regions.extraFilters, limit: 1 }, now) };
}

export function topStatsRequest(domain: string, state: DashboardState, now?: number): ApiRequest {
  return { kind: 'query', body: topStatsQuery(domain, state, now) };
}

/** The main graph: v2 by time bucket, or v1's per-minute series for `localDate` (null: realtime). */
export function graphRequest(domain: string, state: DashboardState, interval: Interval, localDate: string | null, now?: number): ApiRequest {
  if (interval === 'minute') return { kind: 'get', path: minuteGraphPath(domain, state, state.period === 'realtime' ? null : localDate) };
  return { kind: 'query', body: graphQuery(domain, state, interval, now) };
}

export const currentVisitorsRequest = (domain: string): ApiRequest => ({ kind: 'get', path: currentVisitorsPath(domain) });

/**
 * The stats requests the first render of a dashboard view makes, most needed first: top stats,
 * graph, the core panels' rows (with the tabs remembered for this site), current visitors.
 * Left out where the request depends on an answer (the graph of `all` and by minute needs the
 * resolved range or the site's time zone) or on the clock (realtime). The site's own details
 * (allowed property keys) are not known yet either: the Properties panel counts only when a key
 * was chosen or filtered on.
 */
export function firstDashboardRequests(domain: string, state: DashboardState, now: number): ApiRequest[] {
  if (state.period === 'realtime') return [];
  const requests: ApiRequest[] = [topStatsRequest(domain, state, now)];
  if (state.period !== 'all') {
    const interval = effectiveInterval(state);
    if (interval !== 'minute') requests.push(graphRequest(domain, state, interval, null, now));
  }
  const sources = sourcesReportId(storedChoice(domain, SOURCES_TAB), storedChoice(domain, UTM_TAB), state);
  requests.push(panelRequest(domain, state, report(sources, state), now));
  requests.push(panelRequest(domain, state, report(storedChoice(domain, PAGES_TAB), state), now));
  const locations = storedChoice(domain, LOCATIONS_TAB);
  if (locations === 'map') requests.push(mapRequest(domain, state, now));
  else {
    const r = report(locations, state);
    requests.push(panelRequest(domain, state, r, now));
    if (r.drillTo) requests.push(regionCheckRequest(domain, state, now));
  }
  requests.push(panelRequest(domain, state, report(devicesReportId(storedChoice(domain, DEVICES_TAB), state), state), now));
  const propKey = propertyKey(readStored(storageKey(domain, PROP_KEY)), state, null);
  if (propKey) requests.push(panelRequest(domain, state, report('props', state, { propKey }), now));
  requests.push(currentVisitorsRequest(domain));
  return requests;
}
