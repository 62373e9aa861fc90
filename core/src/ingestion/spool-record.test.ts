import type { QustoEvent } from '@qusto/sdk';
import { describe, expect, it } from 'vitest';
import { continueSession, progressOf, startSession, withProgress } from './session-state.ts';
import { decodeSpoolRecord, encodeSpoolRecord, UnknownSpoolFormatError, type SpoolRecord } from './spool-record.ts';

const event = (pathname: string, timestamp: string): QustoEvent => ({
  timestamp,
  siteId: '7',
  name: 'pageview',
  userId: '42',
  sessionId: '0',
  hostname: 'example.com',
  pathname,
  referrer: 'https://news.example/',
  referrerSource: 'news.example',
  clickIdParam: '',
  utmMedium: '',
  utmSource: '',
  utmCampaign: 'winter',
  utmContent: '',
  utmTerm: '',
  acquisitionChannel: 'Referral',
  countryCode: 'EE',
  subdivision1Code: 'EE-37',
  subdivision2Code: '',
  cityGeonameId: 588409,
  screenSize: 'Desktop',
  operatingSystem: 'Mac',
  operatingSystemVersion: '10.15',
  browser: 'Safari',
  browserVersion: '17.5',
  props: { plan: 'pro', 'line\nbreak': 'ünïcode "quoted"' },
  scrollDepth: 255,
  engagementTime: 0,
  revenueSourceAmount: '12.500',
  revenueSourceCurrency: 'EUR',
  revenueReportingAmount: null,
  revenueReportingCurrency: '',
  interactive: true,
});

describe('spool records', () => {
  const first = startSession(event('/a', '2026-01-01 10:00:00'));
  const second = continueSession(first, event('/b', '2026-01-01 10:02:00'));

  it('read back exactly what was written', () => {
    const record: SpoolRecord = {
      events: [event('/b', '2026-01-01 10:02:00')],
      visits: [
        { state: second, replaced: progressOf(first) },
        { state: startSession(event('/c', '2026-01-01 10:03:00')), replaced: null },
      ],
    };
    expect(decodeSpoolRecord(encodeSpoolRecord(record))).toEqual(record);
  });

  it('keep one visit state per change: the replaced state is rebuilt from its progress', () => {
    const record: SpoolRecord = { events: [], visits: [{ state: second, replaced: progressOf(first) }] };
    const [decoded] = decodeSpoolRecord(encodeSpoolRecord(record)).visits;
    expect(withProgress(decoded!.state, decoded!.replaced!)).toEqual(first);
  });

  it('read lines of the first format (keyed objects with the cancelled state in full)', () => {
    const line = JSON.stringify({
      events: [event('/b', '2026-01-01 10:02:00')],
      sessions: [
        { sign: -1, state: first },
        { sign: 1, state: second },
      ],
    });
    const decoded = decodeSpoolRecord(line);
    expect(decoded.events).toEqual([event('/b', '2026-01-01 10:02:00')]);
    expect(decoded.visits).toHaveLength(1);
    expect(decoded.visits[0]!.state).toEqual(second);
    expect(withProgress(decoded.visits[0]!.state, decoded.visits[0]!.replaced!)).toEqual(first);
  });

  it('refuse a format they do not know instead of skipping it like a torn line', () => {
    expect(() => decodeSpoolRecord('[3,[],[]]')).toThrow(UnknownSpoolFormatError);
    expect(() => decodeSpoolRecord('[2,[],[')).toThrow(SyntaxError);
  });

  it('never contain an IP address or a user agent', () => {
    const line = encodeSpoolRecord({ events: [event('/b', '2026-01-01 10:02:00')], visits: [{ state: second, replaced: null }] });
    expect(line).not.toMatch(/Mozilla|\d+\.\d+\.\d+\.\d+/);
  });
});
