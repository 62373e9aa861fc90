/**
 * Builds every front end in one run: the shell (Module Federation host) and each plugin UI
 * (an MF remote) found at `plugins/<name>/ui/rspack.config.ts`. Each of those configs also
 * builds alone: `npx rspack build --config shell/rspack.config.ts`.
 *
 *   npx rspack build --config rspack.config.ts                       # everything
 *   npx rspack build --config rspack.config.ts --config-name shell   # one of them by name
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Configuration } from '@rspack/core';
import shell from './shell/rspack.config.ts';

const root = path.dirname(fileURLToPath(import.meta.url));

/** `plugins/<name>/ui/rspack.config.ts`, sorted by plugin name. */
function pluginUiConfigPaths(): string[] {
  const pluginsDir = path.join(root, 'plugins');
  if (!existsSync(pluginsDir)) return [];
  return readdirSync(pluginsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(pluginsDir, entry.name, 'ui', 'rspack.config.ts'))
    .filter((file) => existsSync(file))
    .sort();
}

async function loadConfig(file: string): Promise<Configuration> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: Configuration } & Configuration;
  const config = mod.default ?? mod;
  if (!config.name) {
    throw new Error(`${path.relative(root, file)} must set a \`name\` so the root build can tell the configs apart`);
  }
  return config;
}

export default async function configs(): Promise<Configuration[]> {
  // One after another: loading two configs at once through rspack's TypeScript loader can hand
  // the second a half-initialised shared module (@qusto/sdk/build).
  const plugins: Configuration[] = [];
  for (const file of pluginUiConfigPaths()) plugins.push(await loadConfig(file));
  return [shell, ...plugins];
}
