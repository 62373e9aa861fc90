// Script variants (dist/script.<ext>.js) in headless Chromium: one fixture per feature.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/build.ts';
import { HIDE_PAGE, startHarness, unordered, type Harness } from './support/harness.ts';

let h: Harness;

beforeAll(async () => {
  await ensureBuilt();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const D = 'example.test';

describe('hash (script.hash.js)', () => {
  it('counts fragment routes and marks every event h:1', async () => {
    const host = h.host();
    const base = `http://${host}/hash.html`;
    const { page } = await h.open(base);
    await h.events(host, 1, 0);
    await page.click('#to-a');
    await h.events(host, 3, 0);
    await page.evaluate(() => history.pushState({}, '', '#/b')); // pushState also counts in hash mode
    await h.events(host, 5, 0);
    await page.evaluate(() => (location.hash = '#/b')); // unchanged: not a pageview
    await page.goBack(); // hashchange + popstate -> #/a, counted once
    const events = await h.events(host, 7, 300);
    expect(events.filter((e) => e.n == 'pageview')).toEqual([
      { n: 'pageview', u: base, d: D, r: null, h: 1 },
      { n: 'pageview', u: `${base}#/a`, d: D, r: null, h: 1 },
      { n: 'pageview', u: `${base}#/b`, d: D, r: null, h: 1 },
      { n: 'pageview', u: `${base}#/a`, d: D, r: null, h: 1 },
    ]);
    const engagement = events.find((e) => e.n == 'engagement');
    expect(engagement).toEqual({ n: 'engagement', u: base, d: D, sd: 100, e: expect.any(Number), h: 1 });
    expect(events).toHaveLength(7);
  });
});

describe('outbound-links (script.outbound-links.js)', () => {
  it('tracks a click on a link to another host, and the navigation proceeds', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/outbound.html`);
    await h.events(host, 1, 0);
    await Promise.all([page.waitForURL(/other\.test/), page.click('#out')]);
    const events = await h.events(host, 3, 200);
    const out = `http://other.test:${h.port}/landing?ref=x`;
    expect(events.find((e) => e.n != 'pageview' && e.n != 'engagement')).toEqual({
      n: 'Outbound Link: Click',
      u: `http://${host}/outbound.html`,
      d: D,
      r: null,
      p: { url: out },
    });
    expect(events.map((e) => e.n).sort()).toEqual(['Outbound Link: Click', 'engagement', 'pageview']);
  });

  it('tracks middle clicks and clicks inside the link; not same-host links', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/outbound.html`);
    await h.events(host, 1, 0);
    await page.evaluate(() => {
      document.addEventListener('click', (e) => e.preventDefault());
      document.getElementById('internal')!.click();
      document.getElementById('nested-target')!.click();
      document.getElementById('out')!.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, button: 1 }));
      document.getElementById('out')!.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, button: 2 })); // right click
    });
    const events = await h.events(host, 3, 300);
    expect(events.slice(1).map((e) => (e.p as { url: string }).url).sort()).toEqual([
      `http://other.test:${h.port}/landing?ref=x`,
      `http://other.test:${h.port}/nested`,
    ]);
  });
});

describe('file-downloads (script.file-downloads.js)', () => {
  it('tracks default and added extensions, without query or fragment', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/downloads.html`);
    await h.events(host, 1, 0);
    await page.click('#pdf');
    await h.events(host, 2, 0);
    await page.click('#epub');
    await h.events(host, 3, 0);
    await page.click('#page');
    const events = await h.events(host, 3, 300);
    const u = `http://${host}/downloads.html`;
    expect(events.slice(1)).toEqual([
      { n: 'File Download', u, d: D, r: null, p: { url: `http://${host}/files/report.PDF` } },
      { n: 'File Download', u, d: D, r: null, p: { url: `http://${host}/files/book.epub` } },
    ]);
  });
});

describe('tagged-events (script.revenue.tagged-events.js)', () => {
  it('sends events named by qusto-event-* and plausible-event-* classes, with revenue', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/tagged.html`);
    await h.events(host, 1, 0);
    const u = `http://${host}/tagged.html`;
    await page.click('#signup');
    await h.events(host, 2, 0);
    await page.click('#buy-inner'); // a child of the tagged element
    await h.events(host, 3, 0);
    await page.click('#docs');
    await h.events(host, 4, 0);
    await page.click('#plain');
    await page.click('#subscribe'); // a click inside a form: only its submit counts
    const events = await h.events(host, 5, 300);
    expect(events.slice(1)).toEqual([
      { n: 'Signup', u, d: D, r: null, p: { plan: 'pro' } },
      { n: 'Buy Now', u, d: D, r: null, p: { sku: 'A1' }, $: { amount: '19.90', currency: 'EUR' } },
      { n: 'Docs', u, d: D, r: null, p: { url: `http://${host}/docs` } },
      { n: 'Newsletter', u, d: D, r: null, p: { list: 'weekly' } },
    ]);
  });

  it('ignores revenue classes without the revenue extension', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/tagged.html`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.src = '/js/script.tagged-events.js';
      s.setAttribute('data-domain', 'plain.test');
      document.head.appendChild(s);
    });
    await page.waitForFunction(() => [...document.scripts].some((s) => s.src.endsWith('/js/script.tagged-events.js')));
    await settle(300);
    await page.click('#buy');
    await settle(300);
    const plain = h.from(host).filter((r) => r.body.d == 'plain.test' && r.body.n == 'Buy Now');
    expect(plain.map((r) => r.body)).toEqual([{ n: 'Buy Now', u: `http://${host}/tagged.html`, d: 'plain.test', r: null, p: { sku: 'A1' } }]);
  });
});

describe('form-submissions (script.form-submissions.js)', () => {
  it('sends Form: Submission on submit (the server fills props.path); not for a form that fails validation', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/forms.html`);
    await h.events(host, 1, 0);
    await page.click('#send-invalid'); // required field empty: the browser blocks the submit
    await settle(200);
    expect(h.from(host)).toHaveLength(1);
    await Promise.all([page.waitForURL(/\/thanks/), page.click('#send')]);
    const events = await h.events(host, 3, 300);
    expect(events.find((e) => e.n == 'Form: Submission')).toEqual({
      n: 'Form: Submission',
      u: `http://${host}/forms.html`,
      d: D,
      r: null,
    });
  });
});

describe('404 (script.404.js)', () => {
  it('sends a 404 event on a page served with status 404', async () => {
    const host = h.host();
    await h.open(`http://${host}/missing/page?x=1`);
    const u = `http://${host}/missing/page?x=1`;
    const { actual, expected } = unordered(await h.events(host, 2), [
      { n: 'pageview', u, d: D, r: null },
      { n: '404', u, d: D, r: null },
    ]);
    expect(actual).toEqual(expected);
  });

  it('sends a 404 event when the script tag has data-404, and none on a normal page', async () => {
    const host = h.host();
    await h.open(`http://${host}/not-found-attr.html`);
    expect((await h.events(host, 2)).map((e) => e.n).sort()).toEqual(['404', 'pageview']);
    const other = h.host();
    await h.open(`http://${other}/404.html`); // status 200, no attribute
    await settle(300);
    expect((await h.events(other, 1)).map((e) => e.n)).toEqual(['pageview']);
  });
});

describe('manual (script.manual.js)', () => {
  it('sends no automatic pageview; qusto("pageview", {u}) sends one with the custom URL', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/manual.html`);
    expect(await h.events(host, 1)).toEqual([{ n: 'pageview', u: `http://${host}/products/:id`, d: D, r: null }]);
    await page.evaluate(() => history.pushState({}, '', '/elsewhere'));
    await page.evaluate(() => (window as unknown as { qusto: (n: string, o: object) => void }).qusto('pageview', { url: 'https://shop.example/p/1' }));
    const events = await h.events(host, 3, 300);
    const { actual, expected } = unordered(events.slice(1), [
      { n: 'engagement', u: `http://${host}/products/:id`, d: D, sd: 100, e: expect.any(Number) },
      { n: 'pageview', u: 'https://shop.example/p/1', d: D, r: null },
    ]);
    expect(actual).toEqual(expected);
  });
});

describe('pageview-props (script.pageview-props.js)', () => {
  it('adds event-* attributes to every event; explicit props win', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/pageview-props.html`);
    await h.events(host, 1, 0);
    await page.evaluate(() => (window as unknown as { qusto: (n: string, o: object) => void }).qusto('Read', { props: { section: 'news' } }));
    await h.events(host, 2, 0);
    await page.evaluate(HIDE_PAGE);
    const events = await h.events(host, 3);
    const u = `http://${host}/pageview-props.html`;
    expect(events).toEqual([
      { n: 'pageview', u, d: D, r: null, p: { author: 'Ada Lovelace', section: 'blog' } },
      { n: 'Read', u, d: D, r: null, p: { author: 'Ada Lovelace', section: 'news' } },
      { n: 'engagement', u, d: D, sd: 100, e: expect.any(Number), p: { author: 'Ada Lovelace', section: 'blog' } },
    ]);
  });
});

describe('local (script.local.js)', () => {
  it('counts localhost and automated browsers', async () => {
    const host = `localhost:${h.port}`;
    await h.open(`http://${host}/local.html`);
    expect(await h.events(host, 1)).toEqual([{ n: 'pageview', u: `http://${host}/local.html`, d: D, r: null }]);
  });
});

describe('Plausible compatibility', () => {
  it('a page set up for Plausible works by changing only the script src', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/plausible.html`);
    const u = `http://${host}/plausible.html`;
    await h.events(host, 2, 0);
    await page.click('#cta');
    await h.events(host, 3, 0);
    await page.evaluate(() => (window as unknown as { plausible: (n: string, o: object) => void }).plausible('Later', { props: { a: 'b' } }));
    expect(await page.evaluate(() => (window as unknown as { plausible: unknown; qusto: unknown }).plausible === (window as unknown as { qusto: unknown }).qusto)).toBe(true);
    const events = await h.events(host, 4);
    // The pageview and the queued call are sent back to back: either may arrive first.
    const { actual, expected } = unordered(events.slice(0, 2), [
      { n: 'pageview', u, d: D, r: null },
      { n: 'Signup', u, d: D, r: null, p: { plan: 'pro' } },
    ]);
    expect(actual).toEqual(expected);
    expect(events.slice(2)).toEqual([
      { n: 'CTA Click', u, d: D, r: null, p: { position: 'hero' } },
      { n: 'Later', u, d: D, r: null, p: { a: 'b' } },
    ]);
  });
});

describe('all (script.all.js)', () => {
  it('combines the additive features without double counting', async () => {
    const host = h.host();
    const { page } = await h.open(`http://${host}/all.html`);
    await h.events(host, 1, 0);
    const ids = ['#out', '#zip', '#tagged', '#submit', '#tsubmit'];
    for (const [i, id] of ids.entries()) {
      await page.click(id);
      await h.events(host, i + 2, 0);
    }
    const events = await h.events(host, 6, 300);
    const u = `http://${host}/all.html`;
    const p = { theme: 'dark' };
    expect(events).toEqual([
      { n: 'pageview', u, d: D, r: null, p },
      { n: 'Outbound Link: Click', u, d: D, r: null, p: { ...p, url: 'http://other.test/x' } },
      { n: 'File Download', u, d: D, r: null, p: { ...p, url: `http://${host}/files/app.zip` } },
      { n: 'Tagged', u, d: D, r: null, p, $: { amount: '3', currency: 'USD' } },
      { n: 'Form: Submission', u, d: D, r: null, p },
      { n: 'Tagged Form', u, d: D, r: null, p },
    ]);
  });
});
