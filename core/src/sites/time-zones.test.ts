import { describe, expect, it } from 'vitest';
import { isIanaTimeZone } from './time-zones.ts';

describe('isIanaTimeZone', () => {
  it('accepts listed zones and their current IANA names', () => {
    for (const zone of ['Europe/Berlin', 'UTC', 'Etc/UTC', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh', 'America/Argentina/Buenos_Aires', 'Asia/Kathmandu']) {
      expect(isIanaTimeZone(zone), zone).toBe(true);
    }
  });

  it('rejects unknown names and other spellings of known ones', () => {
    for (const zone of ['Mars/Olympus', 'europe/berlin', 'EUROPE/BERLIN', 'Europe/Berlin ', '', 'Berlin', '+02:00', '../etc/passwd']) {
      expect(isIanaTimeZone(zone), zone).toBe(false);
    }
  });
});
