import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ResolvedPluginSource {
  /** What the user wrote in QUSTO_PLUGINS (or the discovered package name). */
  specifier: string;
  /** Folder holding the plugin's package.json; its migrations and UI paths are relative to it. */
  packageRoot: string;
  /** URL to import. */
  entryUrl: string;
}

export class PluginResolveError extends Error {}

const isPath = (specifier: string) => /^(\.{1,2}[\\/]|\/|[A-Za-z]:[\\/])/.test(specifier) || specifier === '.';

/** Resolves package names (from the working directory, then from core) and paths to an entry. */
export function resolvePluginSource(specifier: string, cwd: string): ResolvedPluginSource {
  if (isPath(specifier)) {
    const root = path.resolve(cwd, specifier);
    if (!existsSync(path.join(root, 'package.json'))) {
      throw new PluginResolveError(`no package.json in ${root}`);
    }
    return { specifier, packageRoot: root, entryUrl: pathToFileURL(entryOfPackage(root)).href };
  }
  const tried: string[] = [];
  for (const base of [path.join(cwd, 'noop.js'), import.meta.filename]) {
    try {
      const entry = createRequire(base).resolve(specifier, { paths: [path.dirname(base)] });
      return { specifier, packageRoot: packageRootOf(entry, specifier), entryUrl: pathToFileURL(entry).href };
    } catch (error) {
      tried.push((error as Error).message.split('\n')[0] ?? '');
    }
  }
  throw new PluginResolveError(`cannot find package "${specifier}" (is it installed?)`);
}

function entryOfPackage(root: string): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    exports?: string | Record<string, unknown>;
    main?: string;
  };
  const dot = typeof pkg.exports === 'string' ? pkg.exports : pkg.exports?.['.'];
  const target =
    typeof dot === 'string'
      ? dot
      : dot && typeof dot === 'object'
        ? ((dot as Record<string, unknown>).import ?? (dot as Record<string, unknown>).default)
        : pkg.main;
  const candidates = typeof target === 'string' ? [target] : ['index.js', 'index.ts', 'src/index.ts', 'server/index.ts'];
  for (const candidate of candidates) {
    const file = path.resolve(root, candidate);
    if (existsSync(file)) return file;
  }
  throw new PluginResolveError(`package in ${root} has no entry point (exports["."] or main)`);
}

function packageRootOf(entry: string, name: string): string {
  let dir = path.dirname(entry);
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
    dir = path.dirname(dir);
  }
  return path.dirname(entry);
}

/**
 * The default plugin set: installed `@qusto/*` packages whose package.json says
 * `"qusto": { "plugin": true }`. Core never names them; installing one is what enables it.
 */
export function discoverFirstPartyPlugins(cwd: string): string[] {
  const found = new Set<string>();
  const roots = [cwd, path.dirname(import.meta.dirname)];
  for (const start of roots) {
    let dir = start;
    while (true) {
      const scope = path.join(dir, 'node_modules', '@qusto');
      if (existsSync(scope)) {
        for (const entry of readdirSync(scope)) {
          const manifest = path.join(scope, entry, 'package.json');
          if (!existsSync(manifest)) continue;
          const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; qusto?: { plugin?: boolean } };
          if (pkg.qusto?.plugin === true && pkg.name) found.add(pkg.name);
        }
      }
      if (dir === path.dirname(dir)) break;
      dir = path.dirname(dir);
    }
  }
  return [...found].sort();
}
