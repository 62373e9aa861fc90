import { fileURLToPath } from 'node:url';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import type { Configuration } from '@rspack/core';
import { PrecompressAssetsPlugin } from './precompress-assets.ts';
import { SHARED_MODULES } from './shared-modules.ts';

export interface PluginUiConfigOptions {
  /** The plugin's name (as in definePlugin); names the build. */
  plugin: string;
  /** Module Federation name of the remote: `ui.remote` in definePlugin. */
  remote: string;
  /** Modules the remote exposes, e.g. `{ './GoalsPanel': './src/GoalsPanel.tsx' }`. */
  exposes: Record<string, string>;
  /** The UI folder's URL: pass `import.meta.url` of the config file. */
  configUrl: string;
  /**
   * PostCSS plugins for the remote's CSS, e.g. `[tailwindcss(), scopePluginCss('goals')]`.
   * Given here (not in a postcss.config file) so TypeScript helpers work in them.
   */
  postcssPlugins?: unknown[];
}

/**
 * The rspack configuration of a plugin UI remote, as core serves it at `/plugins/<name>/ui/`:
 * `mf-manifest.json` + `remoteEntry.js` + content-hashed chunks in `dist/`, React, react-dom
 * and `@qusto/sdk/ui` taken from the shell, the MF runtime core taken from the shell too.
 * CSS goes through `postcssPlugins` (see `scopePluginCss`).
 */
export function definePluginUiConfig(options: PluginUiConfigOptions): Configuration {
  const here = (p: string) => fileURLToPath(new URL(p, options.configUrl));
  const shared = Object.fromEntries(
    Object.entries(SHARED_MODULES).map(([name, requiredVersion]) => [name, { singleton: true, import: false as const, requiredVersion }]),
  );
  return {
    name: `plugin-${options.plugin}-ui`,
    mode: 'production',
    context: here('.'),
    entry: {},
    output: {
      path: here('./dist'),
      publicPath: 'auto',
      uniqueName: `qusto_plugin_${options.remote}`,
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      cssFilename: '[name].[contenthash:8].css',
      cssChunkFilename: '[name].[contenthash:8].css',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'builtin:swc-loader',
          type: 'javascript/auto',
          options: {
            jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } },
          },
        },
        {
          test: /\.css$/,
          use: [{ loader: 'postcss-loader', options: { postcssOptions: { config: false, plugins: options.postcssPlugins ?? [] } } }],
          type: 'css/auto',
        },
      ],
    },
    plugins: [
      new ModuleFederationPlugin({
        name: options.remote,
        filename: 'remoteEntry.js',
        manifest: true,
        dts: false,
        // The shell provides the MF runtime core: remoteEntry.js is ~52 KB instead of ~119 KB.
        experiments: { externalRuntime: true },
        exposes: options.exposes,
        shared,
      }),
      new PrecompressAssetsPlugin(),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}
