import type { MetadataDb, SiteDirectory, SiteRef } from '@qusto/sdk';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}(\/[a-z0-9._~-]+)*$/;

/** IANA time zones this runtime knows (the same list the stats engine accepts). */
export const TIMEZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'Etc/UTC', 'UTC']);

/** Why a site's domain or timezone is not acceptable, or null. */
export function validateSiteInput(input: { domain: string; timezone?: string }): string | null {
  const domain = SiteRepository.normalizeDomain(input.domain);
  if (!DOMAIN.test(domain)) return `"${input.domain}" is not a valid domain (example: example.com)`;
  if (input.timezone !== undefined && !TIMEZONES.has(input.timezone)) {
    return `"${input.timezone}" is not an IANA time zone (example: Europe/Berlin)`;
  }
  return null;
}

interface SiteRow {
  id: string;
  domain: string;
  timezone: string;
}

const toRef = (row: SiteRow): SiteRef => ({ id: String(row.id), domain: row.domain, timezone: row.timezone });

/** Sites in the metadata store. Domains are stored lower-case without `www.`. */
export class SiteRepository implements SiteDirectory {
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  static normalizeDomain(domain: string): string {
    return domain.trim().toLowerCase().replace(/^www\./, '');
  }

  async findByDomain(domain: string): Promise<SiteRef | null> {
    const rows = await this.metadataDb.query<SiteRow>('SELECT id, domain, timezone FROM sites WHERE domain = $1', [
      SiteRepository.normalizeDomain(domain),
    ]);
    return rows[0] ? toRef(rows[0]) : null;
  }

  async findById(id: string): Promise<SiteRef | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    const rows = await this.metadataDb.query<SiteRow>('SELECT id, domain, timezone FROM sites WHERE id = $1', [id]);
    return rows[0] ? toRef(rows[0]) : null;
  }

  async create(input: { domain: string; timezone?: string }): Promise<SiteRef> {
    const rows = await this.metadataDb.query<SiteRow>(
      'INSERT INTO sites (domain, timezone) VALUES ($1, $2) RETURNING id, domain, timezone',
      [SiteRepository.normalizeDomain(input.domain), input.timezone ?? 'Etc/UTC'],
    );
    return toRef(rows[0]!);
  }
}
