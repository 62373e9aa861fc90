import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createQustoClient } from '@qusto/sdk';
import { QustoUiContext, type DashboardView } from '@qusto/sdk/ui';
import GoalsPanel, { type Goal } from './GoalsPanel.tsx';

afterEach(cleanup);

const site = { id: 'example.com', domain: 'example.com', timezone: 'UTC' };

/** The panel with a real API client whose network is `respond`. Records the requested URLs and bodies. */
function renderPanel(respond: (url: string, body: unknown) => Response | Promise<Response>, dashboard?: DashboardView) {
  const requests: string[] = [];
  const bodies: unknown[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push(url);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    if (body !== undefined) bodies.push(body);
    return respond(url, body);
  }) as typeof globalThis.fetch;
  const api = createQustoClient({ fetch });
  render(
    <QustoUiContext.Provider value={{ api, shellVersion: 'test' }}>
      <GoalsPanel site={site} dashboard={dashboard} />
    </QustoUiContext.Provider>,
  );
  return { requests, bodies };
}

const goals: Goal[] = [
  { id: '1', display_name: 'Signup', event_name: 'Signup', page_path: null },
  { id: '2', display_name: 'Visit /pricing', event_name: null, page_path: '/pricing' },
  { id: '3', display_name: 'Purchase', event_name: 'Purchase', page_path: null },
];

const conversions = {
  results: [
    { dimensions: ['Visit /pricing'], metrics: [120, 180, 24.5] },
    { dimensions: ['Signup'], metrics: [30, 31, 6.1] },
  ],
};

const funnels = { funnels: [{ id: '7', name: 'Pricing to signup', steps: ['2', '1'] }, { id: '8', name: 'Signup to purchase', steps: ['1', '3'] }] };

const funnelReport = {
  name: 'Pricing to signup',
  all_visitors: 490,
  entering_visitors: 120,
  date_range: ['2026-11-01', '2026-11-20'],
  steps: [
    { goal: 'Visit /pricing', visitors: 120, dropoff: 0, dropoff_percentage: 0, conversion_rate: 100, conversion_rate_step: 100 },
    { goal: 'Signup', visitors: 30, dropoff: 90, dropoff_percentage: 75, conversion_rate: 25, conversion_rate_step: 25 },
  ],
};

/** The plugin's API, canned. */
function server(url: string): Response {
  if (url === '/api/sites/example.com/goals') return json({ goals });
  if (url === '/api/v2/query') return json(conversions);
  if (url === '/api/sites/example.com/funnels') return json(funnels);
  if (url.startsWith('/api/sites/example.com/funnels/7/report')) return json(funnelReport);
  if (url.startsWith('/api/sites/example.com/funnels/8/report')) return json({ ...funnelReport, name: 'Signup to purchase', steps: [] });
  return json({ error: `unexpected ${url}` }, 500);
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('GoalsPanel', () => {
  it('asks the goals API for the site and shows the empty state when there are none', async () => {
    const { requests } = renderPanel(() => json({ goals: [] }));

    const panel = await screen.findByTestId('goals-panel');
    expect(within(panel).getByRole('heading', { name: 'Goal conversions' })).toBeTruthy();
    expect(await within(panel).findByText('No goals yet')).toBeTruthy();
    expect(within(panel).getByText(/Goals let you count signups, purchases and other conversions\. Owners and editors set them up in the site’s settings\./)).toBeTruthy();
    expect(requests).toEqual(['/api/sites/example.com/goals']);
  });

  it("shows each goal's uniques, total and conversion rate over the dashboard's view", async () => {
    const dashboard: DashboardView = { dateRange: ['2026-11-01', '2026-11-20'], filters: [['is', 'visit:source', ['Google']]], addFilter: vi.fn() };
    const { bodies } = renderPanel(server, dashboard);

    const table = await screen.findByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Goal', 'Uniques', 'Total', 'CR']);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    // Most visitors first; goals without conversions at 0.
    expect(rows).toEqual([
      ['Visit /pricingPage/pricing', '120', '180', '24.5%'],
      ['SignupEventSignup', '30', '31', '6.1%'],
      ['PurchaseEventPurchase', '0', '0', '0%'],
    ]);
    expect(screen.getByText('3 goals')).toBeTruthy();
    expect(bodies).toEqual([
      {
        site_id: 'example.com',
        metrics: ['visitors', 'events', 'conversion_rate'],
        dimensions: ['event:goal'],
        date_range: ['2026-11-01', '2026-11-20'],
        order_by: [['visitors', 'desc']],
        filters: [['is', 'visit:source', ['Google']]],
      },
    ]);
  });

  it('filters the dashboard by a goal when its row is clicked', async () => {
    const addFilter = vi.fn();
    renderPanel(server, { dateRange: '7d', filters: [], addFilter });

    fireEvent.click(await screen.findByRole('button', { name: 'Signup' }));
    expect(addFilter).toHaveBeenCalledWith(['is', 'event:goal', ['Signup']]);
    fireEvent.click(screen.getByText('24.5%'));
    expect(addFilter).toHaveBeenLastCalledWith(['is', 'event:goal', ['Visit /pricing']]);
  });

  it('with a goal filter lists only the goals the server returned', async () => {
    renderPanel((url) => (url === '/api/v2/query' ? json({ results: [conversions.results[1]] }) : server(url)), {
      dateRange: '28d',
      filters: [['is', 'event:goal', ['Signup']]],
      addFilter: vi.fn(),
    });
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByRole('button', { name: 'Signup' })).toBeTruthy();
  });

  it('without a dashboard view (older host) asks for the last 28 days and rows are not clickable', async () => {
    const { bodies } = renderPanel(server);
    const table = await screen.findByRole('table');
    expect(within(table).queryAllByRole('button')).toHaveLength(0);
    expect(bodies).toEqual([expect.objectContaining({ date_range: '28d' })]);
    expect(bodies[0]).not.toHaveProperty('filters');
  });

  it('shows an error when the conversions cannot be loaded', async () => {
    renderPanel((url) => (url === '/api/v2/query' ? json({ error: 'Invalid filter' }, 400) : server(url)));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't load goal conversions");
    expect(alert.textContent).toContain('Invalid filter');
  });

  it("shows a funnel's steps with visitors, conversion and drop-off on the Funnels tab", async () => {
    const { requests } = renderPanel(server, { dateRange: ['2026-11-01', '2026-11-20'], filters: [], addFilter: vi.fn() });
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('tab', { name: 'Funnels' }));
    expect(screen.getByRole('tab', { name: 'Funnels' }).getAttribute('aria-selected')).toBe('true');

    const steps = await screen.findAllByTestId('funnel-step');
    expect(steps).toHaveLength(2);
    expect(steps[0]!.textContent).toContain('Visit /pricing');
    expect(steps[0]!.textContent).toContain('120 visitors');
    expect(steps[0]!.textContent).toContain('100%');
    expect(steps[1]!.textContent).toContain('30 visitors');
    expect(steps[1]!.textContent).toContain('25%');
    expect(steps[1]!.textContent).toContain('90 dropped off (75%)');
    expect(requests).toContain('/api/sites/example.com/funnels/7/report?from=2026-11-01&to=2026-11-20');

    // Another funnel.
    fireEvent.change(screen.getByRole('combobox', { name: 'Funnel' }), { target: { value: '8' } });
    await vi.waitFor(() => expect(requests).toContain('/api/sites/example.com/funnels/8/report?from=2026-11-01&to=2026-11-20'));
  });

  it('asks for the default range of a preset period and shows the empty state without funnels', async () => {
    const { requests } = renderPanel((url) => (url === '/api/sites/example.com/funnels' ? json({ funnels: [] }) : server(url)), { dateRange: '7d', filters: [], addFilter: vi.fn() });
    fireEvent.click(await screen.findByRole('tab', { name: 'Funnels' }));
    expect(await screen.findByText('No funnels yet')).toBeTruthy();
    expect(requests.filter((url) => url.includes('/report'))).toEqual([]);
  });

  it('calls the report without dates for a preset period', async () => {
    const { requests } = renderPanel(server, { dateRange: '7d', filters: [], addFilter: vi.fn() });
    fireEvent.click(await screen.findByRole('tab', { name: 'Funnels' }));
    await screen.findAllByTestId('funnel-step');
    expect(requests).toContain('/api/sites/example.com/funnels/7/report');
  });

  it('shows the API error and retries', async () => {
    let fail = true;
    renderPanel(() => (fail ? json({ error: 'Site not found' }, 404) : json({ goals: [] })));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't load goals");
    expect(alert.textContent).toContain('Site not found');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No goals yet')).toBeTruthy();
  });
});
