/**
 * The shell: a Module Federation host with no static remotes. Plugin UIs are registered at run
 * time from `GET /api/plugins` (see src/plugins/federation.ts). React, react-dom and the UI half
 * of the sdk are eager singletons here; remotes declare them `import: false` and use ours.
 *
 *   npx rspack build --config shell/rspack.config.ts   -> shell/dist (served by core at `/`)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@rspack/cli';
import { rspack } from '@rspack/core';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };

/** Shared with every plugin remote. Host side: bundled, eager, one copy for the page. */
const singleton = { singleton: true, eager: true } as const;

export default defineConfig({
  name: 'shell',
  mode: 'production',
  context: here('.'),
  entry: { main: here('./src/index.ts') },
  output: {
    path: here('./dist'),
    publicPath: '/',
    uniqueName: 'qusto_shell',
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
          jsc: {
            target: 'es2022',
            parser: { syntax: 'typescript', tsx: true },
            transform: { react: { runtime: 'automatic' } },
          },
        },
      },
      // Rspack 2: CSS needs an explicit rule. Tailwind runs through postcss.config.mjs at the root.
      { test: /\.css$/, use: ['postcss-loader'], type: 'css/auto' },
    ],
  },
  plugins: [
    new rspack.HtmlRspackPlugin({ template: here('./index.html'), inject: 'body' }),
    new rspack.DefinePlugin({ __QUSTO_SHELL_VERSION__: JSON.stringify(pkg.version) }),
    new ModuleFederationPlugin({
      name: 'shell',
      dts: false,
      manifest: false,
      shareStrategy: 'loaded-first',
      // Exposes the MF runtime core as a global, so remotes built with `externalRuntime` use
      // ours instead of bundling their own (remoteEntry.js drops from ~119 KB to ~52 KB).
      experiments: { provideExternalRuntime: true },
      shared: {
        react: { ...singleton, requiredVersion: '^19.0.0' },
        'react/jsx-runtime': { ...singleton, requiredVersion: '^19.0.0' },
        'react-dom': { ...singleton, requiredVersion: '^19.0.0' },
        'react-dom/client': { ...singleton, requiredVersion: '^19.0.0' },
        // One module, so one QustoUiContext object for the shell and every remote.
        '@qusto/sdk/ui': { ...singleton, requiredVersion: '^0.1.0' },
      },
    }),
  ],
  performance: { hints: false },
  stats: 'errors-warnings',
});
