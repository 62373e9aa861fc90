import type { QustoEvent } from '@qusto/sdk';
import { progressOf, type SessionState, type VisitChange, type VisitProgress } from './session-state.ts';

/** One accepted request: its enriched events and what they did to their visits. */
export interface SpoolRecord {
  events: QustoEvent[];
  visits: VisitChange[];
}

/**
 * Field order of the spool line format. Every key of the type must be listed (the `Record`
 * type checks it), so a new field cannot be forgotten. Append new fields at the end and never
 * reorder: segments spooled by an earlier version are read with these lists (a field missing
 * from an older line reads as null, which the event store turns into the column default).
 */
const fieldOrder = <T>(fields: Record<keyof T, true>) => Object.keys(fields) as Array<keyof T>;

const EVENT_FIELDS = fieldOrder<QustoEvent>({
  timestamp: true, siteId: true, name: true, userId: true, sessionId: true, hostname: true, pathname: true,
  referrer: true, referrerSource: true, clickIdParam: true, utmMedium: true, utmSource: true, utmCampaign: true,
  utmContent: true, utmTerm: true, acquisitionChannel: true, countryCode: true, subdivision1Code: true,
  subdivision2Code: true, cityGeonameId: true, screenSize: true, operatingSystem: true, operatingSystemVersion: true,
  browser: true, browserVersion: true, props: true, scrollDepth: true, engagementTime: true, revenueSourceAmount: true,
  revenueSourceCurrency: true, revenueReportingAmount: true, revenueReportingCurrency: true, interactive: true,
});

const VISIT_FIELDS = fieldOrder<SessionState>({
  sessionId: true, siteId: true, userId: true, start: true, timestamp: true, hostname: true, exitPageHostname: true,
  entryPage: true, exitPage: true, pageviews: true, events: true, isBounce: true, duration: true, referrer: true,
  referrerSource: true, clickIdParam: true, utmMedium: true, utmSource: true, utmCampaign: true, utmContent: true,
  utmTerm: true, acquisitionChannel: true, countryCode: true, subdivision1Code: true, subdivision2Code: true,
  cityGeonameId: true, screenSize: true, operatingSystem: true, operatingSystemVersion: true, browser: true,
  browserVersion: true, entryProps: true,
});

const PROGRESS_FIELDS = fieldOrder<VisitProgress>({
  timestamp: true, duration: true, events: true, pageviews: true, hostname: true, entryPage: true, exitPage: true,
  exitPageHostname: true, isBounce: true,
});

/** First element of a line in the current format; lines of the first format were JSON objects. */
const FORMAT_VERSION = 2;

function toTuple<T>(value: T, fields: ReadonlyArray<keyof T>): unknown[] {
  const tuple = new Array<unknown>(fields.length);
  for (let i = 0; i < fields.length; i++) tuple[i] = value[fields[i]!];
  return tuple;
}

function fromTuple<T>(tuple: readonly unknown[], fields: ReadonlyArray<keyof T>): T {
  const value = {} as Record<keyof T, unknown>;
  for (let i = 0; i < fields.length; i++) value[fields[i]!] = tuple[i] ?? null;
  return value as T;
}

/**
 * One spool line (without its newline): `[2, [event...], [[visit, replaced progress | null]...]]`
 * with every object written as an array of its values in the orders above. Values only, one
 * visit state per change: under a third of the bytes of the keyed objects with the replaced
 * state in full, so less to serialise, write and fsync per request, and more events fit in
 * SPOOL_MAX_BYTES during an outage. Raw IPs and user agents are not part of a record.
 */
export function encodeSpoolRecord(record: SpoolRecord): string {
  const events = record.events.map((event) => toTuple(event, EVENT_FIELDS));
  const visits = record.visits.map((visit) => [
    toTuple(visit.state, VISIT_FIELDS),
    visit.replaced ? toTuple(visit.replaced, PROGRESS_FIELDS) : null,
  ]);
  return JSON.stringify([FORMAT_VERSION, events, visits]);
}

/**
 * Reads a spool line of either format. Throws a SyntaxError on a line that is not JSON (a torn
 * tail), and UnknownSpoolFormatError on a line this version cannot read (written by a newer one).
 */
export function decodeSpoolRecord(line: string): SpoolRecord {
  const parsed: unknown = JSON.parse(line);
  if (Array.isArray(parsed) && parsed[0] === FORMAT_VERSION) {
    const [, events, visits] = parsed as [number, unknown[][], Array<[unknown[], unknown[] | null]>];
    return {
      events: events.map((tuple) => fromTuple<QustoEvent>(tuple, EVENT_FIELDS)),
      visits: visits.map(([state, replaced]) => ({
        state: fromTuple<SessionState>(state, VISIT_FIELDS),
        replaced: replaced ? fromTuple<VisitProgress>(replaced, PROGRESS_FIELDS) : null,
      })),
    };
  }
  if (isFirstFormat(parsed)) return fromFirstFormat(parsed);
  throw new UnknownSpoolFormatError();
}

export class UnknownSpoolFormatError extends Error {
  constructor() {
    super('a spool line is in a format this version cannot read (written by a newer version?); it stays in the spool');
    this.name = 'UnknownSpoolFormatError';
  }
}

/** Lines written before format 2: keyed objects, each continued visit as a cancel (-1) then its new state (+1). */
interface FirstFormatRecord {
  events: QustoEvent[];
  sessions: Array<{ sign: 1 | -1; state: SessionState }>;
}

function isFirstFormat(value: unknown): value is FirstFormatRecord {
  const record = value as Partial<FirstFormatRecord> | null;
  return typeof record === 'object' && record !== null && Array.isArray(record.events) && Array.isArray(record.sessions);
}

function fromFirstFormat(record: FirstFormatRecord): SpoolRecord {
  const visits: VisitChange[] = [];
  let cancelled: SessionState | null = null;
  for (const { sign, state } of record.sessions) {
    if (sign === -1) {
      cancelled = state;
      continue;
    }
    visits.push({ state, replaced: cancelled ? progressOf(cancelled) : null });
    cancelled = null;
  }
  return { events: record.events, visits };
}
