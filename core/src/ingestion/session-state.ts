import { randomFillSync } from 'node:crypto';
import type { QustoEvent } from '@qusto/sdk';

/** A visit as ingestion tracks it: the `sessions` table's columns, camelCased. */
export interface SessionState {
  sessionId: string;
  siteId: string;
  userId: string;
  /** UTC `YYYY-MM-DD HH:MM:SS` of the first event. */
  start: string;
  /** UTC `YYYY-MM-DD HH:MM:SS` of the last activity. */
  timestamp: string;
  hostname: string;
  exitPageHostname: string;
  entryPage: string;
  exitPage: string;
  pageviews: number;
  /** Counts events; also the VersionedCollapsingMergeTree version. */
  events: number;
  isBounce: boolean;
  duration: number;
  referrer: string;
  referrerSource: string;
  clickIdParam: string;
  utmMedium: string;
  utmSource: string;
  utmCampaign: string;
  utmContent: string;
  utmTerm: string;
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
  entryProps: Record<string, string>;
}

/** A visit ends after 30 whole minutes without activity (Plausible compares minutes). */
export const SESSION_TIMEOUT_MINUTES = 30;

const seconds = (timestamp: string) => Date.parse(`${timestamp.replace(' ', 'T')}Z`) / 1000;

export function isSessionActive(session: SessionState, at: string): boolean {
  return Math.floor((seconds(at) - seconds(session.timestamp)) / 60) <= SESSION_TIMEOUT_MINUTES;
}

/** Random ids come from a pooled buffer: one `randomFillSync` per 512 visits instead of one call each. */
const idPool = Buffer.alloc(8 * 512);
let idPoolOffset = idPool.length;
const randomUInt63 = (): string => {
  if (idPoolOffset === idPool.length) {
    randomFillSync(idPool);
    idPoolOffset = 0;
  }
  const id = idPool.readBigUInt64BE(idPoolOffset) & 0x7fffffffffffffffn;
  idPoolOffset += 8;
  return id.toString();
};

/** The event's session attributes become the visit's; later events copy them from the visit. */
export function startSession(event: QustoEvent): SessionState {
  const isPageview = event.name === 'pageview';
  return {
    sessionId: randomUInt63(),
    siteId: event.siteId,
    userId: event.userId,
    start: event.timestamp,
    timestamp: event.timestamp,
    hostname: isPageview ? event.hostname : '',
    exitPageHostname: isPageview ? event.hostname : '',
    entryPage: isPageview ? event.pathname : '',
    exitPage: isPageview ? event.pathname : '',
    pageviews: isPageview ? 1 : 0,
    events: 1,
    isBounce: !(event.interactive && !isPageview),
    duration: 0,
    referrer: event.referrer,
    referrerSource: event.referrerSource,
    clickIdParam: event.clickIdParam,
    utmMedium: event.utmMedium,
    utmSource: event.utmSource,
    utmCampaign: event.utmCampaign,
    utmContent: event.utmContent,
    utmTerm: event.utmTerm,
    acquisitionChannel: event.acquisitionChannel,
    countryCode: event.countryCode,
    subdivision1Code: event.subdivision1Code,
    subdivision2Code: event.subdivision2Code,
    cityGeonameId: event.cityGeonameId,
    screenSize: event.screenSize,
    operatingSystem: event.operatingSystem,
    operatingSystemVersion: event.operatingSystemVersion,
    browser: event.browser,
    browserVersion: event.browserVersion,
    entryProps: event.props,
  };
}

/**
 * What later events change in a visit. Everything else (identity, start, source, location,
 * device, entry props) is fixed by its first event, so a visit's previous state is its current
 * state with the previous progress: that is all a spool record keeps to cancel it.
 */
export type VisitProgress = Pick<
  SessionState,
  'timestamp' | 'duration' | 'events' | 'pageviews' | 'hostname' | 'entryPage' | 'exitPage' | 'exitPageHostname' | 'isBounce'
>;

/** What one event did to its visit: the new state and the progress it replaced (null: the event started the visit). */
export interface VisitChange {
  state: SessionState;
  replaced: VisitProgress | null;
}

export function progressOf(session: SessionState): VisitProgress {
  return {
    timestamp: session.timestamp,
    duration: session.duration,
    events: session.events,
    pageviews: session.pageviews,
    hostname: session.hostname,
    entryPage: session.entryPage,
    exitPage: session.exitPage,
    exitPageHostname: session.exitPageHostname,
    isBounce: session.isBounce,
  };
}

/** The visit with other progress: `withProgress(change.state, change.replaced)` is the state the change replaced. */
export function withProgress(session: SessionState, progress: VisitProgress): SessionState {
  return { ...session, ...progress };
}

/**
 * The visit after one more event, following Plausible's rules: entry page is the first
 * pageview, exit page the last; a visit stops bouncing at its second pageview or its first
 * interactive custom event, and never bounces again. Only progress changes (see VisitProgress).
 */
export function continueSession(session: SessionState, event: QustoEvent): SessionState {
  const isPageview = event.name === 'pageview';
  const pageviews = session.pageviews + (isPageview ? 1 : 0);
  const progress: VisitProgress = {
    timestamp: event.timestamp,
    duration: Math.max(0, Math.round(seconds(event.timestamp) - seconds(session.start))),
    events: session.events + 1,
    pageviews,
    hostname: session.hostname || (isPageview ? event.hostname : ''),
    entryPage: session.entryPage || (isPageview ? event.pathname : ''),
    exitPage: isPageview ? event.pathname : session.exitPage,
    exitPageHostname: isPageview ? event.hostname : session.exitPageHostname,
    isBounce: session.isBounce && !(pageviews >= 2 || (event.interactive && !isPageview)),
  };
  return withProgress(session, progress);
}

/**
 * Copies the visit's identity and attributes onto the event (they are fixed by the first event)
 * and returns it. In place: the pipeline owns the event, and this runs for every event.
 */
export function applySession(event: QustoEvent, session: SessionState): QustoEvent {
  event.userId = session.userId;
  event.sessionId = session.sessionId;
  event.referrer = session.referrer;
  event.referrerSource = session.referrerSource;
  event.clickIdParam = session.clickIdParam;
  event.utmMedium = session.utmMedium;
  event.utmSource = session.utmSource;
  event.utmCampaign = session.utmCampaign;
  event.utmContent = session.utmContent;
  event.utmTerm = session.utmTerm;
  event.acquisitionChannel = session.acquisitionChannel;
  event.countryCode = session.countryCode;
  event.subdivision1Code = session.subdivision1Code;
  event.subdivision2Code = session.subdivision2Code;
  event.cityGeonameId = session.cityGeonameId;
  event.screenSize = session.screenSize;
  event.operatingSystem = session.operatingSystem;
  event.operatingSystemVersion = session.operatingSystemVersion;
  event.browser = session.browser;
  event.browserVersion = session.browserVersion;
  return event;
}
