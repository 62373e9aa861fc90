/**
 * The dimensions the dashboard shows and filters on: Stats API v2 names, the short names used in
 * the URL (`f=is,source,Google`) and human labels.
 */

export interface DimensionInfo {
  /** Stats API v2 name: `visit:source`, `event:props:plan`. */
  name: string;
  /** In URLs: `source`, `props:plan`. */
  short: string;
  /** Singular, for filter chips: "Source". */
  label: string;
}

const FIXED: Array<[name: string, label: string]> = [
  ['event:page', 'Page'],
  ['visit:entry_page', 'Entry page'],
  ['visit:exit_page', 'Exit page'],
  ['event:hostname', 'Hostname'],
  ['event:name', 'Event name'],
  // Goals (goals plugin): `f=is,goal,Signup`; the server resolves the goal by display name.
  ['event:goal', 'Goal'],
  ['visit:source', 'Source'],
  ['visit:channel', 'Channel'],
  ['visit:referrer', 'Referrer URL'],
  ['visit:utm_medium', 'UTM medium'],
  ['visit:utm_source', 'UTM source'],
  ['visit:utm_campaign', 'UTM campaign'],
  ['visit:utm_content', 'UTM content'],
  ['visit:utm_term', 'UTM term'],
  ['visit:country', 'Country'],
  ['visit:region', 'Region'],
  ['visit:city', 'City'],
  ['visit:browser', 'Browser'],
  ['visit:browser_version', 'Browser version'],
  ['visit:os', 'Operating system'],
  ['visit:os_version', 'OS version'],
  ['visit:device', 'Device'],
];

const BY_NAME = new Map<string, DimensionInfo>(FIXED.map(([name, label]) => [name, { name, short: name.slice(name.indexOf(':') + 1), label }]));
const BY_SHORT = new Map<string, DimensionInfo>([...BY_NAME.values()].map((info) => [info.short, info]));

const PROPS_PREFIX = 'event:props:';
/** Property keys: anything printable, bounded like Plausible's (300 bytes). */
const PROP_KEY = /^[^\u0000-\u001f]{1,300}$/u;

export function isPropsDimension(name: string): boolean {
  return name.startsWith(PROPS_PREFIX);
}

export function propKeyOf(name: string): string {
  return name.slice(PROPS_PREFIX.length);
}

export function propsDimension(key: string): string {
  return `${PROPS_PREFIX}${key}`;
}

/** Info for a v2 dimension name, or null when the dashboard does not know it. */
export function dimensionInfo(name: string): DimensionInfo | null {
  const fixed = BY_NAME.get(name);
  if (fixed) return fixed;
  if (isPropsDimension(name)) {
    const key = propKeyOf(name);
    if (PROP_KEY.test(key)) return { name, short: `props:${key}`, label: `Property ${key}` };
  }
  return null;
}

/** `source` -> `visit:source`, `props:plan` -> `event:props:plan`; null when unknown. */
export function dimensionFromShort(short: string): string | null {
  const fixed = BY_SHORT.get(short);
  if (fixed) return fixed.name;
  if (short.startsWith('props:')) {
    const key = short.slice('props:'.length);
    if (PROP_KEY.test(key)) return propsDimension(key);
  }
  return null;
}

export function dimensionLabel(name: string): string {
  return dimensionInfo(name)?.label ?? name;
}

/** Dimensions whose filter values are integers (GeoNames ids). */
export function isIntegerDimension(name: string): boolean {
  return name === 'visit:city';
}

/** Dimensions that only exist on events (session metrics need care with them). */
export function isEventDimension(name: string): boolean {
  return name.startsWith('event:');
}

export type FilterGroupId = 'page' | 'source' | 'location' | 'device' | 'property';

export interface FilterGroup {
  id: FilterGroupId;
  label: string;
  dimensions: string[];
}

/** The filter editor's groups (one modal per group, one row per dimension). */
export const FILTER_GROUPS: FilterGroup[] = [
  { id: 'page', label: 'Page', dimensions: ['event:page', 'visit:entry_page', 'visit:exit_page', 'event:hostname'] },
  {
    id: 'source',
    label: 'Source',
    dimensions: ['visit:source', 'visit:channel', 'visit:referrer', 'visit:utm_medium', 'visit:utm_source', 'visit:utm_campaign', 'visit:utm_content', 'visit:utm_term'],
  },
  { id: 'location', label: 'Location', dimensions: ['visit:country', 'visit:region', 'visit:city'] },
  { id: 'device', label: 'Device', dimensions: ['visit:browser', 'visit:browser_version', 'visit:os', 'visit:os_version', 'visit:device'] },
  { id: 'property', label: 'Property', dimensions: [] },
];

export function filterGroupOf(dimension: string): FilterGroupId | null {
  if (isPropsDimension(dimension)) return 'property';
  return FILTER_GROUPS.find((group) => group.dimensions.includes(dimension))?.id ?? null;
}

let regionNames: Intl.DisplayNames | null | undefined;

/** "EE" -> "Estonia" (the browser's own country names; the code when it has none). */
export function countryName(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      regionNames = null;
    }
  }
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "EE" -> 🇪🇪 (regional indicator symbols); '' for anything that is not a country code. */
export function countryFlag(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}
