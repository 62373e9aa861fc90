/** IANA time zones for the time-zone picker, and filtering them by what the user types. */

/** ICU still lists these zones under retired names; people (and IANA) know them by the current ones. */
const CURRENT_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
};

/** The name to show and store for a zone the runtime lists (`Asia/Calcutta` -> `Asia/Kolkata`). */
export function currentZoneName(zone: string): string {
  return CURRENT_NAMES[zone] ?? zone;
}

/** Every zone the browser knows by its current name, with `Etc/UTC` and the site's own zone always present. */
export function timeZoneList(current: string): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone').map(currentZoneName) : [];
  return [...new Set(['Etc/UTC', current, ...supported])].sort((a, b) => a.localeCompare(b));
}

/**
 * Zones whose name contains every word typed (spaces match underscores: "new york" finds
 * America/New_York). The selected zone stays in the list, so the select never loses its value.
 */
export function filterTimeZones(zones: readonly string[], query: string, selected: string): string[] {
  const words = query.toLowerCase().split(/[\s/_]+/).filter(Boolean);
  if (words.length === 0) return [...zones];
  const matches = zones.filter((zone) => {
    const name = zone.toLowerCase().replaceAll('_', ' ');
    return words.every((word) => name.includes(word));
  });
  return matches.includes(selected) ? matches : [selected, ...matches];
}
