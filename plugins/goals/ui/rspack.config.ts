/**
 * The goals plugin's UI: a Module Federation remote, built alone into plugins/goals/ui/dist and
 * served by core at /plugins/goals/ui/. The shell finds it through mf-manifest.json.
 *
 *   npx rspack build --config plugins/goals/ui/rspack.config.ts
 *
 * React, react-dom and @qusto/sdk/ui come from the shell (`import: false`): this remote never
 * ships its own copy, so hooks and QustoUiContext are the host's. So does the MF runtime core
 * (`externalRuntime`). A plugin built outside this repo copies this file; it needs the same
 * @module-federation/enhanced major as the shell.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@rspack/cli';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** Provided by the host only. */
const fromHost = { singleton: true, import: false } as const;

export default defineConfig({
  name: 'plugin-goals-ui',
  mode: 'production',
  context: here('.'),
  entry: {},
  output: {
    path: here('./dist'),
    publicPath: 'auto',
    uniqueName: 'qusto_plugin_goals',
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
      { test: /\.css$/, use: ['postcss-loader'], type: 'css/auto' },
    ],
  },
  plugins: [
    new ModuleFederationPlugin({
      name: 'goals',
      filename: 'remoteEntry.js',
      manifest: true,
      dts: false,
      // Use the shell's MF runtime core (it builds with provideExternalRuntime) instead of
      // bundling a second copy: remoteEntry.js is ~52 KB instead of ~119 KB.
      experiments: { externalRuntime: true },
      exposes: { './GoalsPanel': './src/GoalsPanel.tsx' },
      shared: {
        react: { ...fromHost, requiredVersion: '^19.0.0' },
        'react/jsx-runtime': { ...fromHost, requiredVersion: '^19.0.0' },
        'react-dom': { ...fromHost, requiredVersion: '^19.0.0' },
        '@qusto/sdk/ui': { ...fromHost, requiredVersion: '^0.1.0' },
      },
    }),
  ],
  performance: { hints: false },
  stats: 'errors-warnings',
});
