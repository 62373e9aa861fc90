// The npm package (dist/npm/index.js, the ESM it ships): in a page, and imported in Node
// as during server-side rendering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { DIST } from '../rspack.config.ts';
import { ensureBuilt } from './support/build.ts';
import { startHarness, unordered, type Harness } from './support/harness.ts';

let h: Harness;

beforeAll(async () => {
  await ensureBuilt();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const D = 'example.test';
type Pkg = typeof import('../src/index.ts');
declare const tracker: Pkg;

async function openNpm(host: string): Promise<Page> {
  const { page } = await h.open(`http://${host}/npm.html`);
  await page.waitForFunction(() => 'tracker' in window);
  return page;
}

describe('npm package in the browser', () => {
  it('init() sends the pageview; track() sends events with the same payload as the script', async () => {
    const host = h.host();
    const page = await openNpm(host);
    const result = await page.evaluate(() => {
      tracker.init({ domain: 'example.test' });
      return new Promise((resolve) => tracker.track('Signup', { props: { plan: 'pro' }, revenue: { amount: 1, currency: 'EUR' }, interactive: false, callback: resolve }));
    });
    expect(result).toEqual({ status: 202 });
    const u = `http://${host}/npm.html`;
    const { actual, expected } = unordered(await h.events(host, 2), [
      { n: 'pageview', u, d: D, r: null },
      { n: 'Signup', u, d: D, r: null, p: { plan: 'pro' }, $: { amount: 1, currency: 'EUR' }, i: false },
    ]);
    expect(actual).toEqual(expected);
    expect(h.from(host)[0]!.headers['content-type']).toBe('text/plain;charset=UTF-8');
    // Tagged events are on by default; outbound links are not.
    await page.click('#out');
    await page.click('#tagged');
    expect((await h.events(host, 3, 300))[2]!.n).toBe('Tagged');
  });

  it('queues track() calls made before init() and replays window.qusto calls', async () => {
    const host = h.host();
    const page = await openNpm(host);
    await page.evaluate(() => {
      const w = window as unknown as { qusto: { q?: unknown[] } & ((...a: unknown[]) => void) };
      w.qusto = Object.assign((...a: unknown[]) => (w.qusto.q ||= []).push(a), {});
      w.qusto('From snippet');
      tracker.track('Before init');
      tracker.init({ domain: 'example.test', autoCapturePageviews: false });
      (window as unknown as { qusto: (n: string) => void }).qusto('After init');
    });
    expect((await h.events(host, 3, 300)).map((e) => e.n).sort()).toEqual(['After init', 'Before init', 'From snippet']);
  });

  it('applies the options: endpoint, hash routing, outbound links, file downloads, form submissions, custom properties', async () => {
    const host = h.host();
    const page = await openNpm(host);
    await page.evaluate(() => {
      tracker.init({
        domain: 'example.test',
        endpoint: `${location.origin}/api/event?npm=1`,
        hashBasedRouting: true,
        outboundLinks: true,
        fileDownloads: { fileExtensions: ['zip'] },
        formSubmissions: true,
        customProperties: (name) => ({ logged_in: 'yes', name }),
      });
    });
    await h.events(host, 1, 0);
    await page.click('#out');
    await h.events(host, 2, 0);
    await page.evaluate(() => (location.hash = '#/settings'));
    const events = await h.events(host, 4, 300);
    const u = `http://${host}/npm.html`;
    expect(events.slice(0, 2)).toEqual([
      { n: 'pageview', u, d: D, r: null, h: 1, p: { logged_in: 'yes', name: 'pageview' } },
      { n: 'Outbound Link: Click', u, d: D, r: null, h: 1, p: { logged_in: 'yes', name: 'Outbound Link: Click', url: 'http://other.test/x' } },
    ]);
    const { actual, expected } = unordered(events.slice(2), [
      { n: 'engagement', u, d: D, sd: 100, e: expect.any(Number), h: 1, p: { logged_in: 'yes', name: 'pageview' } },
      { n: 'pageview', u: `${u}#/settings`, d: D, r: null, h: 1, p: { logged_in: 'yes', name: 'pageview' } },
    ]);
    expect(actual).toEqual(expected);
    await page.click('#zip');
    await h.events(host, 5, 0);
    await page.click('#pdf'); // not in fileExtensions
    await page.click('#send');
    expect((await h.events(host, 6, 300)).slice(4)).toEqual([
      { n: 'File Download', u: `${u}#/settings`, d: D, r: null, h: 1, p: { logged_in: 'yes', name: 'File Download', url: `http://${host}/files/app.zip` } },
      { n: 'Form: Submission', u: `${u}#/settings`, d: D, r: null, h: 1, p: { logged_in: 'yes', name: 'Form: Submission' } },
    ]);
    expect(h.from(host).every((r) => r.url == '/api/event?npm=1')).toBe(true);
  });

  it('transformRequest rewrites payloads, and a falsy result drops the event with a reason', async () => {
    const host = h.host();
    const page = await openNpm(host);
    const result = await page.evaluate(() => {
      tracker.init({
        domain: 'example.test',
        transformRequest: (p) => (p.n == 'Secret' ? null : { ...p, u: p.u.replace('npm.html', 'rewritten') }),
      });
      return new Promise((resolve) => tracker.track('Secret', { callback: resolve }));
    });
    expect(result).toEqual({ ignored: 'transformRequest' });
    await page.evaluate(() => tracker.track('Shown'));
    expect(await h.events(host, 2, 300)).toEqual([
      { n: 'pageview', u: `http://${host}/rewritten`, d: D, r: null },
      { n: 'Shown', u: `http://${host}/rewritten`, d: D, r: null },
    ]);
  });

  it('ignores localhost unless captureOnLocalhost; init() twice throws', async () => {
    const host = `localhost:${h.port}`;
    const page = await openNpm(host);
    const ignored = await page.evaluate(() => {
      tracker.init({ domain: 'example.test' });
      return new Promise((resolve) => tracker.track('X', { callback: resolve }));
    });
    expect(ignored).toEqual({ ignored: 'localhost' });
    expect(await page.evaluate(() => {
      try {
        tracker.init({ domain: 'example.test' });
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    })).toMatch(/already/);

    const page2 = await openNpm(host);
    await page2.evaluate(() => tracker.init({ domain: 'example.test', captureOnLocalhost: true }));
    expect(await h.events(host, 1)).toEqual([{ n: 'pageview', u: `http://${host}/npm.html`, d: D, r: null }]);
  });
});

describe('npm package during server-side rendering', () => {
  it('imports without a window and does nothing', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const mod = (await import(pathToFileURL(path.join(DIST, 'npm', 'index.js')).href)) as Pkg;
    expect(() => mod.init({ domain: D })).not.toThrow();
    const results: unknown[] = [];
    mod.track('Rendered', { callback: (r) => results.push(r) });
    expect(results).toEqual([{ ignored: 'ssr' }]);
    expect(mod.DEFAULT_FILE_TYPES).toContain('pdf');
  });
});
