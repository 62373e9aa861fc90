import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { MAIN_DOMAIN, MAIN_EVENTS } from './support/main-fixture.ts';
import { ADMIN_TOKEN, UA, client, pinNow, seed, type RawEvent } from './support/stats-fixture.ts';

const BERLIN = 'berlin.example';
const ips = ['8.8.8.8', '8.8.4.4', '193.40.1.1', '81.2.69.142', '1.1.1.1', '9.9.9.9', '1.0.0.1', '4.4.4.4'];
let next = 0;
const pv = (timestamp: string, path = '/'): RawEvent => ({ timestamp, ip: ips[next++ % ips.length]!, ua: UA.chromeWindows, name: 'pageview', url: `https://${BERLIN}${path}` });

/** Berlin: clocks jump 02:00 -> 03:00 on 2026-03-29 (01:00 UTC) and fall 03:00 -> 02:00 on 2026-10-25 (01:00 UTC). */
const BERLIN_EVENTS: RawEvent[] = [
  pv('2026-03-28T22:59:00Z'), // 28th, 23:59 CET
  pv('2026-03-28T23:30:00Z'), // 29th, 00:30 CET
  pv('2026-03-29T00:30:00Z'), // 01:30 CET
  pv('2026-03-29T01:30:00Z'), // 03:30 CEST (02:00 does not exist)
  pv('2026-03-29T21:59:00Z'), // 23:59 CEST
  pv('2026-03-29T22:00:00Z'), // 30th, 00:00 CEST
  pv('2026-10-25T00:30:00Z'), // 02:30 CEST
  pv('2026-10-25T01:30:00Z'), // 02:30 CET (the hour repeats)
  pv('2026-10-25T22:30:00Z'), // 23:30 CET
];

describe('time zones, DST and date ranges', () => {
  let qusto: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN });
    await seed(qusto, BERLIN, 'Europe/Berlin', BERLIN_EVENTS);
    await seed(qusto, MAIN_DOMAIN, 'Etc/UTC', MAIN_EVENTS);
    api = client(qusto);
  });
  afterAll(async () => qusto?.dispose());

  const berlin = (body: Record<string, unknown>) => ({ site_id: BERLIN, metrics: ['visitors', 'pageviews'], ...body });

  it('spring forward: a 23-hour day with hour buckets and labels in local time', async () => {
    const response = await api.query(berlin({ date_range: ['2026-03-29', '2026-03-29'], dimensions: ['time:hour'], include: { time_labels: true } }));
    expect(response.status).toBe(200);
    expect(response.body.query.date_range).toEqual(['2026-03-29T00:00:00+01:00', '2026-03-29T23:59:59+02:00']);
    expect(response.body.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([
      ['2026-03-29 00:00:00', 1, 1],
      ['2026-03-29 01:00:00', 1, 1],
      ['2026-03-29 03:00:00', 1, 1],
      ['2026-03-29 23:00:00', 1, 1],
    ]);
    const labels = response.body.meta.time_labels as string[];
    expect(labels).toHaveLength(23);
    expect(labels.slice(0, 3)).toEqual(['2026-03-29 00:00:00', '2026-03-29 01:00:00', '2026-03-29 03:00:00']);
    expect(labels.at(-1)).toBe('2026-03-29 23:00:00');
    // "time" picks hours for a single day.
    expect((await api.query(berlin({ date_range: ['2026-03-29', '2026-03-29'], dimensions: ['time'] }))).body.query.dimensions).toEqual(['time:hour']);
  });

  it('fall back: the repeated hour is one bucket, the day has 24 labels', async () => {
    const response = await api.query(berlin({ date_range: ['2026-10-25', '2026-10-25'], dimensions: ['time:hour'], include: { time_labels: true } }));
    expect(response.body.query.date_range).toEqual(['2026-10-25T00:00:00+02:00', '2026-10-25T23:59:59+01:00']);
    expect(response.body.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([
      ['2026-10-25 02:00:00', 2, 2],
      ['2026-10-25 23:00:00', 1, 1],
    ]);
    expect(response.body.meta.time_labels).toHaveLength(24);
  });

  it('days, weeks and months in the site zone, with labels', async () => {
    const days = await api.query(berlin({ date_range: ['2026-03-28', '2026-03-30'], dimensions: ['time:day'], include: { time_labels: true } }));
    expect(days.body.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([
      ['2026-03-28', 1, 1],
      ['2026-03-29', 4, 4],
      ['2026-03-30', 1, 1],
    ]);
    expect(days.body.meta.time_labels).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    // Weeks start on Monday, but never before the range: 2026-03-25 is a Wednesday.
    const weeks = await api.query(berlin({ date_range: ['2026-03-25', '2026-04-12'], dimensions: ['time:week'], include: { time_labels: true } }));
    expect(weeks.body.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([
      ['2026-03-25', 5, 5],
      ['2026-03-30', 1, 1],
    ]);
    expect(weeks.body.meta.time_labels).toEqual(['2026-03-25', '2026-03-30', '2026-04-06']);
    const months = await api.query(berlin({ date_range: ['2026-01-01', '2026-12-31'], dimensions: ['time:month'], include: { time_labels: true } }));
    expect(months.body.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([
      ['2026-03-01', 6, 6],
      ['2026-10-01', 3, 3],
    ]);
    expect(months.body.meta.time_labels).toHaveLength(12);
  });

  it('resolves "time" by the length of the range', async () => {
    const dims = async (date_range: unknown) => (await api.query(berlin({ date_range, dimensions: ['time'] }))).body.query.dimensions;
    expect(await dims(['2026-03-01', '2026-03-02'])).toEqual(['time:hour']);
    expect(await dims(['2026-03-01', '2026-03-03'])).toEqual(['time:day']);
    expect(await dims(['2026-03-01', '2026-04-10'])).toEqual(['time:day']);
    expect(await dims(['2026-03-01', '2026-04-11'])).toEqual(['time:week']);
    // A calendar year is 52 weeks and a day: still weeks, as in Plausible.
    expect(await dims(['2026-01-01', '2026-12-31'])).toEqual(['time:week']);
    expect(await dims(['2025-01-01', '2026-12-31'])).toEqual(['time:month']);
  });

  describe('relative date ranges (site in UTC, fixture on 2026-03-02/03)', () => {
    const main = (date_range: unknown, include: object = {}) =>
      api.query({ site_id: MAIN_DOMAIN, metrics: ['visitors'], date_range, include });

    it('day, Nd (without today), month, year, all', async () => {
      pinNow(qusto, '2026-03-04T12:00:00Z');
      const cases: Array<[unknown, [string, string], number]> = [
        ['day', ['2026-03-04T00:00:00+00:00', '2026-03-04T23:59:59+00:00'], 0],
        ['7d', ['2026-02-25T00:00:00+00:00', '2026-03-03T23:59:59+00:00'], 5],
        ['28d', ['2026-02-04T00:00:00+00:00', '2026-03-03T23:59:59+00:00'], 5],
        ['30d', ['2026-02-02T00:00:00+00:00', '2026-03-03T23:59:59+00:00'], 5],
        ['91d', ['2025-12-03T00:00:00+00:00', '2026-03-03T23:59:59+00:00'], 5],
        ['1d', ['2026-03-03T00:00:00+00:00', '2026-03-03T23:59:59+00:00'], 1],
        ['month', ['2026-03-01T00:00:00+00:00', '2026-03-31T23:59:59+00:00'], 5],
        ['year', ['2026-01-01T00:00:00+00:00', '2026-12-31T23:59:59+00:00'], 5],
        ['all', ['2026-03-02T00:00:00+00:00', '2026-03-04T23:59:59+00:00'], 5],
        ['6mo', ['2025-09-01T00:00:00+00:00', '2026-02-28T23:59:59+00:00'], 0],
      ];
      for (const [range, resolved, visitors] of cases) {
        const response = await main(range);
        expect([range, response.body.query.date_range, response.body.results[0]!.metrics[0]]).toEqual([range, resolved, visitors]);
      }
    });

    it('Nmo counts whole months before the current one', async () => {
      pinNow(qusto, '2026-04-10T08:00:00Z');
      expect((await main('1mo')).body.query.date_range).toEqual(['2026-03-01T00:00:00+00:00', '2026-03-31T23:59:59+00:00']);
      expect((await main('12mo')).body.query.date_range).toEqual(['2025-04-01T00:00:00+00:00', '2026-03-31T23:59:59+00:00']);
      expect((await main('12mo')).body.results[0]!.metrics).toEqual([5]);
    });

    it('trim_relative_date_range trims the current day to the hour and month/year to today', async () => {
      pinNow(qusto, '2026-03-02T10:30:00Z');
      const day = await main('day', { trim_relative_date_range: true });
      expect(day.body.query.date_range).toEqual(['2026-03-02T00:00:00+00:00', '2026-03-02T10:59:59+00:00']);
      expect(day.body.query.include).toEqual({ trim_relative_date_range: true });
      expect(day.body.results[0]!.metrics).toEqual([1]);
      expect((await main('month', { trim_relative_date_range: true })).body.query.date_range).toEqual([
        '2026-03-01T00:00:00+00:00',
        '2026-03-02T23:59:59+00:00',
      ]);
      expect((await main('year', { trim_relative_date_range: true })).body.query.date_range).toEqual([
        '2026-01-01T00:00:00+00:00',
        '2026-03-02T23:59:59+00:00',
      ]);
    });

    it('24h and exact datetime ranges', async () => {
      pinNow(qusto, '2026-03-02T12:30:00Z');
      const last24 = await api.query({ site_id: MAIN_DOMAIN, metrics: ['visitors', 'visits'], date_range: '24h' });
      expect(last24.body.query.date_range).toEqual(['2026-03-01T12:30:00+00:00', '2026-03-02T12:30:00+00:00']);
      expect(last24.body.results[0]!.metrics).toEqual([3, 3]);
      const window = await api.query({
        site_id: MAIN_DOMAIN,
        metrics: ['visitors', 'pageviews'],
        date_range: ['2026-03-02T12:00:00+02:00', '2026-03-02T13:30:00+02:00'],
      });
      expect(window.body.query.date_range).toEqual(['2026-03-02T10:00:00+00:00', '2026-03-02T11:30:00+00:00']);
      expect(window.body.results[0]!.metrics).toEqual([2, 3]);
    });
  });

  it('a visit across midnight is one visitor and one visit over both days', async () => {
    expect((await api.query({ site_id: MAIN_DOMAIN, metrics: ['visitors', 'visits'], date_range: ['2026-03-02', '2026-03-03'] })).body.results[0]!.metrics).toEqual([5, 6]);
  });
});
