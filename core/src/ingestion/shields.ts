import { BlockList, isIP } from 'node:net';

export type ShieldKind = 'ip' | 'page' | 'hostname' | 'country';

export interface ShieldRule {
  kind: ShieldKind;
  value: string;
}

export type ShieldVerdict = null | 'site_ip_blocklist' | 'site_page_blocklist' | 'site_hostname_allowlist' | 'site_country_blocklist';

/** `*` and `**` match any run of characters, anchored, as in Plausible's page and hostname rules. */
export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split(/\*+/)
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

/** A site's compiled shields, checked in Plausible's order: hostname, page, IP, country. */
export class SiteShields {
  private readonly ips = new BlockList();
  private readonly hasIps: boolean;
  private readonly pages: RegExp[];
  private readonly hostnames: RegExp[];
  private readonly countries: Set<string>;

  constructor(rules: ShieldRule[]) {
    let ipCount = 0;
    for (const rule of rules.filter((r) => r.kind === 'ip')) {
      const [address, prefix] = rule.value.split('/');
      const family = isIP(address ?? '');
      if (!family) continue;
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix !== undefined) this.ips.addSubnet(address!, Number(prefix), type);
      else this.ips.addAddress(address!, type);
      ipCount++;
    }
    this.hasIps = ipCount > 0;
    this.pages = rules.filter((r) => r.kind === 'page').map((r) => globToRegExp(r.value));
    this.hostnames = rules.filter((r) => r.kind === 'hostname').map((r) => globToRegExp(r.value.toLowerCase()));
    this.countries = new Set(rules.filter((r) => r.kind === 'country').map((r) => r.value.toUpperCase()));
  }

  get empty(): boolean {
    return !this.hasIps && this.pages.length === 0 && this.hostnames.length === 0 && this.countries.size === 0;
  }

  /** Rules that need no geolocation. */
  checkRequest(input: { hostname: string; pathname: string; ip: string }): ShieldVerdict {
    if (this.hostnames.length > 0 && !this.hostnames.some((re) => re.test(input.hostname))) return 'site_hostname_allowlist';
    if (this.pages.some((re) => re.test(input.pathname))) return 'site_page_blocklist';
    const family = isIP(input.ip);
    if (this.hasIps && family && this.ips.check(input.ip, family === 4 ? 'ipv4' : 'ipv6')) return 'site_ip_blocklist';
    return null;
  }

  checkCountry(countryCode: string): ShieldVerdict {
    return countryCode && this.countries.has(countryCode) ? 'site_country_blocklist' : null;
  }
}

/** Validates a rule as the settings API will: IPs and CIDRs, glob paths, hostnames, ISO countries. */
export function validateShieldRule(rule: ShieldRule): string | null {
  switch (rule.kind) {
    case 'ip': {
      const [address, prefix, extra] = rule.value.split('/');
      const family = isIP(address ?? '');
      if (!family || extra !== undefined) return `"${rule.value}" is not an IP address or CIDR range`;
      if (prefix !== undefined && (!/^\d+$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128))) {
        return `"${rule.value}" has an invalid prefix length`;
      }
      return null;
    }
    case 'page':
      return rule.value.startsWith('/') ? null : 'page rules must start with /';
    case 'hostname':
      return /^[a-z0-9*.-]+$/i.test(rule.value) ? null : `"${rule.value}" is not a hostname pattern`;
    case 'country':
      return /^[A-Z]{2}$/.test(rule.value) ? null : 'country rules are ISO 3166-1 alpha-2 codes like DE';
  }
}
