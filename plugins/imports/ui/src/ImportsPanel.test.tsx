import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createQustoClient } from '@qusto/sdk';
import { QustoUiContext } from '@qusto/sdk/ui';
import ImportsPanel, { formatDay, problemText, tableLabel } from './ImportsPanel.tsx';

afterEach(cleanup);

const site = { id: '1', domain: 'example.com', timezone: 'UTC' };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The panel with a real API client whose network is `respond`. */
function renderPanel(respond: (url: string, method: string) => Response) {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
    return respond(String(input), init?.method ?? 'GET');
  }) as typeof globalThis.fetch;
  render(
    <QustoUiContext.Provider value={{ api: createQustoClient({ fetch }), shellVersion: 'test' }}>
      <ImportsPanel site={site} />
    </QustoUiContext.Provider>,
  );
  return calls;
}

describe('ImportsPanel', () => {
  it('formats calendar days, table names and permission errors for people', () => {
    expect(formatDay('2024-01-31')).toBe('31 Jan 2024');
    expect(formatDay('2026-11-25T15:00:00Z')).toBe('25 Nov 2026');
    expect(formatDay(null)).toBe('—');
    expect(tableLabel('imported_operating_systems')).toBe('operating systems');
    expect(problemText({ status: 403 }, 'import data')).toBe('You can’t import data for this site: that needs an editor’s role or higher.');
    expect(problemText(new Error('bad.csv: line 2: broken'), 'import data')).toBe('bad.csv: line 2: broken');
  });

  it('says what to do when there are no imports yet', async () => {
    renderPanel(() => json(200, { imports: [], native_start_date: null }));
    await screen.findByText('No imports yet');
    expect(screen.queryByTestId('native-start')).toBeNull();
    expect(screen.getByLabelText('Choose CSV files')).toBeTruthy();
  });

  it('shows a failed list in words with a retry that asks again', async () => {
    let attempts = 0;
    const calls = renderPanel(() => (++attempts === 1 ? json(500, { error: 'The event store is not answering' }) : json(200, { imports: [], native_start_date: '2024-02-01' })));
    await screen.findByText('The event store is not answering');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('No imports yet');
    expect(screen.getByTestId('native-start').textContent).toContain('1 Feb 2024');
    expect(calls).toEqual(['GET /api/sites/example.com/imports', 'GET /api/sites/example.com/imports']);
  });
});
