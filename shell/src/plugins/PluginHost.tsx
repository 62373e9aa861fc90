import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SlotName } from '@qusto/sdk/ui';
import type { PluginListing, PluginSource, SlotEntry } from './types.ts';

export type PluginListState =
  | { status: 'loading' }
  | { status: 'ready'; plugins: PluginListing[] }
  | { status: 'error'; error: Error };

export interface PluginHostValue {
  state: PluginListState;
  source: PluginSource;
  /** Fetch the plugin list again (after it failed). */
  reload(): void;
}

const PluginHostContext = createContext<PluginHostValue | null>(null);

/**
 * Loads the plugin list once and makes it available to every `<Slot>` below. The source is
 * injected: `createFederationSource()` in the browser, a plain object in tests.
 */
export function PluginHost({ source, children }: { source: PluginSource; children?: ReactNode }) {
  const [state, setState] = useState<PluginListState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    source.listPlugins().then(
      (plugins) => {
        if (!cancelled) setState({ status: 'ready', plugins });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', error: toError(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [source, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const value = useMemo(() => ({ state, source, reload }), [state, source, reload]);
  return <PluginHostContext.Provider value={value}>{children}</PluginHostContext.Provider>;
}

export function usePluginHost(): PluginHostValue {
  const value = useContext(PluginHostContext);
  if (!value) throw new Error('<Slot> and usePluginHost() need a <PluginHost> above them');
  return value;
}

/** What the plugins (in list order) render into `slot`. */
export function slotEntries(plugins: readonly PluginListing[], slot: SlotName): SlotEntry[] {
  const entries: SlotEntry[] = [];
  for (const plugin of plugins) {
    const module = plugin.ui?.slots[slot];
    if (plugin.ui && module) entries.push({ plugin: plugin.name, version: plugin.version, remote: plugin.ui.remote, module });
  }
  return entries;
}

export function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(typeof error === 'string' ? error : `Unknown error: ${String(error)}`);
}
