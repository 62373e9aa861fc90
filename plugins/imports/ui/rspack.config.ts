/**
 * The imports plugin's UI: a Module Federation remote, built alone into plugins/imports/ui/dist
 * and served by core at /plugins/imports/ui/. The shell renders `./ImportsPanel` in a site's
 * settings (slot `site.settings`, page `/<domain>/settings/imports`).
 *
 *   npx rspack build --config plugins/imports/ui/rspack.config.ts
 */
import tailwindcss from '@tailwindcss/postcss';
import { definePluginUiConfig, scopePluginCss } from '@qusto/sdk/build';

export default definePluginUiConfig({
  plugin: 'imports',
  remote: 'imports',
  exposes: { './ImportsPanel': './src/ImportsPanel.tsx' },
  configUrl: import.meta.url,
  postcssPlugins: [tailwindcss(), scopePluginCss('imports')],
});
