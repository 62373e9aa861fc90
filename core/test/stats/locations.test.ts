import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMmdb } from '../../src/ingestion/enrichment/testing/mmdb-writer.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ADMIN_TOKEN, client, pinNow, seed, UA, type RawEvent } from './support/stats-fixture.ts';

/**
 * Regions and cities with a city database configured (GEOIP_CITY_DB): their names come from the
 * database's English names, a place without one reads as its code, and the names serve native,
 * rolled-up and imported rows alike.
 *
 * Visitors on 2026-03-02 (UTC site): two in San Francisco (US-CA, English names), one in London
 * (GB-ENG), one in Berlin (DE-BE, whose record has only German names) and one from an address
 * the city database does not know (the bundled country database places it in the US).
 */
const DOMAIN = 'places.example';
const SAN_FRANCISCO = 5391959;
const LONDON = 2643743;
const BERLIN = 2950159;

const CITY_DB = writeMmdb([
  {
    address: '2001:480::', prefix: 32,
    data: { country: { iso_code: 'US' }, subdivisions: [{ iso_code: 'CA', names: { en: 'California' } }], city: { geoname_id: SAN_FRANCISCO, names: { en: 'San Francisco', fr: 'San Francisco' } } },
  },
  {
    address: '81.2.69.142', prefix: 31,
    data: { country: { iso_code: 'GB' }, subdivisions: [{ iso_code: 'ENG', names: { en: 'England' } }], city: { geoname_id: LONDON, names: { en: 'London' } } },
  },
  {
    address: '2a00:1450::', prefix: 32,
    data: { country: { iso_code: 'DE' }, subdivisions: [{ iso_code: 'BE', names: { de: 'Berlin' } }], city: { geoname_id: BERLIN, names: { de: 'Berlin' } } },
  },
]);

const view = (ip: string, timestamp: string, page = '/'): RawEvent => ({ timestamp, ip, ua: UA.chromeWindows, name: 'pageview', url: `https://${DOMAIN}${page}` });

const EVENTS: RawEvent[] = [
  view('2001:480::1', '2026-03-02T09:00:00Z'),
  view('2001:480::1', '2026-03-02T09:01:00Z', '/pricing'),
  view('2001:480::2', '2026-03-02T10:00:00Z'),
  view('81.2.69.142', '2026-03-02T11:00:00Z'),
  view('2a00:1450::1', '2026-03-02T12:00:00Z'),
  view('8.8.8.8', '2026-03-02T13:00:00Z'),
];

describe('region and city names', () => {
  let dir: string;
  let qusto: TestApp;
  let api: ReturnType<typeof client>;
  const q = (body: Record<string, unknown>) => ({ site_id: DOMAIN, metrics: ['visitors'], date_range: ['2026-03-01', '2026-03-03'], ...body });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qusto-places-'));
    const cityDb = path.join(dir, 'city.mmdb');
    await writeFile(cityDb, CITY_DB);
    qusto = await startTestApp({ ADMIN_TOKEN, GEOIP_CITY_DB: cityDb });
    await seed(qusto, DOMAIN, 'Etc/UTC', EVENTS);
    pinNow(qusto, '2026-03-10T12:00:00Z');
    api = client(qusto);
  });
  afterAll(async () => {
    await qusto?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('breaks down by region and city with their English names, or their codes without one', async () => {
    expect(await api.rows(q({ dimensions: ['visit:region', 'visit:region_name'] }))).toEqual([
      ['US-CA', 'California', 2],
      ['', '', 1],
      ['DE-BE', 'DE-BE', 1],
      ['GB-ENG', 'England', 1],
    ]);
    expect(await api.rows(q({ dimensions: ['visit:city', 'visit:city_name'], filters: [['is_not', 'visit:city', [0]]] }))).toEqual([
      [SAN_FRANCISCO, 'San Francisco', 2],
      [LONDON, 'London', 1],
      [BERLIN, String(BERLIN), 1],
    ]);
  });

  it('filters on names with every operator, and "(not set)" stands for an unknown place', async () => {
    const visitors = async (filters: unknown[]) => (await api.rows(q({ filters })))[0];
    expect(await visitors([['is', 'visit:region_name', ['California']]])).toEqual([2]);
    expect(await visitors([['is', 'visit:region_name', ['california'], { case_sensitive: false }]])).toEqual([2]);
    expect(await visitors([['contains', 'visit:city_name', ['lond'], { case_sensitive: false }]])).toEqual([1]);
    expect(await visitors([['is_not', 'visit:city_name', ['San Francisco']]])).toEqual([3]);
    expect(await visitors([['is', 'visit:region_name', ['(not set)']]])).toEqual([1]);
    expect(await visitors([['is', 'visit:city_name', [String(BERLIN)]]])).toEqual([1]);
  });

  it('gives the same names from rollups', async () => {
    const body = q({ dimensions: ['visit:city_name'], filters: [['is_not', 'visit:city', [0]]] });
    const raw = await api.rows(body);
    const { stats, statsRollups } = qusto.container.cradle;
    expect((await statsRollups.runOnce()).built).toBeGreaterThan(0);
    expect(await statsRollups.coverage(await stats.parse(body))).not.toBeNull();
    expect(await api.rows(body)).toEqual(raw);
    expect(raw).toEqual([['San Francisco', 2], [String(BERLIN), 1], ['London', 1]]);
  });

  it('names imported regions and cities from the same table', async () => {
    const site = (await qusto.container.cradle.sites.findByDomain(DOMAIN))!;
    await qusto.container.cradle.eventStore.insert('imported_locations', [
      { site_id: site.id, import_id: 1, date: '2026-03-01', country: 'US', region: 'US-CA', city: SAN_FRANCISCO, visitors: 5, visits: 5, visit_duration: 0, pageviews: 5, bounces: 5 },
      { site_id: site.id, import_id: 1, date: '2026-03-01', country: 'FR', region: 'FR-IDF', city: 2988507, visitors: 3, visits: 3, visit_duration: 0, pageviews: 3, bounces: 3 },
    ]);
    expect(await api.rows(q({ dimensions: ['visit:region_name'], filters: [['is_not', 'visit:region', ['']]], include: { imports: true } }))).toEqual([
      ['California', 7],
      ['FR-IDF', 3],
      ['DE-BE', 1],
      ['England', 1],
    ]);
    expect(await api.rows(q({ dimensions: ['visit:city_name'], filters: [['is', 'visit:city_name', ['San Francisco']]], include: { imports: true } }))).toEqual([
      ['San Francisco', 7],
    ]);
  });
});
