/**
 * Plausible's `imported_*` tables as the stats engine reads them: which query dimensions each
 * one can answer (and from which column), and the daily totals it holds. Table and column names
 * only ever come from this fixed map, never from a request.
 */

export const IMPORTED_TABLES = [
  'imported_visitors',
  'imported_sources',
  'imported_pages',
  'imported_entry_pages',
  'imported_exit_pages',
  'imported_locations',
  'imported_devices',
  'imported_browsers',
  'imported_operating_systems',
  'imported_custom_events',
] as const;

export type ImportedTable = (typeof IMPORTED_TABLES)[number];

/** The raw daily totals the merge adds to native values. */
export type ImportedTotal = 'visitors' | 'visits' | 'pageviews' | 'events' | 'bounces' | 'visit_duration';

export interface ImportedTableShape {
  /** Query dimension -> SQL over this table's columns (the raw value, before empty labels). */
  dimensions: Readonly<Record<string, string>>;
  /** Total -> SQL aggregate over this table. Missing: the table cannot answer it. */
  totals: Partial<Readonly<Record<ImportedTotal, string>>>;
}

/** Tables with visit totals (visits, bounces, duration) under their usual names. */
const VISIT_TOTALS = {
  visitors: 'sum(visitors)',
  visits: 'sum(visits)',
  pageviews: 'sum(pageviews)',
  bounces: 'sum(bounces)',
  visit_duration: 'sum(visit_duration)',
} as const;

export const IMPORTED_TABLE_SHAPES: Readonly<Record<ImportedTable, ImportedTableShape>> = {
  // Events on the visitors table are its pageviews (the only events a site-wide import has).
  imported_visitors: { dimensions: {}, totals: { ...VISIT_TOTALS, events: 'sum(pageviews)' } },
  imported_sources: {
    dimensions: {
      'visit:source': 'source',
      'visit:channel': 'channel',
      'visit:referrer': 'referrer',
      'visit:utm_source': 'utm_source',
      'visit:utm_medium': 'utm_medium',
      'visit:utm_campaign': 'utm_campaign',
      'visit:utm_content': 'utm_content',
      'visit:utm_term': 'utm_term',
    },
    totals: VISIT_TOTALS,
  },
  imported_pages: {
    dimensions: { 'event:page': 'page', 'event:hostname': 'hostname' },
    totals: { visitors: 'sum(visitors)', visits: 'sum(visits)', pageviews: 'sum(pageviews)' },
  },
  // A visit of an entry (exit) page is one entrance (exit).
  imported_entry_pages: {
    dimensions: { 'visit:entry_page': 'entry_page' },
    totals: { ...VISIT_TOTALS, visits: 'sum(entrances)' },
  },
  imported_exit_pages: {
    dimensions: { 'visit:exit_page': 'exit_page' },
    totals: { ...VISIT_TOTALS, visits: 'sum(exits)' },
  },
  imported_locations: {
    dimensions: {
      'visit:country': 'country',
      'visit:region': 'region',
      'visit:city': 'city',
      // Names are translated by the SQL builder (the same tables as native rows).
      'visit:country_name': 'country',
      'visit:region_name': 'region',
      'visit:city_name': 'city',
    },
    totals: VISIT_TOTALS,
  },
  imported_devices: { dimensions: { 'visit:device': 'device', 'visit:screen': 'device' }, totals: VISIT_TOTALS },
  imported_browsers: { dimensions: { 'visit:browser': 'browser', 'visit:browser_version': 'browser_version' }, totals: VISIT_TOTALS },
  imported_operating_systems: {
    dimensions: { 'visit:os': 'operating_system', 'visit:os_version': 'operating_system_version' },
    totals: VISIT_TOTALS,
  },
  // Custom events carry only the `url` (outbound links, downloads) and `path` (404s) props.
  imported_custom_events: {
    dimensions: { 'event:name': 'name', 'event:props:url': 'link_url', 'event:props:path': 'path' },
    totals: { visitors: 'sum(visitors)', events: 'sum(events)' },
  },
};

/** The table a dimension maps to, if any. */
export function importedTableOf(dimension: string): ImportedTable | undefined {
  return IMPORTED_TABLES.find((table) => dimension in IMPORTED_TABLE_SHAPES[table].dimensions);
}
