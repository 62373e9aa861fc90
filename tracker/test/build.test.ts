// The build: sizes and budget, plain IIFE output, variant contents, and the variant
// name helpers core uses to map /js/*.js requests to files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGET, DIST, type VariantSize } from '../rspack.config.ts';
import { allVariants, canonical, defaultVariants, fileName, variantFile } from '../src/variants.ts';
import { ensureBuilt } from './support/build.ts';

let sizes: Record<string, VariantSize>;
const read = (f: string) => readFileSync(path.join(DIST, f), 'utf8');

beforeAll(async () => {
  await ensureBuilt();
  sizes = JSON.parse(read('sizes.json')) as Record<string, VariantSize>;
});

describe('output', () => {
  it('lists every built variant in sizes.json with its raw and gzip -9 size', () => {
    const files = defaultVariants().map(fileName);
    expect(Object.keys(sizes).sort()).toEqual([...files].sort());
    for (const f of files) {
      const buf = readFileSync(path.join(DIST, f));
      expect(sizes[f]).toMatchObject({ raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
      expect(sizes[f]!.hash).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it(`keeps script.js within ${BUDGET} bytes gzipped`, () => {
    expect(sizes['script.js']!.gzip).toBeLessThanOrEqual(BUDGET);
  });

  it('emits a bare IIFE: no webpack runtime, no comments, no strict-mode prologue', () => {
    for (const f of Object.keys(sizes)) {
      const code = read(f);
      expect(code.startsWith('(()=>{')).toBe(true);
      expect(code.trimEnd().endsWith('})();')).toBe(true);
      expect(code).not.toMatch(/__webpack_|webpackChunk|\/\*|"use strict"/);
    }
  });

  it('compiles optional features out of the default script', () => {
    const code = read('script.js');
    for (const s of ['hashchange', 'Outbound', 'File Download', 'Form: Submission', 'event-', 'responseStatus', 'qusto-event', 'h=1', 'transformRequest']) {
      expect(code).not.toContain(s);
    }
    expect(read('script.hash.js')).toContain('hashchange');
    expect(read('script.outbound-links.js')).toContain('Outbound Link: Click');
    expect(read('script.outbound-links.js')).not.toContain('File Download');
    expect(read('script.all.js')).not.toContain('hashchange');
    expect(read('script.local.js')).not.toContain('webdriver');
    expect(read('script.manual.js')).not.toContain('pushState');
  });

  it('ships the npm package as ESM with declarations', () => {
    const js = read('npm/index.js');
    expect(js).toMatch(/export \{[^}]*\binit\b[^}]*\}/);
    expect(js).not.toMatch(/__webpack_require__/);
    const dts = read('npm/index.d.ts');
    expect(dts).toContain('export declare function init(options?: InitOptions): void;');
    expect(dts).toContain('export declare function track(name: string, options?: EventOptions): void;');
    expect(dts).not.toMatch(/from '[^']+\.ts'/);
  });

  it('fails the build when script.js is over budget, after printing the size table', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'qusto-tracker-'));
    try {
      const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('@rspack/cli/package.json')), 'bin', 'rspack.js');
      const r = spawnSync(process.execPath, [cli, 'build', '-c', path.join(DIST, '..', 'rspack.config.ts')], {
        encoding: 'utf8',
        env: { ...process.env, QUSTO_DIST: out, QUSTO_BUDGET: '600' },
      });
      const output = r.stdout + r.stderr;
      expect(r.status).not.toBe(0);
      expect(output).toMatch(/script\.js\s+\d+\s+\d+/);
      expect(output).toContain('over the 600-byte budget');
      expect(existsSync(path.join(out, 'sizes.json'))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('variant names', () => {
  it('maps requested names to canonical files', () => {
    expect(variantFile('script.js')).toBe('script.js');
    expect(variantFile('qusto.js')).toBe('script.js');
    expect(variantFile('plausible.js')).toBe('script.js');
    expect(variantFile('script.outbound-links.hash.js')).toBe('script.hash.outbound-links.js');
    expect(variantFile('plausible.hash.hash.js')).toBe('script.hash.js');
    expect(variantFile('script.revenue.js')).toBe('script.js');
    expect(variantFile('script.tagged-events.revenue.js')).toBe('script.revenue.tagged-events.js');
    expect(variantFile('script.all.js')).toBe('script.all.js');
    expect(variantFile('script.hash.all.js')).toBe(
      'script.404.file-downloads.form-submissions.hash.outbound-links.pageview-props.revenue.tagged-events.js',
    );
    expect(variantFile('script.exclusions.js')).toBeNull();
    expect(variantFile('other.js')).toBeNull();
    expect(canonical(['compat'])).toBeNull();
  });

  it('has 768 distinct variants in all', () => {
    const all = allVariants();
    expect(new Set(all.map(fileName)).size).toBe(all.length);
    expect(all).toHaveLength(768);
  });
});
