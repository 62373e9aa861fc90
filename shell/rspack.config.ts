/**
 * The shell: a Module Federation host with no static remotes. Plugin UIs are registered at run
 * time from `GET /api/plugins` (see src/plugins/federation.ts). React, react-dom and the UI half
 * of the sdk are eager singletons here; remotes declare them `import: false` and use ours.
 *
 *   npx rspack build --config shell/rspack.config.ts   -> shell/dist (served by core at `/`)
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@rspack/cli';
import { rspack, type Compiler, type Configuration, type RuleSetRule } from '@rspack/core';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import { PrecompressAssetsPlugin } from '@qusto/sdk/build';
import { worldShapesAsset } from './build/world-shapes.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };
/** The world map's countries, projected here once instead of in every browser. */
const worldShapes = worldShapesAsset();
/** Constants the shell's code (and preload.ts) is built with. */
const defines = {
  __QUSTO_SHELL_VERSION__: JSON.stringify(pkg.version),
  __QUSTO_WORLD_SHAPES_URL__: JSON.stringify(`/${worldShapes.file}`),
};

/** Gzipped JavaScript a first visit downloads before the dashboard can render. */
export const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

/**
 * Prints the initial JS (the preload script, the entry and the bootstrap chunk behind the
 * federation async boundary) and the lazy chunks, gzipped, and fails the build when the initial
 * JS is over budget.
 */
class SizeReportPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('QustoSizeReport', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'QustoSizeReport', stage: rspack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const gz = (file: string) => gzipSync(compilation.getAsset(file)!.source.buffer(), { level: 9 }).length;
        const js = (files: Iterable<string>) => [...files].filter((f) => f.endsWith('.js') && compilation.getAsset(f));
        const initial = new Set(
          js([...compilation.getAssets().filter((a) => a.info[PRELOAD_ASSET]).map((a) => a.name), ...(compilation.entrypoints.get('main')?.getFiles() ?? []), ...(compilation.namedChunkGroups.get('bootstrap')?.getFiles() ?? [])]),
        );
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

/** TypeScript and TSX through SWC. */
const typescript: RuleSetRule = {
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
};

/** Asset info flag of the preload script (the size report counts it as initial JS). */
const PRELOAD_ASSET = 'qustoPreload';
/** Lazy chunks whose files index.html lists for preload.ts, by chunk name (see src/preload.ts). */
const PRELOADABLE_CHUNKS = ['world-map', 'page-shared'];

/** src/preload.ts alone: no federation runtime and no React, so it is a few KB. */
function preloadScriptConfig(outputPath: string): Configuration {
  return {
    name: 'shell-preload',
    mode: 'production',
    context: here('.'),
    target: ['web', 'es2022'],
    entry: { preload: here('./src/preload.ts') },
    output: { path: outputPath, publicPath: '/', filename: '[name].[contenthash:8].js', clean: true },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [typescript] },
    plugins: [new rspack.DefinePlugin(defines)],
    devtool: false,
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

async function buildPreloadScript(): Promise<{ file: string; source: Buffer; dependencies: string[] }> {
  const outputPath = await mkdtemp(path.join(os.tmpdir(), 'qusto-preload-'));
  try {
    const compiler = rspack(preloadScriptConfig(outputPath));
    const stats = await new Promise<NonNullable<Parameters<Parameters<typeof compiler.run>[0]>[1]>>((resolve, reject) =>
      compiler.run((error, result) => compiler.close(() => (error || !result ? reject(error ?? new Error('no stats')) : resolve(result)))),
    );
    if (stats.hasErrors()) throw new Error(`src/preload.ts did not build:\n${stats.toString({ all: false, errors: true })}`);
    const file = Object.keys(stats.compilation.assets).find((name) => name.endsWith('.js'));
    if (!file) throw new Error('src/preload.ts built no JavaScript');
    return { file, source: await readFile(path.join(outputPath, file)), dependencies: [...stats.compilation.fileDependencies] };
  } finally {
    await rm(outputPath, { recursive: true, force: true });
  }
}

/**
 * The page's first script, preload.ts, built on its own (an entry of this build would carry the
 * federation runtime and the eager shared React, ~100 KB gzipped): it starts a dashboard's
 * requests while the app's bundle downloads. index.html gets it first in its head, deferred
 * (deferred scripts run in order, so it always runs before main), and a JSON block (data, not
 * a script: the CSP allows no inline scripts) naming the files of the lazy chunks it may preload.
 */
class PreloadScriptPlugin {
  apply(compiler: Compiler): void {
    let script: Awaited<ReturnType<typeof buildPreloadScript>> | null = null;
    compiler.hooks.beforeCompile.tapPromise('QustoPreloadScript', async () => {
      script = await buildPreloadScript();
    });
    compiler.hooks.thisCompilation.tap('QustoPreloadScript', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'QustoPreloadScript', stage: rspack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        if (!script) return;
        compilation.emitAsset(script.file, new rspack.sources.RawSource(script.source), { immutable: true, [PRELOAD_ASSET]: true });
        for (const file of script.dependencies) compilation.fileDependencies.add(file);
      });
      // In the head, ahead of everything else: the browser requests it first.
      rspack.HtmlRspackPlugin.getCompilationHooks(compilation).alterAssetTagGroups.tapPromise('QustoPreloadScript', async (data) => {
        if (!script) return data;
        const chunks = Object.fromEntries(
          PRELOADABLE_CHUNKS.map((name) => [name, (compilation.namedChunkGroups.get(name)?.getFiles() ?? []).filter((file) => file.endsWith('.js')).map((file) => `${data.publicPath}${file}`)]),
        );
        data.headTags.unshift(
          // Read by src/first-requests.ts (CHUNKS_ELEMENT_ID).
          { tagName: 'script', voidTag: false, attributes: { type: 'application/json', id: 'qusto-chunks' }, innerHTML: JSON.stringify(chunks).replace(/</g, '\\u003c') },
          { tagName: 'script', voidTag: false, attributes: { defer: true, src: `${data.publicPath}${script.file}` } },
        );
        return data;
      });
    });
  }
}

/** Adds a file made outside the module graph (the world map's shapes) to the output. */
class EmitAssetPlugin {
  constructor(
    private readonly file: string,
    private readonly source: string,
  ) {}

  apply(compiler: Compiler): void {
    compiler.hooks.thisCompilation.tap('QustoEmitAsset', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'QustoEmitAsset', stage: rspack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset(this.file, new rspack.sources.RawSource(this.source), { immutable: true });
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
      typescript,
      // Rspack 2: CSS needs an explicit rule. Tailwind runs through postcss.config.mjs at the root.
      { test: /\.css$/, use: ['postcss-loader'], type: 'css/auto' },
    ],
  },
  plugins: [
    new SizeReportPlugin(),
    new PreloadBootstrapPlugin(),
    new PreloadScriptPlugin(),
    new rspack.HtmlRspackPlugin({ template: here('./index.html'), inject: 'body' }),
    new PrecompressAssetsPlugin(),
    new rspack.DefinePlugin(defines),
    new EmitAssetPlugin(worldShapes.file, worldShapes.source),
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
