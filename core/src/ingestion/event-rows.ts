import type { QustoEvent } from '@qusto/sdk';
import type { SessionState } from './session-state.ts';

/** An `events` row as JSONEachRow expects it (column names of the ClickHouse table). */
export function toEventRow(event: QustoEvent): Record<string, unknown> {
  const keys = Object.keys(event.props);
  return {
    timestamp: event.timestamp,
    name: event.name,
    site_id: event.siteId,
    user_id: event.userId,
    session_id: event.sessionId,
    hostname: event.hostname,
    pathname: event.pathname,
    referrer: event.referrer,
    referrer_source: event.referrerSource,
    click_id_param: event.clickIdParam,
    utm_medium: event.utmMedium,
    utm_source: event.utmSource,
    utm_campaign: event.utmCampaign,
    utm_content: event.utmContent,
    utm_term: event.utmTerm,
    acquisition_channel: event.acquisitionChannel,
    country_code: event.countryCode,
    subdivision1_code: event.subdivision1Code,
    subdivision2_code: event.subdivision2Code,
    city_geoname_id: event.cityGeonameId,
    screen_size: event.screenSize,
    operating_system: event.operatingSystem,
    operating_system_version: event.operatingSystemVersion,
    browser: event.browser,
    browser_version: event.browserVersion,
    'meta.key': keys,
    'meta.value': keys.map((k) => event.props[k]),
    scroll_depth: event.scrollDepth,
    engagement_time: event.engagementTime,
    revenue_source_amount: event.revenueSourceAmount,
    revenue_source_currency: event.revenueSourceCurrency,
    revenue_reporting_amount: event.revenueReportingAmount,
    revenue_reporting_currency: event.revenueReportingCurrency,
  };
}

/** A `sessions` row: +1 states a visit, -1 cancels an earlier state (VersionedCollapsingMergeTree). */
export function toSessionRow(session: SessionState, sign: 1 | -1): Record<string, unknown> {
  const keys = Object.keys(session.entryProps);
  return {
    session_id: session.sessionId,
    site_id: session.siteId,
    user_id: session.userId,
    sign,
    hostname: session.hostname,
    exit_page_hostname: session.exitPageHostname,
    timestamp: session.timestamp,
    start: session.start,
    is_bounce: session.isBounce ? 1 : 0,
    entry_page: session.entryPage,
    exit_page: session.exitPage,
    pageviews: session.pageviews,
    events: session.events,
    duration: session.duration,
    referrer: session.referrer,
    referrer_source: session.referrerSource,
    click_id_param: session.clickIdParam,
    utm_medium: session.utmMedium,
    utm_source: session.utmSource,
    utm_campaign: session.utmCampaign,
    utm_content: session.utmContent,
    utm_term: session.utmTerm,
    acquisition_channel: session.acquisitionChannel,
    country_code: session.countryCode,
    subdivision1_code: session.subdivision1Code,
    subdivision2_code: session.subdivision2Code,
    city_geoname_id: session.cityGeonameId,
    screen_size: session.screenSize,
    operating_system: session.operatingSystem,
    operating_system_version: session.operatingSystemVersion,
    browser: session.browser,
    browser_version: session.browserVersion,
    'entry_meta.key': keys,
    'entry_meta.value': keys.map((k) => session.entryProps[k]),
  };
}
