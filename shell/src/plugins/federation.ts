/**
 * The browser's PluginSource: `GET /api/plugins`, then the Module Federation runtime
 * (registerRemotes with each manifest URL, loadRemote per exposed module).
 */
import { createInstance, getInstance, type ModuleFederation } from '@module-federation/enhanced/runtime';
import { createQustoClient, type QustoClient } from '@qusto/sdk';
import type { PluginListing, PluginSource, PluginUiListing, SlotEntry } from './types.ts';

export interface FederationSourceOptions {
  /** API client; default: same-origin `createQustoClient()`. */
  api?: QustoClient;
  /** MF runtime instance; default: the one the shell's build plugin created (`name: 'shell'`). */
  federation?: ModuleFederation;
  /** A remote that neither loads nor fails within this time counts as failed. Default 30 s. */
  timeoutMs?: number;
}

export function createFederationSource(options: FederationSourceOptions = {}): PluginSource {
  const api = options.api ?? createQustoClient();
  const timeoutMs = options.timeoutMs ?? 30_000;
  let mf: ModuleFederation | undefined = options.federation;
  const federation = (): ModuleFederation => (mf ??= getInstance() ?? createInstance({ name: 'shell', remotes: [] }));
  /** remote name -> absolute manifest URL, as registered. */
  const entries = new Map<string, string>();

  return {
    async listPlugins() {
      const body = await api.get<{ plugins?: unknown }>('/api/plugins');
      const plugins = parseListing(body?.plugins);
      const remotes = plugins
        .filter((plugin): plugin is PluginListing & { ui: PluginUiListing } => plugin.ui !== null)
        .map((plugin) => ({ name: plugin.ui.remote, entry: absoluteUrl(plugin.ui.manifestUrl) }));
      for (const remote of remotes) entries.set(remote.name, remote.entry);
      if (remotes.length > 0) federation().registerRemotes(remotes);
      return plugins;
    },

    async loadModule(entry: SlotEntry, { attempt }) {
      const instance = federation();
      const manifest = entries.get(entry.remote);
      // After a failed load the runtime caches the failure (manifest, remoteEntry script);
      // re-registering with force drops those caches so Retry really fetches again.
      if (attempt > 0 && manifest) instance.registerRemotes([{ name: entry.remote, entry: manifest }], { force: true });
      const id = `${entry.remote}/${entry.module.replace(/^\.\//, '')}`;
      let loaded: unknown;
      try {
        loaded = await withTimeout(instance.loadRemote<unknown>(id), timeoutMs, `Timed out after ${timeoutMs / 1000} s loading ${id}`);
      } catch (error) {
        throw await explain(error, manifest);
      }
      if (loaded === null || loaded === undefined) throw new Error(`${id} could not be loaded (the remote returned nothing)`);
      return loaded;
    },
  };
}

/**
 * The runtime reports a missing manifest as "not a valid Module Federation manifest"; ask the
 * server directly so the card can say "HTTP 404" instead. Other errors keep their message,
 * minus the runtime's "[ Federation Runtime ]: " prefix.
 */
async function explain(error: unknown, manifestUrl: string | undefined): Promise<Error> {
  const original = error instanceof Error ? error : new Error(String(error));
  if (manifestUrl && /manifest/i.test(original.message)) {
    try {
      const response = await fetch(manifestUrl, { cache: 'no-store' });
      if (!response.ok) {
        const path = new URL(manifestUrl).pathname;
        return new Error(`${path} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}\n\n${original.message}`, { cause: original });
      }
    } catch (fetchError) {
      return new Error(`${manifestUrl} could not be fetched: ${String(fetchError)}\n\n${original.message}`, { cause: original });
    }
  }
  const message = original.message.replace(/^\s*\[ Federation Runtime \]:?\s*/, '');
  return message === original.message ? original : new Error(message, { cause: original });
}

function absoluteUrl(url: string): string {
  return typeof window === 'undefined' ? url : new URL(url, window.location.href).href;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Keeps well-formed entries; a malformed one is reported and left out, not fatal. */
export function parseListing(value: unknown): PluginListing[] {
  if (!Array.isArray(value)) throw new Error('GET /api/plugins did not return a `plugins` list');
  const plugins: PluginListing[] = [];
  for (const item of value) {
    const plugin = item as Partial<PluginListing> | null;
    if (!plugin || typeof plugin.name !== 'string' || typeof plugin.version !== 'string') {
      console.warn('Qusto: ignoring a malformed entry in /api/plugins', item);
      continue;
    }
    const ui = plugin.ui as Partial<PluginUiListing> | null | undefined;
    const uiOk = ui && typeof ui.remote === 'string' && typeof ui.manifestUrl === 'string' && ui.slots && typeof ui.slots === 'object';
    if (ui && !uiOk) console.warn(`Qusto: plugin ${plugin.name} has a malformed ui entry; its UI is skipped`, ui);
    plugins.push({ name: plugin.name, version: plugin.version, ui: uiOk ? (ui as PluginUiListing) : null });
  }
  return plugins;
}
