/** IANA time zones for the time-zone picker, and filtering them by what the user types. */

/** Every zone the browser knows, with `Etc/UTC` and the site's own zone always present. */
export function timeZoneList(current: string): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
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
