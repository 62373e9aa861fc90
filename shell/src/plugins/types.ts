import type { SlotName } from '@qusto/sdk/ui';

/** One plugin's UI as `GET /api/plugins` describes it. */
export interface PluginUiListing {
  /** Module Federation name of the remote (`goals`). */
  remote: string;
  /** Where the remote's `mf-manifest.json` is served (`/plugins/goals/ui/mf-manifest.json`). */
  manifestUrl: string;
  /** Slot -> exposed module (`{ 'dashboard.panel': './GoalsPanel' }`). */
  slots: Partial<Record<SlotName, string>>;
}

/** One entry of `GET /api/plugins`. `ui` is null for a backend-only plugin. */
export interface PluginListing {
  name: string;
  version: string;
  ui: PluginUiListing | null;
}

/** One thing to render into a slot: a module one plugin's remote exposes. */
export interface SlotEntry {
  plugin: string;
  version: string;
  remote: string;
  /** As exposed: `./GoalsPanel`. */
  module: string;
}

export interface LoadModuleOptions {
  /** 0 on the first load; > 0 when the user pressed Retry after a failed load. */
  attempt: number;
}

/**
 * Where the shell gets plugins from. In the browser: `createFederationSource()` (the API and the
 * Module Federation runtime). In tests: any object with these two functions.
 */
export interface PluginSource {
  listPlugins(): Promise<PluginListing[]>;
  /** Resolves to the module (its `default` export is rendered) or rejects with the reason. */
  loadModule(entry: SlotEntry, options: LoadModuleOptions): Promise<unknown>;
}
