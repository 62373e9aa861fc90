import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createQustoClient } from '@qusto/sdk';
import { QustoUiContext } from '@qusto/sdk/ui';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatsClient } from '../dashboard/api/stats-client.ts';
import { StatsClientContext } from '../dashboard/api/use-request.ts';
import { PluginHost } from '../plugins/PluginHost.tsx';
import type { PluginSource } from '../plugins/types.ts';
import { SiteDashboard } from './SiteDashboard.tsx';

const XSS = '/<img src=x onerror=alert(1)>';

interface Body {
  metrics: string[];
  dimensions?: string[];
  filters?: unknown[];
  include?: { time_labels?: boolean; comparisons?: unknown };
}

/** A fake server: answers by the query's shape; records every v2 body. */
function fakeApi(options: { fail?: (body: Body) => number | null; latencyMs?: number } = {}) {
  const bodies: Body[] = [];
  const values: Record<string, number> = { visitors: 482, visits: 500, pageviews: 831, views_per_visit: 1.72, bounce_rate: 51, visit_duration: 108, percentage: 50, events: 3 };
  const rowsByDimension: Record<string, Array<string | number>> = {
    'visit:source': ['Google', 'Direct / None'],
    'event:page': ['/', XSS],
    'visit:country': ['EE', 'DE'],
    'visit:channel': ['Organic Search'],
    'visit:browser': ['Chrome'],
  };
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const json = (status: number, data: unknown) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
    if (url.startsWith('/api/sites/')) return json(200, { site: { id: '1', domain: 'example.com', timezone: 'UTC', allowedEventProps: ['plan'] } });
    if (url.startsWith('/api/v1/stats/realtime/visitors')) return json(200, 3);
    if (url.startsWith('/api/v1/stats/timeseries')) return json(200, { results: [] });
    if (url === '/api/v2/query') {
      const body = JSON.parse(String(init.body)) as Body;
      bodies.push(body);
      const status = options.fail?.(body);
      if (status) return json(status, { error: 'The stats engine is down' });
      const metrics = (scale = 1) => body.metrics.map((m) => (values[m] ?? 1) * scale);
      const dimension = body.dimensions?.[0];
      if (!dimension) return json(200, { results: [{ dimensions: [], metrics: metrics() }], meta: {}, query: { date_range: ['2026-01-01T00:00:00+00:00', '2026-01-28T23:59:59+00:00'] } });
      if (dimension.startsWith('time:')) {
        const labels = ['2026-01-01', '2026-01-02', '2026-01-03'];
        return json(200, { results: labels.map((l, i) => ({ dimensions: [l], metrics: metrics(i + 1) })), meta: { time_labels: labels }, query: {} });
      }
      const rows = rowsByDimension[dimension] ?? [];
      return json(200, { results: rows.map((v, i) => ({ dimensions: [v, ...(body.dimensions!.slice(1).map(() => ''))], metrics: metrics(1 / (i + 1)) })), meta: { total_rows: rows.length }, query: {} });
    }
    return json(404, { error: `no route ${url}` });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, bodies, mock: fetch };
}

const noPlugins: PluginSource = { listPlugins: async () => [], loadModule: async () => ({}) };

function renderDashboard(api: ReturnType<typeof fakeApi>, search = '') {
  window.history.replaceState(null, '', `/example.com${search}`);
  const stats = new StatsClient({ fetch: api.fetch });
  return render(
    <QustoUiContext.Provider value={{ api: createQustoClient({ fetch: api.fetch }), shellVersion: 'test' }}>
      <StatsClientContext.Provider value={stats}>
        <PluginHost source={noPlugins}>
          <SiteDashboard domain="example.com" />
        </PluginHost>
      </StatsClientContext.Provider>
    </QustoUiContext.Provider>,
  );
}

beforeEach(() => {
  window.localStorage.clear();
  // The world map (the default tab) is tested in Chromium; in happy-dom its SVG makes role queries slow.
  window.localStorage.setItem('qusto:example.com:locations-tab', 'countries');
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<SiteDashboard>', () => {
  it('shows the top stats the API answers, and the plugin slot still renders below', async () => {
    const api = fakeApi();
    renderDashboard(api);
    expect((await screen.findByTestId('stat-visitors')).textContent).toBe('482');
    expect(screen.getByTestId('stat-visit_duration').textContent).toBe('1m 48s');
    expect(screen.getByTestId('stat-bounce_rate').textContent).toBe('51%');
    expect(screen.getByRole('heading', { level: 1, name: 'example.com' })).toBeTruthy();
    const aggregate = api.bodies.find((b) => !b.dimensions);
    expect(aggregate).toEqual({ site_id: 'example.com', metrics: ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'], date_range: '28d' });
  });

  it('renders tracked strings as text', async () => {
    renderDashboard(fakeApi());
    const panel = await screen.findByTestId('panel-pages');
    expect(await within(panel).findByText(XSS)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('a row click filters the view through the URL; the chip removes it', async () => {
    const api = fakeApi();
    renderDashboard(api);
    const panel = await screen.findByTestId('panel-sources');
    fireEvent.click(await within(panel).findByRole('link', { name: /Google/ }));
    expect(window.location.search).toBe('?f=is,source,Google');
    const chip = await screen.findByTestId('filter-chip');
    expect(chip.textContent).toContain('Source');
    expect(chip.textContent).toContain('Google');
    await waitFor(() => expect(api.bodies.some((b) => JSON.stringify(b.filters) === '[["is","visit:source",["Google"]]]')).toBe(true));
    fireEvent.click(within(chip).getByRole('button', { name: /Remove filter/ }));
    expect(window.location.search).toBe('');
  });

  it('keyboard shortcuts change the period and toggle the comparison, but not while typing', async () => {
    renderDashboard(fakeApi());
    await screen.findByTestId('stat-visitors');
    act(() => {
      fireEvent.keyDown(document.body, { key: 'w' });
    });
    expect(new URLSearchParams(window.location.search).get('period')).toBe('7d');
    act(() => {
      fireEvent.keyDown(document.body, { key: 'x' });
    });
    expect(new URLSearchParams(window.location.search).get('compare')).toBe('previous_period');
    expect(screen.getByTestId('period-label').textContent).toBe('Last 7 days');

    const input = document.createElement('input');
    document.body.append(input);
    act(() => {
      fireEvent.keyDown(input, { key: 'y' });
    });
    expect(new URLSearchParams(window.location.search).get('period')).toBe('7d');
    act(() => {
      fireEvent.keyDown(document.body, { key: 'y', ctrlKey: true });
    });
    expect(new URLSearchParams(window.location.search).get('period')).toBe('7d');
    input.remove();
  });

  it('opens a details view lazily: focus inside, Tab wraps, Escape closes and restores focus', async () => {
    const api = fakeApi();
    renderDashboard(api);
    const panel = await screen.findByTestId('panel-pages');
    const details = await within(panel).findByRole('button', { name: /Details/ });
    details.focus();
    fireEvent.click(details);
    const dialog = await screen.findByRole('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    await within(dialog).findByTestId('details-table');
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(api.bodies.some((b) => b.metrics.join() === 'visitors,percentage,pageviews,bounce_rate,time_on_page,scroll_depth')).toBe(true);

    // Tab from the last focusable element wraps to the first.
    const focusable = [...dialog.querySelectorAll<HTMLElement>('button:not([disabled]), input, a[href]')];
    focusable[focusable.length - 1]!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(focusable[0]);

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(details);
  });

  it('a failing part shows what went wrong with Retry, and recovers', async () => {
    let failing = true;
    const api = fakeApi({ fail: (body) => (failing && !body.dimensions ? 503 : null) });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderDashboard(api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server had a problem (HTTP 503)');
    expect(alert.textContent).toContain('The stats engine is down');
    failing = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect((await screen.findByTestId('stat-visitors')).textContent).toBe('482');
  });

  it('realtime: one set of requests per refresh, not one per render', { timeout: 15_000 }, async () => {
    // Answers land in a later second than their requests were built in: a window computed at
    // render time would change on every re-render and ask again, forever.
    const api = fakeApi({ latencyMs: 1100 });
    renderDashboard(api, '?period=realtime');
    await waitFor(() => expect(screen.getByTestId('stat-current_visitors').textContent).toBe('3'), { timeout: 5000 });
    await screen.findByTestId('report-sources', {}, { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 1500));
    const settled = api.mock.mock.calls.length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(api.mock.mock.calls.length).toBe(settled);
    const aggregate = api.bodies.find((b) => !b.dimensions) as unknown as { date_range: [string, string]; metrics: string[] };
    expect(aggregate.metrics).toEqual(['visitors', 'pageviews']);
    expect(Date.parse(aggregate.date_range[1]) - Date.parse(aggregate.date_range[0])).toBe(30 * 60_000);
  });

  it('a site that never received an event shows the snippet to install', async () => {
    const api = fakeApi();
    const empty = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input) === '/api/v2/query') {
        const body = JSON.parse(String(init?.body)) as Body;
        return new Response(JSON.stringify({ results: body.dimensions ? [] : [{ dimensions: [], metrics: body.metrics.map(() => 0) }], meta: {}, query: {} }), { status: 200 });
      }
      return api.fetch(input, init);
    });
    renderDashboard({ ...api, fetch: empty as unknown as typeof fetch });
    const section = await screen.findByTestId('empty-site');
    expect(section.textContent).toContain(`<script defer data-domain="example.com" src="${window.location.origin}/js/script.js"></script>`);
  });
});
