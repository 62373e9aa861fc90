import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const TOKEN = 'a'.repeat(40);
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const line = (timestamp: string, ip: string, name: string, url: string, extra: object = {}) => JSON.stringify({ timestamp, ip, user_agent: UA, name, url, ...extra });

describe('smoke', () => {
  let qusto: TestApp;
  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN: TOKEN });
    await qusto.container.cradle.sites.create({ domain: 'smoke.example' });
    const u = (p: string) => `https://smoke.example${p}`;
    const report = await qusto.container.cradle.ingestion.importEvents('smoke.example', [
      line('2026-03-02T10:00:00Z', '1.1.1.1', 'pageview', u('/')),
      line('2026-03-02T10:05:00Z', '1.1.1.1', 'pageview', u('/about')),
      line('2026-03-02T11:00:00Z', '2.2.2.2', 'pageview', u('/')),
    ].join('\n'));
    expect(report.imported).toBe(3);
  });
  afterAll(async () => qusto?.dispose());

  const post = (body: object) => qusto.app.inject({ method: 'POST', url: '/api/v2/query', headers: { authorization: `Bearer ${TOKEN}` }, payload: body });

  it('answers', async () => {
    for (const body of [
      { site_id: 'smoke.example', metrics: ['visitors', 'visits', 'pageviews', 'bounce_rate', 'visit_duration', 'views_per_visit', 'events'], date_range: ['2026-03-01', '2026-03-31'] },
      { site_id: 'smoke.example', metrics: ['visitors', 'pageviews', 'bounce_rate', 'percentage', 'time_on_page', 'scroll_depth'], date_range: ['2026-03-01', '2026-03-31'], dimensions: ['event:page'], include: { total_rows: true } },
      { site_id: 'smoke.example', metrics: ['visitors', 'exit_rate'], date_range: ['2026-03-01', '2026-03-31'], dimensions: ['visit:exit_page'] },
      { site_id: 'smoke.example', metrics: ['visitors', 'visits'], date_range: ['2026-03-02', '2026-03-02'], dimensions: ['time'], include: { time_labels: true } },
      { site_id: 'smoke.example', metrics: ['visitors', 'pageviews'], date_range: ['2026-03-01', '2026-03-31'], dimensions: ['time:day'], include: { comparisons: { mode: 'previous_period' } } },
    ]) {
      const response = await post(body);
      console.log(response.statusCode, response.body.slice(0, 1500));
    }
  });
});
