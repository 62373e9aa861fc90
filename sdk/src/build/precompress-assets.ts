import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Compiler } from '@rspack/core';

const COMPRESSIBLE = /\.(js|css|html|json|svg|map)$/;
/** Below this, the headers of a compressed answer outweigh the bytes saved. */
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` and `<file>.gz` beside every text asset at build time, at the strongest
 * levels (no CPU spent per request). Core serves them with `@fastify/static`'s `preCompressed`
 * to browsers that accept them: the shell's ~610 KB of JS goes out as ~150 KB.
 */
export class PrecompressAssetsPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('QustoPrecompress', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'QustoPrecompress', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, () => {
        for (const asset of compilation.getAssets()) {
          if (!COMPRESSIBLE.test(asset.name)) continue;
          const content = asset.source.buffer();
          if (content.length < MIN_BYTES) continue;
          const brotli = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
          compilation.emitAsset(`${asset.name}.br`, new sources.RawSource(brotli));
          compilation.emitAsset(`${asset.name}.gz`, new sources.RawSource(gzipSync(content, { level: 9 })));
        }
      });
    });
  }
}
