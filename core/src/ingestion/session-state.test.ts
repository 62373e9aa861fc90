import type { QustoEvent } from '@qusto/sdk';
import { describe, expect, it } from 'vitest';
import { applySession, continueSession, isSessionActive, startSession } from './session-state.ts';

const event = (name: string, timestamp: string, extra: Partial<QustoEvent> = {}): QustoEvent =>
  ({
    timestamp,
    siteId: '1',
    name,
    userId: '42',
    sessionId: '0',
    hostname: 'example.com',
    pathname: '/',
    referrer: '',
    referrerSource: 'Google',
    clickIdParam: '',
    utmMedium: '',
    utmSource: '',
    utmCampaign: '',
    utmContent: '',
    utmTerm: '',
    acquisitionChannel: 'Organic Search',
    countryCode: 'EE',
    subdivision1Code: '',
    subdivision2Code: '',
    cityGeonameId: 0,
    screenSize: 'Desktop',
    operatingSystem: 'Mac',
    operatingSystemVersion: '10.15',
    browser: 'Safari',
    browserVersion: '17.5',
    props: {},
    scrollDepth: 0,
    engagementTime: 0,
    revenueSourceAmount: null,
    revenueSourceCurrency: '',
    revenueReportingAmount: null,
    revenueReportingCurrency: '',
    interactive: true,
    ...extra,
  }) as QustoEvent;

const visit = (...events: QustoEvent[]) => events.slice(1).reduce((s, e) => continueSession(s, e), startSession(events[0]!));

describe('visit rules (Plausible cache_store examples)', () => {
  const t = '2026-01-01 10:00:00';
  it.each([
    ['[pageview]', [event('pageview', t)], true],
    ['[pageview, pageview]', [event('pageview', t), event('pageview', t)], false],
    ['[interactive custom]', [event('Signup', t)], false],
    ['[non-interactive custom]', [event('Play', t, { interactive: false })], true],
    ['[pageview, non-interactive custom]', [event('pageview', t), event('Play', t, { interactive: false })], true],
    ['[non-interactive, pageview]', [event('Play', t, { interactive: false }), event('pageview', t)], true],
    ['[non-interactive, interactive]', [event('Play', t, { interactive: false }), event('Signup', t)], false],
  ])('%s bounces: %s', (_name, events, bounce) => {
    expect(visit(...(events as QustoEvent[])).isBounce).toBe(bounce);
  });

  it('takes the entry page from the first pageview and the exit page from the last', () => {
    const s = visit(
      event('Signup', '2026-01-01 10:00:00', { pathname: '/signup' }),
      event('pageview', '2026-01-01 10:01:00', { pathname: '/a', hostname: 'app.example.com' }),
      event('pageview', '2026-01-01 10:03:30', { pathname: '/b' }),
    );
    expect(s).toMatchObject({ entryPage: '/a', hostname: 'app.example.com', exitPage: '/b', exitPageHostname: 'example.com', pageviews: 2, events: 3, duration: 210 });
  });

  it('ends a visit after more than 30 whole minutes without activity', () => {
    const s = startSession(event('pageview', '2026-01-01 10:00:00'));
    expect(isSessionActive(s, '2026-01-01 10:30:59')).toBe(true);
    expect(isSessionActive(s, '2026-01-01 10:31:00')).toBe(false);
  });

  it('copies the visit attributes fixed by the first event onto later events', () => {
    const s = startSession(event('pageview', t));
    const later = applySession(event('pageview', t, { referrerSource: 'Bing', browser: 'Chrome', userId: '99' }), s);
    expect(later).toMatchObject({ referrerSource: 'Google', browser: 'Safari', userId: '42', sessionId: s.sessionId });
  });
});
