import { describe, expect, it } from 'vitest';
import { globToRegExp, SiteShields, validateShieldRule } from './shields.ts';

const req = (over: Partial<{ hostname: string; pathname: string; ip: string }> = {}) => ({
  hostname: 'example.com',
  pathname: '/blog/post',
  ip: '203.0.113.7',
  ...over,
});

describe('shields', () => {
  it('compiles * and ** globs to anchored patterns', () => {
    expect(globToRegExp('/admin/**').test('/admin/users/1')).toBe(true);
    expect(globToRegExp('/admin/*').test('/admin/users')).toBe(true);
    expect(globToRegExp('/admin').test('/admin/users')).toBe(false);
    expect(globToRegExp('/a.b').test('/aXb')).toBe(false);
  });

  it('passes everything with no rules', () => {
    const shields = new SiteShields([]);
    expect(shields.empty).toBe(true);
    expect(shields.checkRequest(req())).toBeNull();
  });

  it('drops blocked IPs and CIDR ranges, IPv4 and IPv6', () => {
    const shields = new SiteShields([
      { kind: 'ip', value: '198.51.100.0/24' },
      { kind: 'ip', value: '203.0.113.7' },
      { kind: 'ip', value: '2001:db8::/32' },
    ]);
    expect(shields.checkRequest(req())).toBe('site_ip_blocklist');
    expect(shields.checkRequest(req({ ip: '198.51.100.200' }))).toBe('site_ip_blocklist');
    expect(shields.checkRequest(req({ ip: '2001:db8::42' }))).toBe('site_ip_blocklist');
    expect(shields.checkRequest(req({ ip: '203.0.113.8' }))).toBeNull();
  });

  it('drops blocked pages', () => {
    const shields = new SiteShields([{ kind: 'page', value: '/blog/**' }]);
    expect(shields.checkRequest(req())).toBe('site_page_blocklist');
    expect(shields.checkRequest(req({ pathname: '/pricing' }))).toBeNull();
  });

  it('allows only listed hostnames once any is listed', () => {
    const shields = new SiteShields([{ kind: 'hostname', value: '*.example.com' }, { kind: 'hostname', value: 'example.com' }]);
    expect(shields.checkRequest(req())).toBeNull();
    expect(shields.checkRequest(req({ hostname: 'app.example.com' }))).toBeNull();
    expect(shields.checkRequest(req({ hostname: 'staging.example.org' }))).toBe('site_hostname_allowlist');
  });

  it('drops blocked countries', () => {
    const shields = new SiteShields([{ kind: 'country', value: 'de' }]);
    expect(shields.checkCountry('DE')).toBe('site_country_blocklist');
    expect(shields.checkCountry('FR')).toBeNull();
    expect(shields.checkCountry('')).toBeNull();
  });

  it.each([
    [{ kind: 'ip', value: '10.0.0.0/33' }, 'invalid prefix length'],
    [{ kind: 'ip', value: 'localhost' }, 'not an IP address'],
    [{ kind: 'page', value: 'blog' }, 'must start with /'],
    [{ kind: 'country', value: 'Germany' }, 'ISO 3166-1'],
    [{ kind: 'hostname', value: 'ex ample.com' }, 'not a hostname pattern'],
  ] as const)('validates %j', (rule, message) => {
    expect(validateShieldRule(rule)).toContain(message);
  });
});
