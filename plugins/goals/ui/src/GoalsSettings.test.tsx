import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createQustoClient } from '@qusto/sdk';
import { QustoUiContext } from '@qusto/sdk/ui';
import GoalsSettings from './GoalsSettings.tsx';

afterEach(cleanup);

const site = { id: '42', domain: 'shop.example', timezone: 'UTC' };
const goals = [
  { id: '1', display_name: 'Signup', event_name: 'Signup', page_path: null, scroll_threshold: -1, custom_props: {}, currency: null },
  { id: '2', display_name: 'Visit /pricing', event_name: null, page_path: '/pricing', scroll_threshold: -1, custom_props: {}, currency: null },
];
const EDITOR_RULES = [['manage', 'Goal,Funnel', { teamId: 't1' }]];
const VIEWER_RULES = [['read', 'Goal,Funnel', { teamId: 't1' }], ['manage', 'Goal', { teamId: 'other-team' }]];

interface Call {
  method: string;
  url: string;
  body?: unknown;
}

function renderSettings(options: { rules?: unknown[]; mutate?: (call: Call) => { status: number; body: unknown } } = {}) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = { method: init?.method ?? 'GET', url: String(input), body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const reply = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (call.method !== 'GET') {
      const answer = options.mutate?.(call) ?? { status: 200, body: {} };
      return reply(answer.body, answer.status);
    }
    if (call.url === '/api/me/abilities') return reply({ principal: 'user', rules: options.rules ?? EDITOR_RULES });
    if (call.url === '/api/sites/shop.example') return reply({ site: { id: '42', domain: 'shop.example', teamId: 't1' } });
    if (call.url === '/api/sites/shop.example/goals') return reply({ goals });
    if (call.url === '/api/sites/shop.example/funnels') return reply({ funnels: [{ id: '9', name: 'Checkout', strict_order: false, steps: ['2', '1'] }] });
    if (call.url === '/api/sites/shop.example/goals/suggestions') return reply({ system: ['404'], events: ['Download'], pages: ['/docs'], properties: {} });
    return reply({ error: 'unexpected' }, 500);
  }) as typeof globalThis.fetch;
  render(
    <QustoUiContext.Provider value={{ api: createQustoClient({ fetch }), shellVersion: 'test' }}>
      <GoalsSettings site={site} />
    </QustoUiContext.Provider>,
  );
  return calls;
}

const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET').map(({ method, url, body }) => ({ method, url, body }));

describe('GoalsSettings', () => {
  it('lists goals and funnels and adds a revenue goal, a suggested goal and a funnel', async () => {
    const calls = renderSettings();
    await screen.findByRole('list', { name: 'Goals' });
    expect(within(await screen.findByRole('list', { name: 'Steps of Checkout' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Visit /pricing', '→Signup']);
    expect(within(screen.getByRole('list', { name: 'Goals' })).getAllByTestId('goal-setting')).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Add goal' }));
    const form = screen.getByRole('form', { name: 'Add a goal' });
    fireEvent.click(within(form).getByLabelText(/Revenue/));
    fireEvent.change(within(form).getByLabelText('Event name'), { target: { value: ' Purchase ' } });
    fireEvent.change(within(form).getByLabelText('Currency'), { target: { value: 'USD' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add goal' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Add a goal' })).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Add goal 404' }));
    // One suggestion at a time: the chips wait for the first to be added.
    const docs = screen.getByRole('button', { name: 'Add goal Visit /docs' }) as HTMLButtonElement;
    await waitFor(() => expect(docs.disabled).toBe(false));
    fireEvent.click(docs);

    fireEvent.click(screen.getByRole('button', { name: 'Add funnel' }));
    const funnelForm = screen.getByRole('form', { name: 'Add a funnel' });
    fireEvent.change(within(funnelForm).getByLabelText('Funnel name'), { target: { value: 'Signup path' } });
    fireEvent.change(within(funnelForm).getByLabelText('Step 1'), { target: { value: '2' } });
    fireEvent.change(within(funnelForm).getByLabelText('Step 2'), { target: { value: '1' } });
    fireEvent.click(within(funnelForm).getByLabelText(/Strict order/));
    fireEvent.click(within(funnelForm).getByRole('button', { name: 'Add funnel' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Add a funnel' })).toBeNull());

    await waitFor(() =>
      expect(writes(calls)).toEqual([
        { method: 'POST', url: '/api/sites/shop.example/goals', body: { event_name: 'Purchase', currency: 'USD' } },
        { method: 'POST', url: '/api/sites/shop.example/goals', body: { event_name: '404' } },
        { method: 'POST', url: '/api/sites/shop.example/goals', body: { page_path: '/docs' } },
        { method: 'POST', url: '/api/sites/shop.example/funnels', body: { name: 'Signup path', steps: ['2', '1'], strict_order: true } },
      ]),
    );
  });

  it('renames, and deletes only after confirmation; shows the API error in words', async () => {
    const calls = renderSettings({
      mutate: (call) => (call.method === 'PUT' ? { status: 400, body: { error: 'display_name: "Visit /pricing" has already been taken' } } : { status: 204, body: null }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Rename Signup' }));
    fireEvent.change(screen.getByLabelText('Display name of Signup'), { target: { value: 'Visit /pricing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('display_name: "Visit /pricing" has already been taken');

    fireEvent.click(screen.getByRole('button', { name: 'Delete Visit /pricing' }));
    expect(writes(calls).filter((c) => c.method === 'DELETE')).toEqual([]);
    fireEvent.click(within(screen.getByRole('group', { name: 'Delete Visit /pricing?' })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(writes(calls).filter((c) => c.method === 'DELETE')).toEqual([{ method: 'DELETE', url: '/api/sites/shop.example/goals/2', body: undefined }]));
  });

  it('is read-only for a viewer of the site (rules for other teams do not count)', async () => {
    renderSettings({ rules: VIEWER_RULES });
    expect(await screen.findByText(/only its editors and admins can change them/)).toBeTruthy();
    await screen.findByRole('list', { name: 'Goals' });
    expect(screen.queryByRole('button', { name: 'Add goal' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete / })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add funnel' })).toBeNull();
  });

  it('turns read-only when the server refuses a change with 403', async () => {
    renderSettings({ mutate: () => ({ status: 403, body: { error: 'You may not create Goal of shop.example' } }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Add goal 404' }));
    expect(await screen.findByText(/only its editors and admins can change them/, { selector: '[role=status]' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Add goal' })).toBeNull());
  });
});
