import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGeolocator, isNonPublicIp, normaliseIp, type GeoLocation, type Geolocator, type NamedPlace } from './geolocation.ts';
import { writeMmdb } from './testing/mmdb-writer.ts';

const country = (countryCode: string): GeoLocation => ({ countryCode, subdivision1Code: '', subdivision2Code: '', cityGeonameId: 0 });
const NOTHING = country('');

describe('country database (bundled DB-IP Lite)', () => {
  const geo = createGeolocator();

  it.each([
    ['8.8.8.8', 'US'],
    ['193.40.1.1', 'EE'],
    ['81.2.69.142', 'GB'],
    ['2a00:1450:4001:80b::200e', 'DE'], // IPv6, Google Frankfurt
    ['::ffff:8.8.8.8', 'US'], // IPv4-mapped IPv6 as sent by dual-stack sockets
    ['0:0:0:0:0:FFFF:0808:0808', 'US'],
    ['[2a00:1450:4001:80b::200e]', 'DE'],
    [' 193.40.1.1 ', 'EE'],
  ])('%s -> %s', (ip, code) => {
    expect(geo.lookup(ip)).toEqual(country(code));
  });

  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.5.4', '192.168.1.1', '100.64.0.1', '169.254.1.1', '0.0.0.0', '192.0.2.10',
    '::1', 'fe80::1%eth0', 'fd12:3456::1', '::', 'ff02::1', '2001:db8::1',
  ])('non-public %s -> empty', (ip) => {
    expect(geo.lookup(ip)).toEqual(NOTHING);
  });

  it.each(['', 'not-an-ip', '999.1.1.1', '1.2.3'])('invalid %j -> empty', (ip) => {
    expect(geo.lookup(ip)).toEqual(NOTHING);
  });
});

describe('city database (MaxMind format)', () => {
  let dir: string;
  let geo: Geolocator;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qusto-geo-'));
    const path = join(dir, 'city.mmdb');
    writeFileSync(
      path,
      writeMmdb([
        // Same shape as GeoLite2-City records (MaxMind's own test data uses 81.2.69.142 for London).
        {
          address: '81.2.69.142', prefix: 31,
          data: {
            city: { geoname_id: 2643743, names: { en: 'London' } },
            country: { iso_code: 'GB', geoname_id: 2635167 },
            subdivisions: [
              { iso_code: 'ENG', geoname_id: 6269131, names: { en: 'England', de: 'England' } },
              { iso_code: 'WBK', geoname_id: 3333217, names: { en: 'Tower Hamlets' } },
            ],
            location: { latitude: 51.5142, longitude: -0.0931, accuracy_radius: 10 },
          },
        },
        {
          address: '2001:480::', prefix: 32,
          data: { city: { geoname_id: 5391959, names: { de: 'San Francisco' } }, country: { iso_code: 'US' }, subdivisions: [{ iso_code: 'CA', names: { en: 'California' } }] },
        },
        // A record without a usable country: the bundled country database must answer instead.
        { address: '8.8.4.0', prefix: 24, data: { country: { iso_code: 'XX' }, city: { geoname_id: 1, names: { en: 'Nowhere' } } } },
        // A country-only record.
        { address: '193.40.0.0', prefix: 16, data: { country: { iso_code: 'EE' } } },
      ]),
    );
    geo = createGeolocator({ cityDbPath: path });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns CC-ISO region codes and the GeoNames city id', () => {
    expect(geo.lookup('81.2.69.142')).toEqual({
      countryCode: 'GB', subdivision1Code: 'GB-ENG', subdivision2Code: 'GB-WBK', cityGeonameId: 2643743,
    });
  });

  it('works for IPv6', () => {
    expect(geo.lookup('2001:480::1')).toEqual({ countryCode: 'US', subdivision1Code: 'US-CA', subdivision2Code: '', cityGeonameId: 5391959 });
  });

  it('leaves region and city empty when the record has none', () => {
    expect(geo.lookup('193.40.1.1')).toEqual(country('EE'));
  });

  it('falls back to the country database for addresses the city database does not know', () => {
    expect(geo.lookup('8.8.8.8')).toEqual(country('US'));
  });

  it('treats XX as unknown and ignores the rest of that record', () => {
    expect(geo.lookup('8.8.4.4')).toEqual(createGeolocator().lookup('8.8.4.4'));
    expect(geo.lookup('8.8.4.4').cityGeonameId).toBe(0);
  });

  it('still returns nothing for private addresses', () => {
    expect(geo.lookup('192.168.0.1')).toEqual(NOTHING);
  });

  it('names each region and city once, from English names only, never from a disagreeing record', () => {
    const places: NamedPlace[] = [];
    const naming = createGeolocator({ cityDbPath: join(dir, 'city.mmdb'), onPlace: (place) => places.push(place) });
    for (const ip of ['81.2.69.142', '81.2.69.143', '2001:480::1', '2001:480::2', '8.8.4.4', '193.40.1.1', '10.0.0.1']) naming.lookup(ip);
    expect(places).toEqual([
      { kind: 'subdivision', code: 'GB-ENG', name: 'England' },
      { kind: 'city', code: '2643743', name: 'London' },
      // San Francisco has no English name in this record: its id is all there is.
      { kind: 'subdivision', code: 'US-CA', name: 'California' },
    ]);
  });

  it('fails fast on a missing city database', () => {
    expect(() => createGeolocator({ cityDbPath: join(dir, 'missing.mmdb') })).toThrow();
  });
});

describe('unknown-country codes', () => {
  let dir: string;
  let geo: Geolocator;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qusto-geo-'));
    const path = join(dir, 'codes.mmdb');
    // Public addresses that DB-IP leaves unlisted are rare; use ones it lists and check the city DB's code wins or is dropped.
    writeFileSync(
      path,
      writeMmdb([
        { address: '1.1.1.0', prefix: 24, data: { country: { iso_code: 'ZZ' } } },
        { address: '9.9.9.0', prefix: 24, data: { country: { iso_code: 'T1' } } },
        { address: '4.4.4.0', prefix: 24, data: { country_code: 'fr' } }, // DB-IP style record, lower-case
      ]),
    );
    geo = createGeolocator({ cityDbPath: path });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ZZ and T1 are never reported', () => {
    const countryOnly = createGeolocator();
    for (const ip of ['1.1.1.1', '9.9.9.9']) {
      expect(geo.lookup(ip).countryCode).not.toMatch(/^(ZZ|T1)$/);
      expect(geo.lookup(ip)).toEqual(countryOnly.lookup(ip));
    }
  });

  it('accepts DB-IP style country_code records and upper-cases them', () => {
    expect(geo.lookup('4.4.4.4')).toEqual(country('FR'));
  });
});

describe('normaliseIp', () => {
  it.each<[string, ReturnType<typeof normaliseIp>]>([
    ['8.8.8.8', { address: '8.8.8.8', family: 4 }],
    ['::ffff:1.2.3.4', { address: '1.2.3.4', family: 4 }],
    ['::FFFF:0102:0304', { address: '1.2.3.4', family: 4 }],
    ['[2001:DB8::1]', { address: '2001:db8::1', family: 6 }],
    ['2001:db8:0:0:0:0:0:1', { address: '2001:db8::1', family: 6 }],
    ['fe80::1%eth0', { address: 'fe80::1', family: 6 }],
    ['nope', null],
  ])('%s', (ip, expected) => {
    expect(normaliseIp(ip)).toEqual(expected);
  });
});

describe('isNonPublicIp', () => {
  const check = (ip: string) => {
    const n = normaliseIp(ip)!;
    return isNonPublicIp(n.address, n.family);
  };

  it.each([
    '0.1.2.3', '10.255.255.255', '100.127.255.255', '127.255.0.1', '172.31.255.255', '192.0.0.8', '198.19.1.1',
    '198.51.100.7', '203.0.113.200', '224.0.0.1', '255.255.255.255',
    '::', '::1', 'fc00::1', 'fdff:ffff::1', 'fe80::abcd', 'febf::1', 'ff05::2', '2001:db8:ffff::1', '100::', '100::1:2:3:4',
  ])('%s is non-public', (ip) => {
    expect(check(ip)).toBe(true);
  });

  it.each([
    '1.1.1.1', '9.255.255.255', '11.0.0.0', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0',
    '192.0.1.1', '192.169.0.1', '198.20.0.1', '223.255.255.255',
    '2a00:1450:4001:80b::200e', '2001:4860:4860::8888', 'fec0::1', '2001:db9::1', '100:0:0:5::1', '100::1:2:3:4:5',
  ])('%s is public', (ip) => {
    expect(check(ip)).toBe(false);
  });
});

describe('coverage', () => {
  // Speed is measured by bench:ingest, not asserted here.
  it('places most of 100k spread-out IPv4 addresses in a country', () => {
    const geo = createGeolocator();
    let found = 0;
    for (let i = 0; i < 100_000; i++) {
      const ip = `${(i % 223) + 1}.${(i * 7) % 256}.${(i * 13) % 256}.${i % 256}`;
      if (geo.lookup(ip).countryCode) found++;
    }
    expect(found).toBeGreaterThan(80_000);
  });
});
