import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createQustoClient } from '@qusto/sdk';
import { QustoUiContext } from '@qusto/sdk/ui';
import GoalsPanel, { type Goal } from './GoalsPanel.tsx';

afterEach(cleanup);

const site = { id: 'example.com', domain: 'example.com', timezone: 'UTC' };

/** The panel with a real API client whose network is `respond`. Records the requested URLs. */
function renderPanel(respond: (url: string) => Response | Promise<Response>) {
  const requests: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const url = String(input);
    requests.push(url);
    return respond(url);
  }) as typeof globalThis.fetch;
  const api = createQustoClient({ fetch });
  render(
    <QustoUiContext.Provider value={{ api, shellVersion: 'test' }}>
      <GoalsPanel site={site} />
    </QustoUiContext.Provider>,
  );
  return { requests };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('GoalsPanel', () => {
  it('asks the goals API for the site and shows the empty state when there are none', async () => {
    const { requests } = renderPanel(() => json({ goals: [] }));

    const panel = await screen.findByTestId('goals-panel');
    expect(within(panel).getByRole('heading', { name: 'Goal conversions' })).toBeTruthy();
    expect(await within(panel).findByText('No goals yet')).toBeTruthy();
    expect(within(panel).getByText(/Goals let you count signups, purchases and other conversions\. Set them up in site settings\./)).toBeTruthy();
    expect(requests).toEqual(['/api/sites/example.com/goals']);
  });

  it('lists the goals in a table with Goal / Uniques / Total / CR columns', async () => {
    const goals: Goal[] = [
      { id: '1', display_name: 'Signup', event_name: 'Signup', page_path: null },
      { id: '2', display_name: 'Visit /pricing', event_name: null, page_path: '/pricing' },
    ];
    renderPanel(() => json({ goals }));

    const table = await screen.findByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Goal', 'Uniques', 'Total', 'CR']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Signup', { selector: 'div' })).toBeTruthy();
    expect(within(rows[1]!).getByText('Visit /pricing')).toBeTruthy();
    expect(within(rows[1]!).getByText('/pricing')).toBeTruthy();
    expect(screen.getByText('2 goals')).toBeTruthy();
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
