import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { MAIN_DOMAIN, MAIN_EVENTS } from './support/main-fixture.ts';
import { ADMIN_TOKEN, client, pinNow, seed } from './support/stats-fixture.ts';

const PLUGIN = path.join(import.meta.dirname, 'fixtures', 'stats-plugin');

describe('plugins extend the stats API through api.stats and the stats hooks', () => {
  let qusto: TestApp;
  let api: ReturnType<typeof client>;
  const q = (body: Record<string, unknown>) => ({ site_id: MAIN_DOMAIN, date_range: ['2026-03-02', '2026-03-03'], ...body });

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN, QUSTO_PLUGINS: PLUGIN });
    expect(qusto.plugins.failed).toEqual([]);
    await seed(qusto, MAIN_DOMAIN, 'Etc/UTC', MAIN_EVENTS);
    pinNow(qusto, '2026-03-10T00:00:00Z');
    api = client(qusto);
  });
  afterAll(async () => qusto?.dispose());

  it('goal metrics defined by a plugin: conversion rate over visitors without goal filters', async () => {
    const response = await api.query(q({ metrics: ['visitors', 'events', 'conversion_rate'], filters: [['is', 'event:goal', ['Signup']]] }));
    expect(response.body.results).toEqual([{ dimensions: [], metrics: [1, 1, 20] }]);
    expect(response.body.meta).toEqual({ extended_by: 'stats-extras' });
    expect(await api.rows(q({ metrics: ['visitors', 'conversion_rate'], dimensions: ['event:goal'], filters: [['is', 'event:goal', ['Signup', 'Download', 'Video Play']]] }))).toEqual([
      ['Download', 1, 20],
      ['Signup', 1, 20],
      ['Video Play', 1, 20],
    ]);
    // Per-group denominators: Desktop has 4 visitors, Mobile 1.
    expect(
      await api.rows(q({ metrics: ['visitors', 'group_conversion_rate'], dimensions: ['visit:device'], filters: [['is', 'event:goal', ['Signup', 'Download']]] })),
    ).toEqual([['Desktop', 2, 50]]);
    expect(await api.error(q({ metrics: ['conversion_rate'] }))).toBe('Metric `conversion_rate` can only be queried with event:goal filters or dimensions.');
    expect(await api.error(q({ metrics: ['visitors'], filters: [['is', 'event:goal', ['Nope']]] }))).toBe(
      'Invalid filters. The goal `Nope` is not configured for this site.',
    );
    expect(await api.error(q({ metrics: ['visitors'], filters: [['or', [['is', 'event:goal', ['Signup']]]]] }))).toBe(
      'Invalid filters. Dimension `event:goal` can only be filtered at the top level.',
    );
    expect(await api.error(q({ metrics: ['visitors'], filters: [['matches', 'event:goal', ['S.*']]] }))).toBe(
      '#/filters/0: Invalid filter ["matches", "event:goal", ["S.*"]]',
    );
  });

  it('a plugin metric and an integer dimension', async () => {
    expect(await api.rows(q({ metrics: ['visits', 'bounces'], dimensions: ['visit:device'] }))).toEqual([
      ['Desktop', 4, 1],
      ['Mobile', 2, 2],
    ]);
    expect(await api.rows(q({ metrics: ['pageviews'], dimensions: ['event:path_depth'], order_by: [['pageviews', 'desc']] }))).toEqual([
      [1, 5],
      [0, 3],
      [2, 2],
    ]);
    expect(await api.rows(q({ metrics: ['pageviews'], filters: [['is', 'event:path_depth', [2]]] }))).toEqual([[2]]);
  });

  it('stats:query handlers may change the query; the change is validated and echoed', async () => {
    const response = await api.query(q({ metrics: ['pageviews'], dimensions: ['event:path_depth'], order_by: [['event:path_depth', 'asc']] }));
    expect(response.body.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([
      [0, 3],
      [1, 5],
    ]);
    expect(response.body.query.pagination).toEqual({ limit: 2, offset: 0 });
  });
});
