import { describe, expect, it } from 'vitest';
import { filterTimeZones, timeZoneList } from './time-zones.ts';

describe('time zones', () => {
  const zones = ['America/New_York', 'Asia/Tokyo', 'Etc/UTC', 'Europe/Berlin', 'Europe/Paris'];

  it('matches every typed word, spaces matching underscores, keeping the selected zone', () => {
    expect(filterTimeZones(zones, 'new york', 'Etc/UTC')).toEqual(['Etc/UTC', 'America/New_York']);
    expect(filterTimeZones(zones, 'EUROPE', 'Europe/Paris')).toEqual(['Europe/Berlin', 'Europe/Paris']);
    expect(filterTimeZones(zones, 'europe ber', 'Asia/Tokyo')).toEqual(['Asia/Tokyo', 'Europe/Berlin']);
    expect(filterTimeZones(zones, '  ', 'Asia/Tokyo')).toEqual(zones);
    expect(filterTimeZones(zones, 'mars', 'Asia/Tokyo')).toEqual(['Asia/Tokyo']);
  });

  it('lists the browser’s zones with Etc/UTC and the site’s zone, sorted and unique', () => {
    const list = timeZoneList('Legacy/Zone');
    expect(list).toContain('Etc/UTC');
    expect(list).toContain('Legacy/Zone');
    expect(list).toContain('Europe/Berlin');
    expect(new Set(list).size).toBe(list.length);
    expect([...list].sort((a, b) => a.localeCompare(b))).toEqual(list);
  });
});

describe('current zone names', () => {
  it('lists renamed zones by their current IANA name only', () => {
    const list = timeZoneList('Etc/UTC');
    expect(list).toContain('Asia/Kolkata');
    expect(list).toContain('Europe/Kyiv');
    expect(list).not.toContain('Asia/Calcutta');
    expect(list).not.toContain('Europe/Kiev');
  });
});
