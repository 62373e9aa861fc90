/**
 * The goals plugin's UI: a Module Federation remote, built alone into plugins/goals/ui/dist and
 * served by core at /plugins/goals/ui/. The shell finds it through mf-manifest.json.
 *
 *   npx rspack build --config plugins/goals/ui/rspack.config.ts
 *
 * `definePluginUiConfig` takes React, react-dom and @qusto/sdk/ui (and the MF runtime) from the
 * shell, so the remote never ships its own copy. A plugin outside this repo does the same.
 */
import tailwindcss from '@tailwindcss/postcss';
import { definePluginUiConfig, scopePluginCss } from '@qusto/sdk/build';

export default definePluginUiConfig({
  plugin: 'goals',
  remote: 'goals',
  exposes: { './GoalsPanel': './src/GoalsPanel.tsx', './FunnelsPanel': './src/FunnelsPanel.tsx', './GoalsSettings': './src/GoalsSettings.tsx' },
  configUrl: import.meta.url,
  // Tailwind, with the remote's utilities scoped to the shell's wrapper around its components.
  postcssPlugins: [tailwindcss(), scopePluginCss('goals')],
});
