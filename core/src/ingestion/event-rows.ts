import type { QustoEvent } from '@qusto/sdk';
import type { SessionState } from './session-state.ts';

/**
 * Rows for the event store as arrays of values (JSONCompactEachRow): the store parses them about
 * a third cheaper than keyed objects. Each table's columns are listed with how to read the value,
 * so names and values cannot drift apart.
 */
type Columns<T> = ReadonlyArray<readonly [column: string, value: (source: T) => unknown]>;

const columnNames = <T>(columns: Columns<T>): readonly string[] => columns.map(([column]) => column);

function toRow<T>(source: T, columns: Columns<T>): unknown[] {
  const row = new Array<unknown>(columns.length);
  for (let i = 0; i < columns.length; i++) row[i] = columns[i]![1](source);
  return row;
}

const EVENT_COLUMNS: Columns<QustoEvent> = [
  ['timestamp', (e) => e.timestamp],
  ['name', (e) => e.name],
  ['site_id', (e) => e.siteId],
  ['user_id', (e) => e.userId],
  ['session_id', (e) => e.sessionId],
  ['hostname', (e) => e.hostname],
  ['pathname', (e) => e.pathname],
  ['referrer', (e) => e.referrer],
  ['referrer_source', (e) => e.referrerSource],
  ['click_id_param', (e) => e.clickIdParam],
  ['utm_medium', (e) => e.utmMedium],
  ['utm_source', (e) => e.utmSource],
  ['utm_campaign', (e) => e.utmCampaign],
  ['utm_content', (e) => e.utmContent],
  ['utm_term', (e) => e.utmTerm],
  ['acquisition_channel', (e) => e.acquisitionChannel],
  ['country_code', (e) => e.countryCode],
  ['subdivision1_code', (e) => e.subdivision1Code],
  ['subdivision2_code', (e) => e.subdivision2Code],
  ['city_geoname_id', (e) => e.cityGeonameId],
  ['screen_size', (e) => e.screenSize],
  ['operating_system', (e) => e.operatingSystem],
  ['operating_system_version', (e) => e.operatingSystemVersion],
  ['browser', (e) => e.browser],
  ['browser_version', (e) => e.browserVersion],
  // Object.keys and Object.values enumerate in the same order.
  ['meta.key', (e) => Object.keys(e.props)],
  ['meta.value', (e) => Object.values(e.props)],
  ['scroll_depth', (e) => e.scrollDepth],
  ['engagement_time', (e) => e.engagementTime],
  ['revenue_source_amount', (e) => e.revenueSourceAmount],
  ['revenue_source_currency', (e) => e.revenueSourceCurrency],
  ['revenue_reporting_amount', (e) => e.revenueReportingAmount],
  ['revenue_reporting_currency', (e) => e.revenueReportingCurrency],
];

/** A `sessions` row also carries its sign: +1 states a visit, -1 cancels an earlier state (VersionedCollapsingMergeTree). */
interface SignedSession {
  session: SessionState;
  sign: 1 | -1;
}

const SESSION_COLUMNS: Columns<SignedSession> = [
  ['session_id', ({ session }) => session.sessionId],
  ['site_id', ({ session }) => session.siteId],
  ['user_id', ({ session }) => session.userId],
  ['sign', ({ sign }) => sign],
  ['hostname', ({ session }) => session.hostname],
  ['exit_page_hostname', ({ session }) => session.exitPageHostname],
  ['timestamp', ({ session }) => session.timestamp],
  ['start', ({ session }) => session.start],
  ['is_bounce', ({ session }) => (session.isBounce ? 1 : 0)],
  ['entry_page', ({ session }) => session.entryPage],
  ['exit_page', ({ session }) => session.exitPage],
  ['pageviews', ({ session }) => session.pageviews],
  ['events', ({ session }) => session.events],
  ['duration', ({ session }) => session.duration],
  ['referrer', ({ session }) => session.referrer],
  ['referrer_source', ({ session }) => session.referrerSource],
  ['click_id_param', ({ session }) => session.clickIdParam],
  ['utm_medium', ({ session }) => session.utmMedium],
  ['utm_source', ({ session }) => session.utmSource],
  ['utm_campaign', ({ session }) => session.utmCampaign],
  ['utm_content', ({ session }) => session.utmContent],
  ['utm_term', ({ session }) => session.utmTerm],
  ['acquisition_channel', ({ session }) => session.acquisitionChannel],
  ['country_code', ({ session }) => session.countryCode],
  ['subdivision1_code', ({ session }) => session.subdivision1Code],
  ['subdivision2_code', ({ session }) => session.subdivision2Code],
  ['city_geoname_id', ({ session }) => session.cityGeonameId],
  ['screen_size', ({ session }) => session.screenSize],
  ['operating_system', ({ session }) => session.operatingSystem],
  ['operating_system_version', ({ session }) => session.operatingSystemVersion],
  ['browser', ({ session }) => session.browser],
  ['browser_version', ({ session }) => session.browserVersion],
  ['entry_meta.key', ({ session }) => Object.keys(session.entryProps)],
  ['entry_meta.value', ({ session }) => Object.values(session.entryProps)],
];

/** Column names of `toEventRow`'s values, in order. */
export const EVENT_ROW_COLUMNS = columnNames(EVENT_COLUMNS);

/** Column names of `toSessionRow`'s values, in order. */
export const SESSION_ROW_COLUMNS = columnNames(SESSION_COLUMNS);

/** An `events` row: the values of EVENT_ROW_COLUMNS. */
export function toEventRow(event: QustoEvent): unknown[] {
  return toRow(event, EVENT_COLUMNS);
}

/** A `sessions` row: the values of SESSION_ROW_COLUMNS. */
export function toSessionRow(session: SessionState, sign: 1 | -1): unknown[] {
  return toRow({ session, sign }, SESSION_COLUMNS);
}
