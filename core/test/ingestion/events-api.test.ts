import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describe('POST /api/event', () => {
  let qusto: TestApp;
  let siteId: string;

  const send = (body: unknown, headers: Record<string, string> = {}) =>
    qusto.app.inject({
      method: 'POST',
      url: '/api/event',
      headers: { 'content-type': 'text/plain', 'user-agent': CHROME_MAC, 'x-forwarded-for': '81.2.69.142', ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const rows = async (where = '1') => {
    await qusto.container.cradle.ingestion.flush();
    return qusto.container.cradle.eventStore.query<Record<string, unknown>>(
      `SELECT * FROM events WHERE site_id = {site:UInt64} AND ${where} ORDER BY timestamp, name`,
      { site: siteId },
    );
  };

  beforeAll(async () => {
    qusto = await startTestApp({ TRUSTED_PROXIES: 'true' });
    siteId = (await qusto.container.cradle.sites.create({ domain: 'example.com' })).id;
    await qusto.container.cradle.sites.create({ domain: 'second.example' });
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('accepts a pageview sent as text/plain with 202 ok and stores it enriched', async () => {
    const response = await send({
      n: 'pageview',
      u: 'https://www.example.com/blog/post?utm_source=newsletter&utm_medium=email&utm_campaign=launch',
      d: 'example.com',
      r: 'https://news.ycombinator.com/item?id=1',
    });
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('ok');
    expect(response.headers['x-plausible-dropped']).toBeUndefined();
    const [row] = await rows("pathname = '/blog/post'");
    expect(row).toMatchObject({
      name: 'pageview',
      hostname: 'example.com',
      pathname: '/blog/post',
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'launch',
      acquisition_channel: 'Email',
      country_code: 'GB',
      browser: 'Chrome',
      operating_system: 'Mac',
      screen_size: 'Desktop',
    });
    expect(String(row!.user_id)).toMatch(/^\d+$/);
  });

  it('accepts application/json with long field names and props', async () => {
    const response = await qusto.app.inject({
      method: 'POST',
      url: '/api/event',
      headers: { 'content-type': 'application/json', 'user-agent': CHROME_MAC },
      payload: { name: 'Signup', url: 'https://example.com/register', domain: 'example.com', props: { plan: 'pro', trial: true } },
    });
    expect(response.statusCode).toBe(202);
    const [row] = await rows("name = 'Signup'");
    expect(row!['meta.key']).toEqual(['plan', 'trial']);
    expect(row!['meta.value']).toEqual(['pro', 'true']);
  });

  it('records an event for each domain of a comma-separated list', async () => {
    const response = await send({ n: 'pageview', u: 'https://example.com/rollup', d: 'example.com,second.example' });
    expect(response.statusCode).toBe(202);
    expect(await rows("pathname = '/rollup'")).toHaveLength(1);
    const other = await qusto.container.cradle.eventStore.query(
      "SELECT count() AS n FROM events WHERE pathname = '/rollup'",
    );
    expect(Number((other[0] as { n: string }).n)).toBe(2);
  });

  it.each([
    ['a bot', { n: 'pageview', u: 'https://example.com/', d: 'example.com' }, { 'user-agent': GOOGLEBOT }],
    ['an unknown domain', { n: 'pageview', u: 'https://nobody.example/', d: 'nobody.example' }, {}],
    ['engagement without a visit', { n: 'engagement', u: 'https://example.com/x', d: 'example.com', sd: 10, e: 100 }, { 'x-forwarded-for': '9.9.9.9' }],
  ])('answers 202 ok with a dropped header for %s', async (_case, body, headers) => {
    const response = await send(body, headers);
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('ok');
    expect(response.headers['x-plausible-dropped']).toBe('1');
  });

  it.each([
    ['{"n": "pageview", ', { request: ['Unable to parse request body as json'] }],
    ['"<script>"', { request: ['Unable to parse request body as json'] }],
    [JSON.stringify({ u: 'https://example.com/', d: 'example.com' }), { event_name: ["can't be blank"] }],
    [JSON.stringify({ n: 'pageview', d: 'example.com' }), { url: ['is required'] }],
    [JSON.stringify({ n: 'pageview', u: 'data:text/plain,hi', d: 'example.com' }), { url: ['scheme is not allowed'] }],
    [JSON.stringify({ n: 'pageview', u: 'https://example.com/', d: '' }), { domain: ["can't be blank"] }],
  ])('answers 400 naming the field for %s', async (payload, errors) => {
    const response = await send(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors });
  });

  it('answers 413 for a body over 1 MB', async () => {
    const response = await send({ n: 'pageview', u: 'https://example.com/', d: 'example.com', p: { big: 'x'.repeat(1_100_000) } });
    expect(response.statusCode).toBe(413);
  });

  it('answers the CORS preflight and sends CORS headers', async () => {
    const preflight = await qusto.app.inject({ method: 'OPTIONS', url: '/api/event', headers: { origin: 'https://example.com' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect((await send({ n: 'pageview', u: 'https://example.com/', d: 'example.com' })).headers['access-control-allow-origin']).toBe('*');
  });

  it('ignores a client-supplied timestamp: events carry the server clock', async () => {
    const before = Date.now();
    await send({ n: 'Clock', u: 'https://example.com/', d: 'example.com', timestamp: '2001-01-01T00:00:00Z' });
    const [row] = await rows("name = 'Clock'");
    const stored = Date.parse(`${String(row!.timestamp).replace(' ', 'T')}Z`);
    expect(stored).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });

  it('never writes the raw IP or user agent to the event store or the spool', async () => {
    await send({ n: 'Private', u: 'https://example.com/private', d: 'example.com' }, { 'x-forwarded-for': '203.0.113.77' });
    const stored = JSON.stringify(await rows());
    expect(stored).not.toContain('203.0.113.77');
    expect(stored).not.toContain('Macintosh; Intel');
  });
});
