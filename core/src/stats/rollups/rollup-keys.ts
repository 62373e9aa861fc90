import type { StatsTable } from '@qusto/sdk';

/**
 * What the daily rollups are grouped by. A key is a list of raw columns of the events or
 * sessions table; rollup rows store their values as strings and queries read them back under
 * the same column names and types, so the registry's dimension and filter SQL runs unchanged on
 * rollup rows.
 *
 * Visitors are not additive across values of most columns (one visitor can come from Google and
 * from Twitter on the same day), so a query may only use a key whose columns are exactly the
 * ones it groups by. Columns derived from the IP address and user agent are different: the
 * visitor id is a hash of the IP and user agent, so one visitor has one value of each, and
 * visitors of a key made of such columns may be summed over any of its columns.
 */
export interface RollupKey {
  table: StatsTable;
  columns: readonly string[];
  /** Every visitor has exactly one value (IP- and UA-derived columns). */
  partitionsVisitors: boolean;
}

/**
 * How each raw column a key can hold is read back from its stored string, as the column's type.
 * The readers never throw: ClickHouse may evaluate them on rows of other keys before filtering.
 */
const asString = (value: string) => value;
const asLowCardinality = (value: string) => `toLowCardinality(${value})`;
export const ROLLUP_COLUMN_READERS: Readonly<Record<string, (value: string) => string>> = {
  pathname: asString,
  hostname: asString,
  exit_page_hostname: asString,
  entry_page: asString,
  exit_page: asString,
  referrer: asString,
  referrer_source: asString,
  acquisition_channel: asLowCardinality,
  utm_medium: asString,
  utm_source: asString,
  utm_campaign: asString,
  utm_content: asString,
  utm_term: asString,
  country_code: (value) => `toFixedString(substring(${value}, 1, 2), 2)`,
  subdivision1_code: asLowCardinality,
  city_geoname_id: (value) => `toUInt32OrZero(${value})`,
  screen_size: asLowCardinality,
  browser: asLowCardinality,
  browser_version: asLowCardinality,
  operating_system: asLowCardinality,
  operating_system_version: asLowCardinality,
};

const DEVICE_AND_LOCATION = [
  'country_code',
  'subdivision1_code',
  'city_geoname_id',
  'screen_size',
  'browser',
  'browser_version',
  'operating_system',
  'operating_system_version',
] as const;

const VISIT_ATTRIBUTES = [
  'referrer_source',
  'referrer',
  'acquisition_channel',
  'utm_medium',
  'utm_source',
  'utm_campaign',
  'utm_content',
  'utm_term',
  'entry_page',
  'exit_page',
  'hostname',
  'exit_page_hostname',
] as const;

export const ROLLUP_KEYS: readonly RollupKey[] = [
  { table: 'sessions', columns: [], partitionsVisitors: true },
  // Any mix of device and location; and smaller keys for the usual one-attribute panels.
  { table: 'sessions', columns: DEVICE_AND_LOCATION, partitionsVisitors: true },
  { table: 'sessions', columns: ['country_code', 'subdivision1_code', 'city_geoname_id'], partitionsVisitors: true },
  { table: 'sessions', columns: ['screen_size'], partitionsVisitors: true },
  { table: 'sessions', columns: ['browser', 'browser_version'], partitionsVisitors: true },
  { table: 'sessions', columns: ['operating_system', 'operating_system_version'], partitionsVisitors: true },
  ...VISIT_ATTRIBUTES.map((column): RollupKey => ({ table: 'sessions', columns: [column], partitionsVisitors: false })),
  { table: 'events', columns: [], partitionsVisitors: true },
  { table: 'events', columns: ['pathname'], partitionsVisitors: false },
];

/** The name a key is stored under (`key_columns`). */
export const keyName = (key: Pick<RollupKey, 'columns'>): string => key.columns.join(',');

/**
 * Raw columns each rolled-up dimension reads, per table. Dimensions not listed here (props,
 * plugins', event names, hours) are never answered from rollups.
 */
const DIMENSION_COLUMNS: Readonly<Record<StatsTable, Readonly<Record<string, readonly string[]>>>> = {
  sessions: {
    'visit:source': ['referrer_source'],
    'visit:referrer': ['referrer'],
    'visit:channel': ['acquisition_channel'],
    'visit:utm_medium': ['utm_medium'],
    'visit:utm_source': ['utm_source'],
    'visit:utm_campaign': ['utm_campaign'],
    'visit:utm_content': ['utm_content'],
    'visit:utm_term': ['utm_term'],
    'visit:entry_page': ['entry_page'],
    'visit:exit_page': ['exit_page'],
    'visit:entry_page_hostname': ['hostname'],
    'visit:exit_page_hostname': ['exit_page_hostname'],
    'visit:device': ['screen_size'],
    'visit:screen': ['screen_size'],
    'visit:browser': ['browser'],
    'visit:browser_version': ['browser_version'],
    'visit:os': ['operating_system'],
    'visit:os_version': ['operating_system_version'],
    'visit:country': ['country_code'],
    'visit:country_name': ['country_code'],
    'visit:region': ['subdivision1_code'],
    'visit:region_name': ['subdivision1_code'],
    'visit:city': ['city_geoname_id'],
    'visit:city_name': ['city_geoname_id'],
  },
  events: {
    'event:page': ['pathname'],
  },
};

export function dimensionColumns(table: StatsTable, dimension: string): readonly string[] | undefined {
  return DIMENSION_COLUMNS[table][dimension];
}

/**
 * The key that answers a query grouping by `grouped` columns and filtering on `filtered` ones,
 * or null. Keys that partition visitors may hold more columns than the query reads; the others
 * must match what the query groups by exactly (and filters may only read those columns).
 */
export function chooseKey(table: StatsTable, grouped: ReadonlySet<string>, filtered: ReadonlySet<string>): RollupKey | null {
  const read = new Set([...grouped, ...filtered]);
  const keys = ROLLUP_KEYS.filter((key) => key.table === table && [...read].every((column) => key.columns.includes(column)));
  // A key of exactly the grouped columns: its rows are the query's groups, which filters keep or drop whole.
  const exact = keys.find((key) => key.columns.length === grouped.size);
  if (exact) return exact;
  // Else the smallest key that partitions visitors (fewest rows to read).
  return keys.filter((key) => key.partitionsVisitors).sort((a, b) => a.columns.length - b.columns.length)[0] ?? null;
}

/** Bumped when what a build writes changes in a way the keys do not show. */
const BUILD_VERSION = 1;

/**
 * The format of a build: changes with the build version and with the keys, so days built with
 * other keys are not read (their rows lack the new keys) and are built again.
 */
export const ROLLUP_FORMAT = (() => {
  const text = JSON.stringify({ version: BUILD_VERSION, keys: ROLLUP_KEYS, readers: Object.keys(ROLLUP_COLUMN_READERS) });
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return (hash & 0xfffe) + 1;
})();
