// Build of @qusto/tracker (rspack 2): one compiler per script variant plus the npm ESM
// build. `npm run build` (rspack build -c rspack.config.ts) writes:
//   dist/script*.js      the embeddable variants (IIFE, no webpack runtime, SWC-minified)
//   dist/npm/index.js    the npm package (ESM; .d.ts emitted by `tsc -p tsconfig.types.json`)
//   dist/sizes.json      raw and gzip -9 size (and content hash) of every variant
// It prints a size table and fails when dist/script.js is over 1,024 bytes gzipped.
// Env: QUSTO_VARIANTS=all builds every canonical combination instead of the default set;
// QUSTO_DIST and QUSTO_BUDGET override the output directory and the budget.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rspack, type Compiler, type Configuration, type RspackPluginInstance } from '@rspack/core';
import { allVariants, defaultVariants, EXTENSIONS, FLAGS, fileName, type Extension } from './src/variants.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.join(here, 'dist');
/** gzip -9 budget of the default script. */
export const BUDGET = 1024;

export interface VariantSize {
  extensions: Extension[];
  raw: number;
  gzip: number;
  /** sha256 of the file, first 16 hex digits: for versioned URLs and ETags. */
  hash: string;
}

const swc = {
  jsc: { parser: { syntax: 'typescript' as const }, target: 'es2020' as const },
};

/** Minifier options for the scripts: several compress passes, top-level mangling. */
const minimizerOptions = {
  ecma: 2020 as const,
  module: false,
  compress: { passes: 3, toplevel: true, unsafe_arrows: true, unsafe_methods: true, pure_getters: true, ecma: 2020 as const },
  mangle: { toplevel: true },
  format: { comments: false as const },
};

function define(on: readonly string[], npm: boolean) {
  const defs: Record<string, string> = { QUSTO_NPM: String(npm) };
  for (const e of EXTENSIONS) defs[FLAGS[e]] = String(npm || on.includes(e));
  return new rspack.DefinePlugin(defs);
}

function gzipSize(buf: Buffer): number {
  return gzipSync(buf, { level: 9 }).length;
}

/** Collects every variant's size; when all compilers reported, writes sizes.json and prints the table. */
class SizeReport {
  readonly sizes = new Map<string, VariantSize>();
  private pending: number;
  constructor(
    readonly expected: number,
    readonly dist: string,
    readonly budget: number,
    readonly quiet: boolean,
  ) {
    this.pending = expected;
  }

  plugin(file: string, extensions: Extension[]): RspackPluginInstance {
    return {
      apply: (compiler: Compiler) => {
        compiler.hooks.thisCompilation.tap('QustoSize', (compilation) => {
          compilation.hooks.processAssets.tap(
            { name: 'QustoSize', stage: compiler.rspack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
            (assets) => {
              const asset = assets[file];
              if (!asset) return;
              let code = asset.source().toString();
              // The IIFE's "use strict" directive: the code does not depend on strict mode
              // (no `this` outside methods, no sloppy-only syntax), so the bytes go.
              if (code.startsWith('(()=>{"use strict";')) {
                code = '(()=>{' + code.slice(19);
                compilation.updateAsset(file, new compiler.rspack.sources.RawSource(code));
              }
              const buf = Buffer.from(code);
              const size = {
                extensions,
                raw: buf.length,
                gzip: gzipSize(buf),
                hash: createHash('sha256').update(buf).digest('hex').slice(0, 16),
              };
              this.sizes.set(file, size);
              if (file == 'script.js' && size.gzip > this.budget) {
                compilation.errors.push(
                  new compiler.rspack.WebpackError(`script.js is ${size.gzip} bytes gzipped, over the ${this.budget}-byte budget`),
                );
              }
              if (/__webpack_require__|__webpack_modules__|webpackChunk/.test(buf.toString())) {
                compilation.errors.push(new compiler.rspack.WebpackError(`${file} contains webpack runtime code`));
              }
            },
          );
        });
        compiler.hooks.done.tap('QustoSize', () => {
          if (--this.pending == 0) this.finish();
        });
      },
    };
  }

  finish(): void {
    const rows = [...this.sizes.entries()].sort((a, b) => a[1].extensions.length - b[1].extensions.length || a[0].localeCompare(b[0]));
    mkdirSync(this.dist, { recursive: true });
    writeFileSync(path.join(this.dist, 'sizes.json'), JSON.stringify(Object.fromEntries(rows), null, 2) + '\n');
    if (this.quiet) return;
    // With every combination built (768 files) the table lists the single features and `all`.
    const shown = rows.length > 20 ? rows.filter(([f, s]) => s.extensions.length <= 1 || f === 'script.all.js') : rows;
    const w = Math.max(...shown.map(([f]) => f.length));
    const lines = [`${'variant'.padEnd(w)}  ${'raw'.padStart(6)}  ${'gzip -9'.padStart(7)}`];
    for (const [f, s] of shown) lines.push(`${f.padEnd(w)}  ${String(s.raw).padStart(6)}  ${String(s.gzip).padStart(7)}`);
    if (shown.length < rows.length) lines.push(`… and ${rows.length - shown.length} more combinations, listed in dist/sizes.json`);
    const main = this.sizes.get('script.js');
    if (main) lines.push(`budget: script.js ${main.gzip}/${this.budget} bytes gzipped${main.gzip > this.budget ? '  OVER BUDGET' : ''}`);
    console.log(lines.join('\n'));
  }
}

function scriptConfig(exts: Extension[], report: SizeReport): Configuration {
  const file = fileName(exts);
  return {
    name: file,
    mode: 'production',
    context: here,
    target: ['web', 'es2020'],
    entry: { [file]: './src/script.ts' },
    output: { path: report.dist, filename: file, iife: true, clean: false },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, loader: 'builtin:swc-loader', options: swc }] },
    plugins: [define(exts, false), report.plugin(file, exts)],
    devtool: false,
    // The size table says what was built; one line per variant would be 768 lines.
    stats: 'errors-warnings',
    performance: { hints: false },
    optimization: {
      minimize: true,
      minimizer: [new rspack.SwcJsMinimizerRspackPlugin({ minimizerOptions })],
      concatenateModules: true,
      runtimeChunk: false,
      splitChunks: false,
      sideEffects: true,
      usedExports: true,
    },
  };
}

/** Emits <dist>/npm/*.d.ts with tsc and points their relative imports at `.js`. */
const typesPlugin = (dir: string): RspackPluginInstance => ({
  apply(compiler: Compiler) {
    compiler.hooks.afterEmit.tap('QustoTypes', (compilation) => {
      const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
      const r = spawnSync(process.execPath, [tsc, '-p', path.join(here, 'tsconfig.types.json'), '--outDir', dir], { encoding: 'utf8' });
      if (r.status !== 0) {
        compilation.errors.push(new compiler.rspack.WebpackError(`tsc (declarations) failed:\n${r.stdout}${r.stderr}`));
        return;
      }
      for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!f.endsWith('.d.ts')) continue;
        const file = path.join(dir, f);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/(from '\.{1,2}\/[^']*)\.ts'/g, "$1.js'"));
      }
    });
  },
});

function npmConfig(dist: string): Configuration {
  return {
    name: 'npm',
    mode: 'production',
    context: here,
    target: ['web', 'es2020'],
    entry: { index: './src/index.ts' },
    output: {
      path: path.join(dist, 'npm'),
      filename: 'index.js',
      module: true,
      library: { type: 'modern-module' },
      clean: false,
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, loader: 'builtin:swc-loader', options: swc }] },
    plugins: [define([], true), typesPlugin(path.join(dist, 'npm'))],
    devtool: false,
    performance: { hints: false },
    // Readable output: the application's bundler minifies it.
    optimization: { minimize: false, concatenateModules: true, runtimeChunk: false, splitChunks: false },
  };
}

export interface BuildOptions {
  /** 'default' (the default set) or 'all' (every canonical combination). */
  variants?: 'default' | 'all';
  /** Output directory (default dist/). */
  dist?: string;
  /** gzip -9 budget of script.js (default 1,024). */
  budget?: number;
  quiet?: boolean;
}

/** The configs plus the report that fills <dist>/sizes.json. */
export function createConfigs(opts: BuildOptions = {}): { configs: Configuration[]; report: SizeReport } {
  const list = opts.variants == 'all' ? allVariants() : defaultVariants();
  const dist = opts.dist ?? DIST;
  const report = new SizeReport(list.length, dist, opts.budget ?? BUDGET, !!opts.quiet);
  return { configs: [...list.map((v) => scriptConfig(v, report)), npmConfig(dist)], report };
}

const env = process.env;
export default createConfigs({
  variants: env.QUSTO_VARIANTS == 'all' ? 'all' : 'default',
  dist: env.QUSTO_DIST ? path.resolve(env.QUSTO_DIST) : undefined,
  budget: env.QUSTO_BUDGET ? Number(env.QUSTO_BUDGET) : undefined,
}).configs;
