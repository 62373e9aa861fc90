/**
 * The shell: a Module Federation host with no static remotes. Plugin UIs are registered at run
 * time from `GET /api/plugins` (see src/plugins/federation.ts). React, react-dom and the UI half
 * of the sdk are eager singletons here; remotes declare them `import: false` and use ours.
 *
 *   npx rspack build --config shell/rspack.config.ts   -> shell/dist (served by core at `/`)
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@rspack/cli';
import { rspack, type Compiler } from '@rspack/core';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import { PrecompressAssetsPlugin } from '@qusto/sdk/build';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };

/** Gzipped JavaScript a first visit downloads before the dashboard can render. */
export const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

/**
 * Prints the initial JS (entry + the bootstrap chunk behind the federation async boundary) and
 * the lazy chunks, gzipped, and fails the build when the initial JS is over budget.
 */
class SizeReportPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('QustoSizeReport', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'QustoSizeReport', stage: rspack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const gz = (file: string) => gzipSync(compilation.getAsset(file)!.source.buffer(), { level: 9 }).length;
        const js = (files: Iterable<string>) => [...files].filter((f) => f.endsWith('.js') && compilation.getAsset(f));
        const initial = new Set(js([...(compilation.entrypoints.get('main')?.getFiles() ?? []), ...(compilation.namedChunkGroups.get('bootstrap')?.getFiles() ?? [])]));
        const lazy = js(compilation.getAssets().map((a) => a.name)).filter((f) => !initial.has(f));
        const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
        const total = [...initial].reduce((sum, f) => sum + gz(f), 0);
        const lines = [
          `shell: initial JS ${kb(total)} gzipped (budget ${kb(INITIAL_JS_BUDGET_BYTES)})`,
          ...[...initial].map((f) => `  initial ${f.padEnd(28)} ${kb(gz(f)).padStart(9)}`),
          ...lazy.map((f) => `  lazy    ${f.padEnd(28)} ${kb(gz(f)).padStart(9)}`),
        ];
        console.log(lines.join('\n'));
        if (total > INITIAL_JS_BUDGET_BYTES) {
          compilation.errors.push(new rspack.WebpackError(`The shell's initial JS is ${kb(total)} gzipped, over its ${kb(INITIAL_JS_BUDGET_BYTES)} budget: load more of it lazily.`));
        }
      });
    });
  }
}

/**
 * The bootstrap chunk (behind the federation async boundary) and its CSS are needed for the first
 * render; preload hints let the browser fetch them alongside main.js instead of after it runs.
 */
class PreloadBootstrapPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('QustoPreloadBootstrap', (compilation) => {
      rspack.HtmlRspackPlugin.getCompilationHooks(compilation).beforeEmit.tapPromise('QustoPreloadBootstrap', async (data) => {
        const files = new Set([...(compilation.entrypoints.get('main')?.getFiles() ?? []), ...(compilation.namedChunkGroups.get('bootstrap')?.getFiles() ?? [])]);
        const publicPath = '/';
        const links = [...files]
          .filter((file) => !data.html.includes(`${publicPath}${file}"`))
          .map((file) => (file.endsWith('.css') ? `<link rel="preload" as="style" href="${publicPath}${file}">` : file.endsWith('.js') ? `<link rel="preload" as="script" href="${publicPath}${file}">` : ''))
          .join('');
        data.html = data.html.replace('</head>', `${links}</head>`);
        return data;
      });
    });
  }
}

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
    new SizeReportPlugin(),
    new PreloadBootstrapPlugin(),
    new rspack.HtmlRspackPlugin({ template: here('./index.html'), inject: 'body' }),
    new PrecompressAssetsPlugin(),
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
