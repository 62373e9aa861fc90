/** Build helpers for plugin UIs (rspack + Module Federation). Import from `@qusto/sdk/build`. */
export { SHARED_MODULES } from './shared-modules.ts';
export { definePluginUiConfig, type PluginUiConfigOptions } from './plugin-ui-config.ts';
export { scopePluginCss } from './scope-plugin-css.ts';
export { PrecompressAssetsPlugin } from './precompress-assets.ts';
