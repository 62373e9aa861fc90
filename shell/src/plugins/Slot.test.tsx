import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SlotProps } from '@qusto/sdk/ui';
import { PluginHost } from './PluginHost.tsx';
import { Slot } from './Slot.tsx';
import type { PluginListing, PluginSource, PluginUiListing, SlotEntry } from './types.ts';

// Error boundaries log what they catch; keep the test output readable.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function plugin(name: string, slots: PluginUiListing['slots']): PluginListing {
  return { name, version: '1.0.0', ui: { remote: name, manifestUrl: `/plugins/${name}/ui/mf-manifest.json`, slots } };
}

const site = { id: 'example.com', domain: 'example.com', timezone: 'UTC' };

function Panel({ label }: { label: string }) {
  return function PanelComponent({ site: s }: SlotProps) {
    return <p>{`${label} for ${s?.domain ?? 'no site'}`}</p>;
  };
}

function Boom(): never {
  throw new Error('panel exploded');
}

/** A source whose modules are given per remote: a component, an Error (rejects) or a promise. */
function source(plugins: PluginListing[], modules: Record<string, unknown>): PluginSource & { loadModule: ReturnType<typeof vi.fn> } {
  return {
    listPlugins: vi.fn(async () => plugins),
    loadModule: vi.fn(async (entry: SlotEntry) => {
      const mod = modules[entry.remote];
      if (mod instanceof Error) throw mod;
      return await mod;
    }),
  };
}

function renderHost(src: PluginSource) {
  return render(
    <PluginHost source={src}>
      <header>
        <h1>example.com</h1>
      </header>
      <section aria-label="panels">
        <Slot name="dashboard.panel" props={{ site }} fallback={<p>No panels</p>} />
      </section>
      <section aria-label="settings">
        <Slot name="site.settings" props={{ site }} fallback={<p>No settings</p>} />
      </section>
    </PluginHost>,
  );
}

describe('<Slot>', () => {
  it('deferred: a skeleton in each plugin’s place, its code not loaded until the slot may load it', async () => {
    const src = source([plugin('goals', { 'dashboard.panel': './GoalsPanel' })], { goals: { default: Panel({ label: 'Goals' }) } });
    const view = (defer: boolean) => (
      <PluginHost source={src}>
        <Slot name="dashboard.panel" props={{ site }} defer={defer} />
      </PluginHost>
    );
    const { rerender } = render(view(true));
    expect(await screen.findByRole('status', { name: 'Loading the goals plugin' })).toBeTruthy();
    expect(src.loadModule).not.toHaveBeenCalled();
    rerender(view(false));
    expect(await screen.findByText('Goals for example.com')).toBeTruthy();
    expect(src.loadModule).toHaveBeenCalledTimes(1);
  });

  it('renders the default export of each plugin module for the slot, with the slot props', async () => {
    const src = source(
      [plugin('goals', { 'dashboard.panel': './GoalsPanel', 'site.settings': './GoalsSettings' }), plugin('funnels', { 'dashboard.panel': './Funnels' }), { name: 'billing', version: '1.0.0', ui: null }],
      { goals: { default: Panel({ label: 'Goals' }) }, funnels: { default: Panel({ label: 'Funnels' }) } },
    );
    renderHost(src);

    const panels = within(screen.getByRole('region', { name: 'panels' }));
    expect(await panels.findByText('Goals for example.com')).toBeTruthy();
    expect(await panels.findByText('Funnels for example.com')).toBeTruthy();
    // In list order, one wrapper per plugin.
    expect(panels.getAllByText(/for example\.com$/).map((p) => p.textContent)).toEqual(['Goals for example.com', 'Funnels for example.com']);
    // The same plugin renders into another slot too; each slot asks for its own module.
    const settings = within(screen.getByRole('region', { name: 'settings' }));
    expect(await settings.findByText('Goals for example.com')).toBeTruthy();
    const requested = src.loadModule.mock.calls.map(([entry]) => `${(entry as SlotEntry).remote}/${(entry as SlotEntry).module}`);
    expect(requested.sort()).toEqual(['funnels/./Funnels', 'goals/./GoalsPanel', 'goals/./GoalsSettings']);
  });

  it('renders each plugin component inside [data-qusto-plugin=<name>], and the shell cards outside it', async () => {
    renderHost(
      source([plugin('goals', { 'dashboard.panel': './GoalsPanel' }), plugin('broken', { 'dashboard.panel': './Panel' })], {
        goals: { default: Panel({ label: 'Goals' }) },
        broken: new Error('nope'),
      }),
    );
    const rendered = await screen.findByText('Goals for example.com');
    expect(rendered.closest('[data-qusto-plugin]')?.getAttribute('data-qusto-plugin')).toBe('goals');
    const alert = await screen.findByRole('alert');
    expect(alert.closest('[data-qusto-plugin]')).toBeNull();
  });

  it('shows a skeleton while a module loads', async () => {
    let resolve!: (mod: unknown) => void;
    const pending = new Promise((r) => (resolve = r));
    renderHost(source([plugin('goals', { 'dashboard.panel': './GoalsPanel' })], { goals: pending }));

    expect(await screen.findByRole('status', { name: 'Loading the goals plugin' })).toBeTruthy();
    resolve({ default: Panel({ label: 'Goals' }) });
    expect(await screen.findByText('Goals for example.com')).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'Loading the goals plugin' })).toBeNull();
  });

  it('shows an inline error naming the plugin and the reason when loading rejects; other plugins and slots still render', async () => {
    const src = source(
      [plugin('broken', { 'dashboard.panel': './Panel' }), plugin('goals', { 'dashboard.panel': './GoalsPanel' }), plugin('settings', { 'site.settings': './Settings' })],
      {
        broken: new Error('/plugins/broken/ui/mf-manifest.json answered HTTP 404 Not Found'),
        goals: { default: Panel({ label: 'Goals' }) },
        settings: { default: Panel({ label: 'Settings' }) },
      },
    );
    renderHost(src);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The broken plugin could not be loaded');
    expect(alert.textContent).toContain('HTTP 404 Not Found');
    expect(await screen.findByText('Goals for example.com')).toBeTruthy();
    expect(await screen.findByText('Settings for example.com')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'example.com' })).toBeTruthy();
  });

  it('shows an inline error when the component throws while rendering; the rest keeps working', async () => {
    renderHost(
      source([plugin('crashy', { 'dashboard.panel': './Panel' }), plugin('goals', { 'dashboard.panel': './GoalsPanel' })], {
        crashy: { default: Boom },
        goals: { default: Panel({ label: 'Goals' }) },
      }),
    );

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The crashy plugin stopped working');
    expect(alert.textContent).toContain('panel exploded');
    expect(await screen.findByText('Goals for example.com')).toBeTruthy();
    expect(screen.getByText('No settings')).toBeTruthy();
  });

  it('reports a module without a component as its default export', async () => {
    renderHost(source([plugin('odd', { 'dashboard.panel': './Panel' })], { odd: { default: 42 } }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('odd/Panel has no React component as its default export');
  });

  it('Retry loads the module again', async () => {
    const src = source([plugin('goals', { 'dashboard.panel': './GoalsPanel' })], { goals: new Error('Failed to load script resources') });
    renderHost(src);
    await screen.findByRole('alert');

    src.loadModule.mockImplementation(async () => ({ default: Panel({ label: 'Goals' }) }));
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('Goals for example.com')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(src.loadModule.mock.calls.map(([, options]) => (options as { attempt: number }).attempt)).toEqual([0, 1]);
  });

  it('renders the fallback when no plugin contributes to the slot', async () => {
    renderHost(source([plugin('goals', { 'site.settings': './GoalsSettings' })], { goals: { default: Panel({ label: 'Goals' }) } }));
    expect(await screen.findByText('No panels')).toBeTruthy();
    expect(await screen.findByText('Goals for example.com')).toBeTruthy();
  });

  it('shows an error with Retry when the plugin list cannot be fetched, and recovers', async () => {
    const src = source([plugin('goals', { 'dashboard.panel': './GoalsPanel' })], { goals: { default: Panel({ label: 'Goals' }) } });
    src.listPlugins = vi.fn().mockRejectedValueOnce(new Error('GET /api/plugins failed with 502')).mockResolvedValue([plugin('goals', { 'dashboard.panel': './GoalsPanel' })]);
    renderHost(src);

    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]!.textContent).toContain('Plugins could not be listed');
    expect(alerts[0]!.textContent).toContain('GET /api/plugins failed with 502');
    fireEvent.click(screen.getAllByRole('button', { name: 'Retry' })[0]!);
    await waitFor(() => expect(screen.queryAllByRole('alert')).toHaveLength(0));
    expect(await screen.findByText('Goals for example.com')).toBeTruthy();
  });
  it('renders only the named plugin’s entry when `plugin` is given, and the fallback when it has none', async () => {
    const src = source(
      [plugin('goals', { 'site.settings': './GoalsSettings' }), plugin('funnels', { 'site.settings': './FunnelSettings' })],
      { goals: { default: Panel({ label: 'Goals' }) }, funnels: { default: Panel({ label: 'Funnels' }) } },
    );
    render(
      <PluginHost source={src}>
        <Slot name="site.settings" plugin="funnels" props={{ site }} />
        <Slot name="site.settings" plugin="billing" props={{ site }} fallback={<p>No billing settings</p>} />
      </PluginHost>,
    );
    expect(await screen.findByText('Funnels for example.com')).toBeTruthy();
    expect(await screen.findByText('No billing settings')).toBeTruthy();
    expect(screen.queryByText('Goals for example.com')).toBeNull();
    expect(src.loadModule.mock.calls.map(([entry]) => (entry as SlotEntry).plugin)).toEqual(['funnels']);
  });
});
