import path from 'node:path';
import { createSiteOwner, startTestApp, type TestApp } from '@qusto/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PLUGIN = path.resolve(import.meta.dirname, '..');
const DOMAIN = 'imports.example';
const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0';

/** A Plausible CSV export of January 2024 (three days with data), as its export writes it. */
const EXPORT = {
  'imported_visitors_20240101_20240131.csv': [
    'date,visitors,pageviews,bounces,visits,visit_duration',
    '2024-01-01,10,25,4,12,1200',
    '2024-01-02,20,40,6,22,2000',
    '2024-01-31,5,9,1,6,300',
  ],
  'imported_sources_20240101_20240131.csv': [
    'date,source,referrer,utm_source,utm_medium,utm_campaign,utm_content,utm_term,pageviews,visitors,visits,visit_duration,bounces',
    '2024-01-01,Google,google.com,,,,,,15,6,7,700,2',
    '2024-01-02,Google,google.com,,,,,,20,9,10,1000,3',
    '2024-01-02,,,,,,,,20,11,12,1000,3',
    '2024-01-31,"Newsletter, weekly",,newsletter,email,jan,,,9,5,6,300,1',
  ],
  'pages_20240101_20240131.csv': [
    'date,hostname,page,visits,visitors,pageviews,total_scroll_depth,total_scroll_depth_visits,total_time_on_page,total_time_on_page_visits',
    '2024-01-01,imports.example,/,8,7,12,0,0,0,0',
    '2024-01-02,imports.example,/,10,9,15,0,0,0,0',
    '2024-01-02,imports.example,/pricing,6,6,8,0,0,0,0',
  ],
} as const;

const csv = (lines: readonly string[]) => `${lines.join('\r\n')}\r\n`;

describe('imports plugin', () => {
  let qusto: TestApp;
  let authorization = '';
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    qusto.app.inject({ method, url, payload: payload as never, headers: { authorization, ...headers } });
  const upload = (name: string, content: string, importId?: string) =>
    call('POST', `/api/sites/${DOMAIN}/imports/csv?filename=${encodeURIComponent(name)}${importId ? `&import_id=${importId}` : ''}`, content, { 'content-type': 'text/csv' });
  const stats = async (body: Record<string, unknown>) => {
    const response = await call('POST', '/api/v2/query', { site_id: DOMAIN, date_range: ['2024-01-01', '2024-02-01'], include: { imports: true }, ...body });
    expect(response.statusCode).toBe(200);
    return response.json() as { results: Array<{ dimensions: unknown[]; metrics: unknown[] }>; meta: Record<string, unknown> };
  };

  beforeAll(async () => {
    qusto = await startTestApp({ QUSTO_PLUGINS: PLUGIN });
    expect(qusto.plugins.failed).toEqual([]);
    ({ authorization } = await createSiteOwner(qusto, { domain: DOMAIN, scopes: ['stats:read', 'sites:read', 'sites:provision'] }));
    // Qusto's own data starts on 2024-02-01: two visitors, one of them from Google.
    const events = [
      { timestamp: '2024-02-01T10:00:00Z', name: 'pageview', url: `https://${DOMAIN}/`, referrer: 'https://www.google.com/', ip: '8.8.8.8', user_agent: UA },
      { timestamp: '2024-02-01T11:00:00Z', name: 'pageview', url: `https://${DOMAIN}/pricing`, ip: '8.8.4.4', user_agent: UA },
    ];
    const report = await qusto.container.cradle.ingestion.importEvents(DOMAIN, events.map((e) => JSON.stringify(e)).join('\n'));
    expect(report.imported).toBe(2);
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  let importId = '';

  it('imports a set of CSV files as one import and lists it', async () => {
    const [first, ...rest] = Object.entries(EXPORT);
    const created = await upload(first![0], csv(first![1]));
    expect(created.statusCode).toBe(201);
    importId = created.json().import.id;
    expect(created.json().file).toEqual({ name: first![0], table: 'imported_visitors', start_date: '2024-01-01', end_date: '2024-01-31', rows: 3 });
    for (const [name, lines] of rest) {
      const added = await upload(name, csv(lines), importId);
      expect(added.statusCode, added.body).toBe(200);
    }
    const list = await call('GET', `/api/sites/${DOMAIN}/imports`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      native_start_date: '2024-02-01',
      imports: [
        {
          id: importId,
          source: 'csv',
          status: 'completed',
          start_date: '2024-01-01',
          end_date: '2024-01-31',
          row_counts: { imported_visitors: 3, imported_sources: 4, imported_pages: 3 },
          files: Object.keys(EXPORT),
        },
      ],
    });
  });

  it('adds the imported days to the Stats API when include.imports is set', async () => {
    const aggregate = await stats({ metrics: ['visitors', 'pageviews', 'bounce_rate'] });
    // 35 + 2 visitors, 74 + 2 pageviews, (11 + 2) bounces of (40 + 2) visits = 31 %.
    expect(aggregate.results).toEqual([{ dimensions: [], metrics: [37, 76, 31] }]);
    expect(aggregate.meta).toEqual({ imports_included: true });

    const sources = await stats({ metrics: ['visitors'], dimensions: ['visit:source'] });
    expect(sources.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([
      ['Google', 16],
      ['Direct / None', 12],
      ['Newsletter, weekly', 5],
    ]);
    const pages = await stats({ metrics: ['visitors', 'pageviews'], dimensions: ['event:page'] });
    expect(pages.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([
      ['/', 17, 28],
      ['/pricing', 7, 9],
    ]);
    const days = await stats({ metrics: ['visitors'], dimensions: ['time:day'] });
    expect(days.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([
      ['2024-01-01', 10],
      ['2024-01-02', 20],
      ['2024-01-31', 5],
      ['2024-02-01', 2],
    ]);
  });

  it('answers 400 naming the file, line and column of a bad CSV, and writes nothing', async () => {
    const badNumber = await upload('imported_devices_20240101_20240131.csv', csv(['date,device,visitors,visits,visit_duration,bounces', '2024-01-01,Desktop,3,3,10,0', '2024-01-02,Mobile,many,3,10,0']));
    expect(badNumber.statusCode).toBe(400);
    expect(badNumber.json().error).toBe(
      'imported_devices_20240101_20240131.csv: line 3, column visitors: "many" is not a whole number between 0 and 9007199254740991',
    );
    const missing = await upload('imported_devices_20240101_20240131.csv', csv(['date,device,visitors', '2024-01-01,Desktop,3']));
    expect(missing.json().error).toBe('imported_devices_20240101_20240131.csv: line 1: missing columns visits, visit_duration, bounces');
    const outside = await upload('imported_visitors_20240101_20240131.csv', csv(['date,visitors,pageviews,bounces,visits,visit_duration', '2024-02-03,1,1,1,1,1']));
    expect(outside.json().error).toBe('imported_visitors_20240101_20240131.csv: line 2, column date: 2024-02-03 is outside the file\'s range 2024-01-01 to 2024-01-31');
    // Days Qusto has its own data for are refused: they would be counted twice.
    const overlap = await upload('imported_visitors_20240101_20240229.csv', csv(['date,visitors,pageviews,bounces,visits,visit_duration', '2024-02-01,1,1,1,1,1']));
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error).toContain('line 2, column date: 2024-02-01 is not before 2024-02-01, the first day Qusto has its own data for');
    const badName = await upload('visitors.csv', 'date\n');
    expect(badName.json().error).toBe('visitors.csv: not a Plausible CSV export file name (expected imported_<table>_<YYYYMMDD>_<YYYYMMDD>.csv)');
    const quoting = await upload('imported_devices_20240101_20240131.csv', 'date,device,visitors,visits,visit_duration,bounces\n2024-01-01,"Desk,3,3,10,0\n');
    expect(quoting.json().error).toBe('imported_devices_20240101_20240131.csv: line 2: a quoted field is not closed before the end of the file');
    const noName = await call('POST', `/api/sites/${DOMAIN}/imports/csv`, 'date\n', { 'content-type': 'text/csv' });
    expect(noName.statusCode).toBe(400);
    // A batch with one bad file imports none of them.
    const batch = await call('POST', `/api/sites/${DOMAIN}/imports`, {
      files: [
        { name: 'imported_browsers_20240101_20240131.csv', content: 'date,browser,visitors,visits,visit_duration,bounces\n2024-01-01,Firefox,1,1,1,0\n' },
        { name: 'imported_browsers_20240101_20240131.csv', content: 'date,browser,visitors,visits,visit_duration,bounces\n2024-01-01,Firefox,1,1,1,-1\n' },
      ],
    });
    expect(batch.statusCode).toBe(400);
    expect(batch.json().error).toContain('line 2, column bounces: "-1" is not a whole number');
    const list = (await call('GET', `/api/sites/${DOMAIN}/imports`)).json();
    expect(list.imports).toHaveLength(1);
    const browsers = await stats({ metrics: ['visitors'], dimensions: ['visit:browser'] });
    expect(browsers.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([['Firefox', 2]]);
  });

  it('imports several files in one JSON request', async () => {
    const response = await call('POST', `/api/sites/${DOMAIN}/imports`, {
      files: [{ name: 'imported_custom_events_20231201_20231231.csv', content: 'date,name,link_url,path,visitors,events\n2023-12-24,Signup,,,3,4\n' }],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().files).toEqual([{ name: 'imported_custom_events_20231201_20231231.csv', table: 'imported_custom_events', start_date: '2023-12-01', end_date: '2023-12-31', rows: 1 }]);
    const events = await stats({ metrics: ['visitors', 'events'], dimensions: ['event:name'], date_range: ['2023-12-01', '2023-12-31'] });
    expect(events.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([['Signup', 3, 4]]);
    // A later request joins the same import by its id.
    const joined = await call('POST', `/api/sites/${DOMAIN}/imports`, {
      import_id: response.json().import.id,
      files: [{ name: 'imported_custom_events_20231101_20231130.csv', content: 'date,name,visitors,events\n2023-11-30,Signup,1,1\n' }],
    });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().import).toMatchObject({ start_date: '2023-11-01', end_date: '2023-12-31', row_counts: { imported_custom_events: 2 } });
    expect((await call('POST', `/api/sites/${DOMAIN}/imports`, { import_id: '987654', files: [{ name: 'imported_custom_events_20231101_20231130.csv', content: 'date,name,visitors,events\n' }] })).statusCode).toBe(404);
    expect((await call('DELETE', `/api/sites/${DOMAIN}/imports/${response.json().import.id}`)).statusCode).toBe(204);
  });

  it('deletes an import and its rows', async () => {
    const deleted = await call('DELETE', `/api/sites/${DOMAIN}/imports/${importId}`);
    expect(deleted.statusCode).toBe(204);
    expect((await call('GET', `/api/sites/${DOMAIN}/imports`)).json().imports).toEqual([]);
    const aggregate = await stats({ metrics: ['visitors', 'pageviews'] });
    expect(aggregate.results).toEqual([{ dimensions: [], metrics: [2, 2] }]);
    expect(aggregate.meta).toEqual({ imports_included: false });
    expect((await call('DELETE', `/api/sites/${DOMAIN}/imports/${importId}`)).statusCode).toBe(404);
  });

  it("deletes a deleted site's imports and rows through the site:deleted hook", async () => {
    const created = await upload('imported_visitors_20240101_20240131.csv', csv(EXPORT['imported_visitors_20240101_20240131.csv']));
    expect(created.statusCode).toBe(201);
    const site = (await qusto.container.cradle.sites.findByDomain(DOMAIN))!;
    await qusto.container.cradle.hookBus.emit('site:deleted', site);
    const rows = await qusto.container.cradle.eventStore.query<{ n: string }>('SELECT count() AS n FROM imported_visitors WHERE site_id = {site:UInt64}', { site: site.id });
    expect(Number(rows[0]!.n)).toBe(0);
    expect((await call('GET', `/api/sites/${DOMAIN}/imports`)).json().imports).toEqual([]);
  });
});
