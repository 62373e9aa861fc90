// The default script (dist/script.js) in headless Chromium: exact payloads, SPA
// navigation, custom events, the queue, engagement, and the ignore rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/build.ts';
import { HIDE_PAGE, scrollTo, startHarness, unordered, type Harness } from './support/harness.ts';

let h: Harness;

beforeAll(async () => {
  await ensureBuilt();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pageview', () => {
  it('sends the exact payload as text/plain with fetch keepalive', async () => {
    const host = h.host();
    await h.open(`http://${host}/pageview.html`);
    const events = await h.events(host, 1);
    expect(events).toEqual([{ n: 'pageview', u: `http://${host}/pageview.html`, d: 'example.test', r: null }]);
    const [req] = h.from(host);
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/api/event');
    expect(req!.headers['content-type']).toBe('text/plain;charset=UTF-8');
    // No CORS preflight for a text/plain body.
    expect(h.from(host).filter((r) => r.method == 'OPTIONS')).toEqual([]);
  });

  it('sends document.referrer', async () => {
    const host = h.host();
    await h.open(`http://${host}/pageview.html?utm_source=news`, { referer: 'https://news.example/item?id=1' });
    expect(await h.events(host, 1)).toEqual([
      { n: 'pageview', u: `http://${host}/pageview.html?utm_source=news`, d: 'example.test', r: 'https://news.example/item?id=1' },
    ]);
  });

  it('posts to the script origin by default (cross-origin, no preflight) with several domains', async () => {
    const host = h.host();
    await h.open(`http://${host}/cross-origin.html`);
    const events = await h.events(host, 1);
    expect(events).toEqual([{ n: 'pageview', u: `http://${host}/cross-origin.html`, d: 'example.test,rollup.test', r: null }]);
    const [req] = h.from(host);
    expect(req!.headers.host).toBe(`qusto.test:${h.port}`);
    expect(req!.headers.origin).toBe(`http://${host}`);
    expect(h.requests.filter((r) => r.method == 'OPTIONS')).toEqual([]);
  });

  it('posts to data-api when given', async () => {
    const host = h.host();
    await h.open(`http://${host}/data-api.html`);
    await h.events(host, 1);
    expect(h.from(host)[0]!.headers.host).toBe(host);
    expect(h.from(host)[0]!.url).toBe('/api/event?via=data-api');
  });
});

describe('visibility and history', () => {
  it('waits for a page opened hidden (background tab, prerender) to become visible', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/pageview.html`, {
      init: `Object.defineProperty(document, 'hidden', { configurable: true, get: () => true })`,
    });
    await settle(300);
    expect(h.from(host)).toEqual([]);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
      document.dispatchEvent(new Event('visibilitychange')); // twice: still one pageview
    });
    expect(await h.events(host, 1)).toEqual([{ n: 'pageview', u: `http://${host}/pageview.html`, d: 'example.test', r: null }]);
  });

  it('counts a page restored from the back/forward cache again', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/pageview.html`);
    await h.events(host, 1, 0);
    await page.evaluate(() => {
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false })); // first load: ignored
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    });
    const events = await h.events(host, 3);
    expect(events.map((e) => e.n)).toEqual(['pageview', 'engagement', 'pageview']);
  });

  it('calls back with the network error when the endpoint is unreachable', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/network-error.html`);
    const result = await page.evaluate(() => new Promise((resolve) => (window as unknown as { qusto: (n: string, o: object) => void }).qusto('X', { callback: resolve })));
    expect(Object.keys(result as object)).toEqual(['error']);
  });
});

describe('SPA navigation', () => {
  it('counts each route once; query-only and same-path changes are not pageviews; popstate counts', async () => {
    const host = h.host();
    const base = `http://${host}`;
    const { page } = await h.open(`${base}/spa.html`);
    await h.events(host, 1, 0);

    await page.click('a[href="/a"]'); // pushState /a
    await h.events(host, 3, 0); // engagement of /spa.html + pageview /a
    await page.evaluate(() => {
      history.pushState({}, '', '/a?tab=2'); // query only
      history.replaceState({}, '', '/a?tab=3'); // same path
      history.pushState({}, '', '/a#section'); // fragment only (no hash mode)
    });
    await page.evaluate(() => history.replaceState({}, '', '/b')); // replaceState to a new path
    await h.events(host, 5, 0);
    await page.goBack(); // popstate -> /a?tab=3
    const events = await h.events(host, 7, 300);

    const pageviews = events.filter((e) => e.n == 'pageview').map((e) => e.u);
    // History: spa.html, /a, /a?tab=3 (pushed, then replaced), /b (pushed as /a#section,
    // then replaced): going back lands on /a?tab=3.
    expect(pageviews).toEqual([`${base}/spa.html`, `${base}/a`, `${base}/b`, `${base}/a?tab=3`]);
    // Before each SPA pageview, the engagement of the page being left.
    const engagements = events.filter((e) => e.n == 'engagement');
    expect(engagements.map((e) => e.u)).toEqual([`${base}/spa.html`, `${base}/a`, `${base}/b`]);
    for (const e of engagements) {
      expect(e).toEqual({ n: 'engagement', u: e.u, d: 'example.test', sd: 100, e: expect.any(Number) });
    }
    expect(events).toHaveLength(7);
  });
});

describe('custom events', () => {
  it('sends name, props, revenue and interactive:false, and calls back with the status', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/pageview.html`);
    const result = await page.evaluate(
      () =>
        new Promise((resolve) =>
          (window as unknown as { qusto: (n: string, o: object) => void }).qusto('Signup', {
            props: { plan: 'pro', seats: 3 },
            revenue: { amount: 9.99, currency: 'EUR' },
            interactive: false,
            callback: resolve,
          }),
        ),
    );
    expect(result).toEqual({ status: 202 });
    const events = await h.events(host, 2);
    expect(events[1]).toEqual({
      n: 'Signup',
      u: `http://${host}/pageview.html`,
      d: 'example.test',
      r: null,
      p: { plan: 'pro', seats: 3 },
      $: { amount: 9.99, currency: 'EUR' },
      i: false,
    });
  });

  it('omits p, $ and i when not given (interactive: true sends nothing)', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/pageview.html`);
    await page.evaluate(() => (window as unknown as { qusto: (n: string, o?: object) => void }).qusto('Plain', { interactive: true }));
    const events = await h.events(host, 2);
    expect(events[1]).toEqual({ n: 'Plain', u: `http://${host}/pageview.html`, d: 'example.test', r: null });
  });

  it('replays calls queued before the script loaded', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/queue.html`);
    expect(await page.evaluate(() => (window as unknown as { queuedBeforeLoad: number }).queuedBeforeLoad)).toBe(2);
    const events = await h.events(host, 3);
    const u = `http://${host}/queue.html`;
    // Sent back to back when the script starts (pageview first): arrival order may vary.
    const { actual, expected } = unordered(events, [
      { n: 'pageview', u, d: 'example.test', r: null },
      { n: 'Early', u, d: 'example.test', r: null, p: { step: 1 } },
      { n: 'Early revenue', u, d: 'example.test', r: null, $: { amount: 5, currency: 'USD' }, i: false },
    ]);
    expect(actual).toEqual(expected);
    await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length == 1);
    expect(await page.evaluate(() => (window as unknown as { results: unknown[] }).results)).toEqual([{ status: 202 }]);
  });
});

describe('engagement', () => {
  it('reports scroll depth and engaged time when the page is hidden', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/pageview.html`);
    await h.events(host, 1, 0);
    await page.evaluate(scrollTo(1000));
    await settle(400);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.evaluate(HIDE_PAGE);
    const events = await h.events(host, 2);
    expect(events[1]).toEqual({
      n: 'engagement',
      u: `http://${host}/pageview.html`,
      d: 'example.test',
      sd: Math.round(((1000 + 500) / height) * 100),
      e: expect.any(Number),
    });
    const e = events[1]!.e as number;
    expect(e).toBeGreaterThanOrEqual(400);
    expect(e).toBeLessThan(10_000);
  });

  it('reports when the page is left, and only once without new engagement', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/pageview.html`);
    await h.events(host, 1, 0);
    await page.evaluate(scrollTo(2000));
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    // A real navigation (clicked without scrolling the link into view): the page is
    // hidden on unload and the keepalive request survives it.
    await Promise.all([page.waitForURL(`http://${host}/other`), page.evaluate(() => document.getElementById('away')!.click())]);
    const events = await h.events(host, 2, 300);
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({
      n: 'engagement',
      u: `http://${host}/pageview.html`,
      d: 'example.test',
      sd: Math.round((2500 / height) * 100),
      e: expect.any(Number),
    });
  });

  it('does not repeat an engagement with nothing new, but sends again after deeper scroll', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/pageview.html`);
    await h.events(host, 1, 0);
    const hide = () => page.evaluate(HIDE_PAGE);
    await hide();
    await h.events(host, 2, 0);
    await hide(); // nothing new: no event
    await settle(200);
    expect(h.from(host)).toHaveLength(2);
    await page.evaluate(scrollTo(600));
    await hide();
    const events = await h.events(host, 3);
    expect(events.map((e) => e.n)).toEqual(['pageview', 'engagement', 'engagement']);
    expect((events[2]!.sd as number) > (events[1]!.sd as number)).toBe(true);
  });
});

describe('ignored', () => {
  const call = `new Promise((resolve) => window.qusto('Signup', { callback: resolve }))`;

  for (const host of ['localhost', '127.0.0.1']) {
    it(`sends nothing on ${host} and calls back with the reason`, async () => {
      const page = (await h.open(`http://${host}:${h.port}/pageview.html`)).page;
      expect(await page.evaluate(call)).toEqual({ ignored: 'localhost' });
      await settle(200);
      expect(h.from(`${host}:${h.port}`)).toEqual([]);
    });
  }

  it('sends nothing in an automated browser unless the page opts in (window.__qusto)', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/webdriver.html`);
    expect(await page.evaluate(() => navigator.webdriver)).toBe(true);
    expect(await page.evaluate(call)).toEqual({ ignored: 'automation' });
    await settle(200);
    expect(h.from(host)).toEqual([]);
  });

  for (const key of ['qusto_ignore', 'plausible_ignore']) {
    it(`sends nothing when localStorage.${key} is "true"`, async () => {
      const host = h.host();
      const { page } = await h.open(`http://${host}/pageview.html`, { init: `localStorage.${key} = 'true'` });
      expect(await page.evaluate(call)).toEqual({ ignored: 'qusto_ignore' });
      await page.evaluate(HIDE_PAGE); // no engagement for an ignored pageview either
      await settle(200);
      expect(h.from(host)).toEqual([]);
    });
  }
});
