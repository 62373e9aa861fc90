#!/usr/bin/env node
// Architecture rules from DESIGN.md, checked on the import graph's edges (import specifiers):
// - core never imports a plugin;
// - plugins import only @qusto/sdk (plus their own files, react for UIs, and node: builtins);
// - the shell never imports a plugin's UI at build time;
// - sdk and tracker (MIT) never import core, shell or plugins (AGPL).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const SOURCE = /\.(ts|tsx|mjs|js)$/;
const SKIP = new Set(['node_modules', 'dist', 'test-results', 'fixtures']);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield full;
  }
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

const violations = [];
const resolveTarget = (file, spec) => (spec.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), spec)) : spec);

const rules = [
  {
    dir: 'core',
    forbid: (target) => target.startsWith('plugins/') || target.startsWith('@qusto/plugin-'),
    why: 'core never imports a plugin',
  },
  {
    dir: 'plugins',
    forbid: (target, file) => {
      const pluginDir = path.relative(root, file).split(path.sep).slice(0, 2).join('/');
      if (target.startsWith(pluginDir + '/') || target.startsWith('node:')) return false;
      if (target.startsWith('@qusto/sdk')) return false;
      if (/^(react|react-dom)(\/|$)/.test(target)) return false;
      // Build tooling in the UI's rspack config is not plugin code.
      if (/rspack\.config\.ts$|postcss\.config\.mjs$/.test(file)) return false;
      // Tests boot a real Qusto through core's public test harness.
      if (/\.test\.tsx?$/.test(file) && /^(vitest|@testing-library\/|happy-dom|@qusto\/core\/testing$)/.test(target)) return false;
      return true;
    },
    why: 'plugins import only @qusto/sdk',
  },
  {
    dir: 'shell',
    forbid: (target) => target.startsWith('plugins/') || target.startsWith('@qusto/plugin-'),
    why: "the shell never imports a plugin's UI at build time",
  },
  {
    dir: 'sdk',
    forbid: (target) => /^(core|shell|plugins)\//.test(target) || /^@qusto\/(core|shell|plugin-)/.test(target),
    why: 'the MIT sdk must not depend on AGPL code',
  },
  {
    dir: 'tracker',
    forbid: (target) => /^(core|shell|plugins|sdk)\//.test(target) || /^@qusto\/(core|shell|sdk|plugin-)/.test(target),
    why: 'the MIT tracker must not depend on AGPL code',
  },
];

for (const rule of rules) {
  const dir = path.join(root, rule.dir);
  if (!existsSync(dir)) continue;
  for (const file of files(dir)) {
    for (const spec of importsOf(file)) {
      const target = resolveTarget(file, spec);
      if (rule.forbid(target, file)) violations.push(`${path.relative(root, file)}: imports ${spec} (${rule.why})`);
    }
  }
}

if (violations.length > 0) {
  console.error(violations.join('\n'));
  process.exit(1);
}
console.log('architecture boundaries: ok');
