// Known referrer sources: the Snowplow referer-parser database (core/data/referers.json) plus Qusto's
// Plausible-style custom sources (core/data/custom-sources.json). Loaded once, lazily, and indexed by
// host for a longest-suffix match (`l.facebook.com` -> `facebook.com` entry when needed).
import { lazy, readDataFile } from './data-files.ts';
import { hostSuffixes } from './host.ts';

interface PathRule {
  prefix: string;
  source: string;
}

interface HostEntry {
  /** Source for the host as a whole; undefined when the host only has path-specific entries. */
  source?: string;
  /** `google.com/imgres` -> Google Images; longest prefix first. */
  paths?: PathRule[];
}

interface SourceDatabase {
  hosts: Map<string, HostEntry>;
  /** lower-cased known name / alias / custom host -> canonical source name (Plausible's `find_mapping`). */
  names: Map<string, string>;
  /** lower-cased tagged sources that mark paid traffic (Plausible's `paid_sources`). */
  paid: Set<string>;
}

interface CustomSources {
  hosts: Record<string, string>;
  aliases: Record<string, string>;
}

function addHost(hosts: Map<string, HostEntry>, key: string, source: string): void {
  const slash = key.indexOf('/');
  const host = (slash === -1 ? key : key.slice(0, slash)).toLowerCase();
  const entry = hosts.get(host) ?? {};
  if (slash === -1) {
    entry.source = source;
  } else {
    const prefix = key.slice(slash);
    entry.paths = [...(entry.paths ?? []).filter((p) => p.prefix !== prefix), { prefix, source }].sort(
      (a, b) => b.prefix.length - a.prefix.length,
    );
  }
  hosts.set(host, entry);
}

const database = lazy((): SourceDatabase => {
  const referers = JSON.parse(readDataFile('referers.json')) as Record<string, [string, string]>;
  const custom = JSON.parse(readDataFile('custom-sources.json')) as CustomSources;
  const hosts = new Map<string, HostEntry>();
  const names = new Map<string, string>();

  for (const [key, [source]] of Object.entries(referers)) {
    addHost(hosts, key, source);
    names.set(source.toLowerCase(), source);
  }
  // Custom sources win over the referer database, and their keys double as tagged-source aliases.
  for (const [host, source] of Object.entries(custom.hosts)) {
    addHost(hosts, host, source);
    names.set(host.toLowerCase(), source);
    names.set(source.toLowerCase(), source);
  }
  const paid = new Set<string>(['adwords']);
  for (const [alias, source] of Object.entries(custom.aliases)) {
    const key = alias.toLowerCase();
    names.set(key, source);
    names.set(source.toLowerCase(), source);
    if (key.endsWith('ads') || key.endsWith('ad')) paid.add(key);
  }
  return { hosts, names, paid };
});

/**
 * Source name for a referrer host (already lower-cased, `www.` optional) and path, by longest host suffix;
 * null when unknown. Matching is on whole labels: `notgoogle.com` does not match `google.com`.
 */
export function lookupReferrerHost(host: string, path = '/'): string | null {
  const { hosts } = database();
  // Path-specific rules first (`google.com/imgres` must beat the plain `www.google.com` entry), then hosts.
  for (const suffix of hostSuffixes(host)) {
    const rules = hosts.get(suffix)?.paths;
    if (rules) for (const rule of rules) if (path.startsWith(rule.prefix)) return rule.source;
  }
  for (const suffix of hostSuffixes(host)) {
    const source = hosts.get(suffix)?.source;
    if (source !== undefined) return source;
  }
  return null;
}

/** Plausible's `find_mapping`: a known source name or alias (case-insensitive) -> canonical name, else as given. */
export function canonicalSourceName(source: string): string {
  return database().names.get(source.toLowerCase()) ?? source;
}

/** Tagged sources (utm_source) that mark traffic as paid regardless of medium: `adwords`, `fb-ads`, ... */
export function isPaidSource(utmSource: string): boolean {
  return database().paid.has(utmSource.toLowerCase());
}

/** Number of indexed hosts (loads the database). */
export function sourceDatabaseSize(): number {
  return database().hosts.size;
}
