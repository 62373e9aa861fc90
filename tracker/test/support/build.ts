// Builds the tracker once for all test files (each runs in its own process): a lock
// directory serialises concurrent callers and a fingerprint of the sources skips the
// build when dist/ is already current.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rspack } from '@rspack/core';
import { createConfigs, DIST } from '../../rspack.config.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lock = path.join(root, '.build-lock');
const stamp = path.join(DIST, '.fingerprint');

function fingerprint(): string {
  const h = createHash('sha256');
  const files = ['rspack.config.ts', 'tsconfig.types.json', 'package.json'];
  for (const f of readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' }).sort()) {
    const p = path.join('src', f);
    if (statSync(path.join(root, p)).isFile()) files.push(p);
  }
  for (const f of files) h.update(f).update('\0').update(readFileSync(path.join(root, f))).update('\0');
  return h.digest('hex');
}

function current(fp: string): boolean {
  return existsSync(stamp) && readFileSync(stamp, 'utf8') == fp && existsSync(path.join(DIST, 'sizes.json'));
}

async function acquire(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      // held by another test process; break a lock left by a crashed one
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for the tracker build lock');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Runs the production build (quietly) unless dist/ matches the sources. */
export async function ensureBuilt(): Promise<void> {
  const fp = fingerprint();
  if (current(fp)) return;
  await acquire();
  try {
    if (current(fp)) return;
    const { configs } = createConfigs({ quiet: true });
    await new Promise<void>((resolve, reject) => {
      const compiler = rspack(configs);
      compiler.run((err, stats) => {
        compiler.close(() => {
          if (err) return reject(err);
          if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
          resolve();
        });
      });
    });
    mkdirSync(DIST, { recursive: true });
    writeFileSync(stamp, fp);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
