import type { MetadataDb } from '@qusto/sdk';
import { assertCan, siteSubject, type AppAbility } from '../auth/abilities.ts';
import { badRequest, conflict, notFound } from '../auth/errors.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { randomToken } from '../auth/tokens.ts';
import type { SiteRecord } from './site-repository.ts';

export interface SharedLink {
  id: string;
  siteId: string;
  name: string;
  slug: string;
  hasPassword: boolean;
  createdAt: string;
}

export interface SharedLinkSecret extends SharedLink {
  passwordHash: string | null;
}

interface LinkRow {
  id: string;
  site_id: string;
  name: string;
  slug: string;
  password_hash: string | null;
  created_at: Date | string;
}

const COLUMNS = 'id, site_id, name, slug, password_hash, created_at';

const toSecret = (row: LinkRow): SharedLinkSecret => ({
  id: String(row.id),
  siteId: String(row.site_id),
  name: row.name,
  slug: row.slug,
  hasPassword: row.password_hash !== null,
  passwordHash: row.password_hash,
  createdAt: new Date(row.created_at).toISOString(),
});

const toPublic = ({ passwordHash: _hash, ...link }: SharedLinkSecret): SharedLink => link;

/** The URL of a shared link (`/share/<domain>?auth=<slug>`), as Plausible shapes it. */
export function sharedLinkUrl(baseUrl: URL, domain: string, slug: string): string {
  const url = new URL(`/share/${encodeURIComponent(domain)}`, baseUrl);
  url.searchParams.set('auth', slug);
  return url.href;
}

/**
 * Named secret links to one site's dashboard. The slug is the secret; a password (set at
 * creation, argon2id) can be required on top. A link only ever grants reading that site's stats.
 */
export class SharedLinks {
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  async list(ability: AppAbility, site: SiteRecord): Promise<SharedLink[]> {
    assertCan(ability, 'read', siteSubject('SharedLink', site));
    const rows = await this.metadataDb.query<LinkRow>(`SELECT ${COLUMNS} FROM shared_links WHERE site_id = $1 ORDER BY id`, [site.id]);
    return rows.map((row) => toPublic(toSecret(row)));
  }

  async create(ability: AppAbility, site: SiteRecord, input: { name: string; password?: string | null }): Promise<SharedLink> {
    assertCan(ability, 'create', siteSubject('SharedLink', site));
    const name = input.name.trim();
    if (!name || name.length > 100) throw badRequest('name must be 1 to 100 characters');
    let passwordHash: string | null = null;
    if (input.password) {
      const problem = passwordProblem(input.password);
      if (problem) throw badRequest(problem);
      passwordHash = await hashPassword(input.password);
    }
    const rows = await this.metadataDb.query<LinkRow>(
      `INSERT INTO shared_links (site_id, name, slug, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (site_id, name) DO NOTHING RETURNING ${COLUMNS}`,
      [site.id, name, randomToken(18), passwordHash],
    );
    if (!rows[0]) throw conflict(`A shared link named "${name}" already exists for ${site.domain}`);
    return toPublic(toSecret(rows[0]));
  }

  /** Plausible's `PUT /api/v1/sites/shared-links`: the link with this name, made if missing (no password). */
  async findOrCreate(ability: AppAbility, site: SiteRecord, name: string): Promise<SharedLink> {
    assertCan(ability, 'create', siteSubject('SharedLink', site));
    const rows = await this.metadataDb.query<LinkRow>(`SELECT ${COLUMNS} FROM shared_links WHERE site_id = $1 AND name = $2`, [site.id, name.trim()]);
    return rows[0] ? toPublic(toSecret(rows[0])) : this.create(ability, site, { name });
  }

  async delete(ability: AppAbility, site: SiteRecord, linkId: string): Promise<void> {
    assertCan(ability, 'delete', siteSubject('SharedLink', site));
    const rows = /^\d{1,19}$/.test(linkId)
      ? await this.metadataDb.query('DELETE FROM shared_links WHERE id = $1 AND site_id = $2 RETURNING id', [linkId, site.id])
      : [];
    if (rows.length === 0) throw notFound(`Shared link ${linkId} does not exist for ${site.domain}`);
  }

  /** The link a slug names (for authentication), with its password hash. */
  async findBySlug(slug: string): Promise<SharedLinkSecret | null> {
    if (typeof slug !== 'string' || slug.length === 0 || slug.length > 100) return null;
    const rows = await this.metadataDb.query<LinkRow>(`SELECT ${COLUMNS} FROM shared_links WHERE slug = $1`, [slug]);
    return rows[0] ? toSecret(rows[0]) : null;
  }
}
