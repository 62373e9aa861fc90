import type { MetadataDb, SiteDirectory, SiteRef, SqlExecutor } from '@qusto/sdk';
import { isIanaTimeZone } from './time-zones.ts';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}(\/[a-z0-9._~-]+)*$/;


/** Why a site's domain or timezone is not acceptable, or null. */
export function validateSiteInput(input: { domain: string; timezone?: string }): string | null {
  const domain = SiteRepository.normalizeDomain(input.domain);
  if (!DOMAIN.test(domain)) return `"${input.domain}" is not a valid domain (example: example.com)`;
  if (input.timezone !== undefined && !isIanaTimeZone(input.timezone)) {
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

/** A site with its owner team and settings. */
export interface SiteRecord extends SiteRef {
  /** null for sites made before teams existed (instance admins look after them). */
  teamId: string | null;
  /** The domain before the last change; still accepted by ingestion until the expiry. */
  previousDomain: string | null;
  previousDomainExpiresAt: string | null;
  public: boolean;
  /** Custom property keys shown on the dashboard; null: all. */
  allowedEventProps: string[] | null;
  createdAt: string;
}

interface SiteRecordRow extends SiteRow {
  team_id: string | null;
  previous_domain: string | null;
  previous_domain_expires_at: Date | string | null;
  public: boolean;
  allowed_event_props: string[] | null;
  created_at: Date | string;
}

const RECORD_COLUMNS = 'id, domain, timezone, team_id, previous_domain, previous_domain_expires_at, public, allowed_event_props, created_at';

const toRecord = (row: SiteRecordRow): SiteRecord => ({
  ...toRef(row),
  teamId: row.team_id === null ? null : String(row.team_id),
  previousDomain: row.previous_domain,
  previousDomainExpiresAt: row.previous_domain_expires_at === null ? null : new Date(row.previous_domain_expires_at).toISOString(),
  public: row.public,
  allowedEventProps: row.allowed_event_props,
  createdAt: new Date(row.created_at).toISOString(),
});

/**
 * The query ingestion's SiteGate can use to accept a site's previous domain during the grace
 * period after a domain change: `$1` is the normalised domain from the event.
 */
export const SITE_BY_INGEST_DOMAIN_SQL = `SELECT id, domain, timezone FROM sites
  WHERE domain = $1 OR (previous_domain = $1 AND previous_domain_expires_at > now())
  ORDER BY (domain = $1) DESC LIMIT 1`;

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

  /** Every site, for instance-wide jobs. */
  async listRefs(): Promise<SiteRef[]> {
    const rows = await this.metadataDb.query<SiteRow>('SELECT id, domain, timezone FROM sites ORDER BY id');
    return rows.map(toRef);
  }

  async create(input: { domain: string; timezone?: string; teamId?: string | null }, db: SqlExecutor = this.metadataDb): Promise<SiteRef> {
    const rows = await db.query<SiteRow>(
      'INSERT INTO sites (domain, timezone, team_id) VALUES ($1, $2, $3) RETURNING id, domain, timezone',
      [SiteRepository.normalizeDomain(input.domain), input.timezone ?? 'Etc/UTC', input.teamId ?? null],
    );
    return toRef(rows[0]!);
  }

  async findRecordByDomain(domain: string, db: SqlExecutor = this.metadataDb): Promise<SiteRecord | null> {
    const rows = await db.query<SiteRecordRow>(`SELECT ${RECORD_COLUMNS} FROM sites WHERE domain = $1`, [SiteRepository.normalizeDomain(domain)]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findRecordById(id: string, db: SqlExecutor = this.metadataDb): Promise<SiteRecord | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    const rows = await db.query<SiteRecordRow>(`SELECT ${RECORD_COLUMNS} FROM sites WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Whether a domain is some other site's domain, or its previous domain still in its grace period. */
  async domainTaken(domain: string, exceptSiteId: string | null = null, db: SqlExecutor = this.metadataDb): Promise<boolean> {
    const rows = await db.query(
      `SELECT 1 FROM sites WHERE id <> $2 AND (domain = $1 OR (previous_domain = $1 AND previous_domain_expires_at > now())) LIMIT 1`,
      [SiteRepository.normalizeDomain(domain), exceptSiteId ?? '0'],
    );
    return rows.length > 0;
  }

  /** Sites a user sees: their teams' sites, sites they are a guest of, and (admins) team-less sites. */
  async listVisible(
    user: { id: string; isAdmin: boolean },
    options: { teamId?: string; afterId?: string; limit?: number } = {},
  ): Promise<SiteRecord[]> {
    const rows = await this.metadataDb.query<SiteRecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM sites s WHERE (
         s.team_id IN (SELECT team_id FROM team_memberships WHERE user_id = $1)
         OR s.id IN (SELECT site_id FROM site_guests WHERE user_id = $1)
         OR ($2::boolean AND s.team_id IS NULL))
       AND ($3::bigint IS NULL OR s.team_id = $3::bigint)
       AND ($4::bigint IS NULL OR s.id > $4::bigint)
       ORDER BY s.id LIMIT $5`,
      [user.id, user.isAdmin, options.teamId ?? null, options.afterId ?? null, options.limit ?? 1000],
    );
    return rows.map(toRecord);
  }

  async listByTeam(teamId: string): Promise<SiteRecord[]> {
    const rows = await this.metadataDb.query<SiteRecordRow>(`SELECT ${RECORD_COLUMNS} FROM sites WHERE team_id = $1 ORDER BY id`, [teamId]);
    return rows.map(toRecord);
  }

  async changeDomain(id: string, domain: string, graceMs: number, db: SqlExecutor = this.metadataDb): Promise<void> {
    await db.query(
      `UPDATE sites SET previous_domain = domain, previous_domain_expires_at = now() + make_interval(secs => $3),
       domain = $2, updated_at = now() WHERE id = $1`,
      [id, SiteRepository.normalizeDomain(domain), graceMs / 1000],
    );
  }

  async updateSettings(id: string, changes: { timezone?: string; public?: boolean; allowedEventProps?: string[] | null }): Promise<void> {
    await this.metadataDb.query(
      `UPDATE sites SET timezone = COALESCE($2, timezone), public = COALESCE($3, public),
       allowed_event_props = CASE WHEN $4::boolean THEN $5::jsonb ELSE allowed_event_props END, updated_at = now()
       WHERE id = $1`,
      [
        id,
        changes.timezone ?? null,
        changes.public ?? null,
        changes.allowedEventProps !== undefined,
        changes.allowedEventProps === undefined || changes.allowedEventProps === null ? null : JSON.stringify(changes.allowedEventProps),
      ],
    );
  }

  async moveToTeam(id: string, teamId: string, db: SqlExecutor = this.metadataDb): Promise<void> {
    await db.query('UPDATE sites SET team_id = $2, updated_at = now() WHERE id = $1', [id, teamId]);
  }

  /** Gives every team-less site (made before accounts) to a team. */
  async adoptOrphans(teamId: string, db: SqlExecutor = this.metadataDb): Promise<number> {
    const rows = await db.query('UPDATE sites SET team_id = $1, updated_at = now() WHERE team_id IS NULL RETURNING id', [teamId]);
    return rows.length;
  }

  async delete(id: string, db: SqlExecutor = this.metadataDb): Promise<void> {
    await db.query('DELETE FROM sites WHERE id = $1', [id]);
  }
}
