import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createQustoClient } from '@qusto/sdk';
import { QustoUiContext, type DashboardView } from '@qusto/sdk/ui';
import GoalsPanel, { type Goal } from './GoalsPanel.tsx';

afterEach(cleanup);

const site = { id: '1', domain: 'shop.example', timezone: 'UTC' };
const money = (value: number, long: string) => ({ short: long, long, value, currency: 'EUR' });
const goals: Goal[] = [
  { id: '1', display_name: 'Purchase', event_name: 'Purchase', page_path: null, currency: 'EUR', custom_props: {} },
  { id: '2', display_name: 'Signup', event_name: 'Signup', page_path: null, currency: null, custom_props: { plan: 'pro' } },
  { id: '3', display_name: 'Scroll 75% on /blog', event_name: null, page_path: '/blog', scroll_threshold: 75 },
];

function renderPanel(respond: (url: string, body: Record<string, unknown> | undefined) => unknown, dashboard?: DashboardView) {
  const calls: Array<{ url: string; body?: Record<string, unknown> }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ url, body });
    return new Response(JSON.stringify(respond(url, body)), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  render(
    <QustoUiContext.Provider value={{ api: createQustoClient({ fetch }), shellVersion: 'test' }}>
      <GoalsPanel site={site} dashboard={dashboard} />
    </QustoUiContext.Provider>,
  );
  return calls;
}

describe('GoalsPanel revenue and properties', () => {
  it('asks for revenue when there are revenue goals and shows total and average per revenue goal', async () => {
    const calls = renderPanel((url) =>
      url.endsWith('/goals')
        ? { goals }
        : {
            results: [
              { dimensions: ['Purchase'], metrics: [4, 5, 8, money(120.5, '€120.50'), money(24.1, '€24.10')] },
              { dimensions: ['Signup'], metrics: [3, 3, 6, null, null] },
            ],
          },
    );
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Goal', 'Uniques', 'Total', 'CR', 'Revenue']);
    const purchase = within(table).getByRole('row', { name: /Purchase/ });
    expect(within(purchase).getByTestId('goal-revenue').textContent).toBe('€120.50avg €24.10');
    expect(within(within(table).getByRole('row', { name: /^Signup/ })).getByTestId('goal-revenue').textContent).toBe('—');
    // The scroll goal's kind and the revenue goal's currency are shown under the names.
    expect(screen.getByText('75% on /blog')).toBeTruthy();
    expect(screen.getByText('Purchase · EUR')).toBeTruthy();
    expect(calls.find((c) => c.url === '/api/v2/query')?.body?.metrics).toEqual(['visitors', 'events', 'conversion_rate', 'total_revenue', 'average_revenue']);
  });

  it('breaks the filtered goal down by a property and filters the dashboard by a value', async () => {
    const addFilter = vi.fn();
    const dashboard: DashboardView = { dateRange: ['2026-03-01', '2026-03-31'], filters: [['is', 'event:goal', ['Signup']], ['is', 'visit:source', ['Google']]], addFilter };
    const calls = renderPanel((url, body) => {
      if (url.endsWith('/goals')) return { goals };
      if (url.includes('/goals/suggestions')) return { system: [], events: [], pages: [], properties: { Signup: ['plan', 'referrer'] } };
      if (Array.isArray(body?.dimensions) && body.dimensions[0] === 'event:props:plan') return { results: [{ dimensions: ['pro'], metrics: [7, 9, 3.5] }] };
      return { results: [] };
    }, dashboard);
    fireEvent.click(await screen.findByRole('tab', { name: 'Properties' }));
    const breakdown = await screen.findByTestId('goal-properties');
    expect((screen.getByLabelText('Goal') as HTMLSelectElement).value).toBe('Signup');
    expect((screen.getByLabelText('Property') as HTMLSelectElement).value).toBe('plan');
    expect(within(breakdown).getAllByRole('cell').map((c) => c.textContent)).toEqual(['pro', '7', '9', '3.5%']);
    expect(calls.find((c) => c.url.includes('/goals/suggestions'))?.url).toBe('/api/sites/shop.example/goals/suggestions?from=2026-03-01&to=2026-03-31');
    expect(calls.find((c) => Array.isArray(c.body?.dimensions) && c.body.dimensions[0] === 'event:props:plan')?.body).toMatchObject({
      metrics: ['visitors', 'events', 'conversion_rate'],
      filters: [['is', 'visit:source', ['Google']], ['is', 'event:goal', ['Signup']]],
    });
    fireEvent.click(within(breakdown).getByRole('button', { name: 'pro' }));
    expect(addFilter).toHaveBeenCalledWith(['is', 'event:props:plan', ['pro']]);
  });
});
