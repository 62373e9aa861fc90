/** Event shapes shared by ingestion and plugins. */

/** A validated Events API request, before enrichment. Never carries the raw IP or user agent. */
export interface RawEventRequest {
  name: string;
  url: string;
  domains: string[];
  referrer: string | null;
  props: Record<string, string>;
  revenue: { amount: string; currency: string } | null;
  hashMode: boolean;
  interactive: boolean;
  scrollDepth: number | null;
  engagementTime: number | null;
}

/**
 * An enriched event as written to the `events` table. Session attributes (source, UTM, geo,
 * device) are copied from the session's first event.
 */
export interface QustoEvent {
  /** UTC, `YYYY-MM-DD HH:MM:SS`. */
  timestamp: string;
  siteId: string;
  name: string;
  /** Keyed hash of the daily salt, site, IP and user agent: a decimal UInt64. */
  userId: string;
  sessionId: string;
  hostname: string;
  pathname: string;
  referrer: string;
  referrerSource: string;
  clickIdParam: string;
  utmMedium: string;
  utmSource: string;
  utmCampaign: string;
  utmContent: string;
  utmTerm: string;
  /** Channel by Plausible's ordered rules (Organic Search, Paid Social, Direct, ...). */
  acquisitionChannel: string;
  countryCode: string;
  subdivision1Code: string;
  subdivision2Code: string;
  cityGeonameId: number;
  screenSize: string;
  operatingSystem: string;
  operatingSystemVersion: string;
  browser: string;
  browserVersion: string;
  props: Record<string, string>;
  /** 0–100, or 255 when not measured. */
  scrollDepth: number;
  /** Engaged time in ms (engagement events only). */
  engagementTime: number;
  revenueSourceAmount: string | null;
  revenueSourceCurrency: string;
  revenueReportingAmount: string | null;
  revenueReportingCurrency: string;
  interactive: boolean;
}
