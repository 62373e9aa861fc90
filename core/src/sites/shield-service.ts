import type { MetadataDb } from '@qusto/sdk';
import { assertCan, siteSubject, type AppAbility } from '../auth/abilities.ts';
import { badRequest, conflict, notFound } from '../auth/errors.ts';
import { validateShieldRule, type ShieldKind } from '../ingestion/shields.ts';
import type { SiteCacheInvalidator } from './site-service.ts';
import type { SiteRecord } from './site-repository.ts';

export const SHIELD_KINDS: readonly ShieldKind[] = ['ip', 'page', 'hostname', 'country'];
export const MAX_SHIELDS_PER_KIND = 30;

export interface Shield {
  id: string;
  kind: ShieldKind;
  value: string;
  description: string;
  createdAt: string;
}

interface ShieldRow {
  id: string;
  kind: ShieldKind;
  value: string;
  description: string;
  created_at: Date | string;
}

const toShield = (row: ShieldRow): Shield => ({
  id: String(row.id),
  kind: row.kind,
  value: row.value,
  description: row.description,
  createdAt: new Date(row.created_at).toISOString(),
});

/** A site's shields (IP, page, country block lists; hostname allow list), at most 30 of each kind. */
export class ShieldService {
  private readonly metadataDb: MetadataDb;
  private readonly invalidate: SiteCacheInvalidator;

  constructor(deps: { metadataDb: MetadataDb; siteCacheInvalidator: SiteCacheInvalidator }) {
    this.metadataDb = deps.metadataDb;
    this.invalidate = deps.siteCacheInvalidator;
  }

  async list(ability: AppAbility, site: SiteRecord): Promise<Shield[]> {
    assertCan(ability, 'read', siteSubject('SiteSettings', site));
    const rows = await this.metadataDb.query<ShieldRow>(
      'SELECT id, kind, value, description, created_at FROM site_shields WHERE site_id = $1 ORDER BY kind, id',
      [site.id],
    );
    return rows.map(toShield);
  }

  async add(ability: AppAbility, site: SiteRecord, input: { kind: unknown; value: unknown; description?: unknown }): Promise<Shield> {
    assertCan(ability, 'update', siteSubject('SiteSettings', site));
    if (typeof input.kind !== 'string' || !SHIELD_KINDS.includes(input.kind as ShieldKind)) throw badRequest(`kind must be one of ${SHIELD_KINDS.join(', ')}`);
    const kind = input.kind as ShieldKind;
    if (typeof input.value !== 'string' || !input.value.trim() || input.value.length > 250) throw badRequest('value must be 1 to 250 characters');
    const value = kind === 'country' ? input.value.trim().toUpperCase() : kind === 'hostname' ? input.value.trim().toLowerCase() : input.value.trim();
    const problem = validateShieldRule({ kind, value });
    if (problem) throw badRequest(problem);
    const description = input.description === undefined ? '' : input.description;
    if (typeof description !== 'string' || description.length > 200) throw badRequest('description must be at most 200 characters');
    const shield = await this.metadataDb.transaction(async (tx) => {
      // The site row lock serialises concurrent adds, so the limit holds.
      await tx.query('SELECT id FROM sites WHERE id = $1 FOR UPDATE', [site.id]);
      const count = await tx.query<{ n: string }>('SELECT count(*) AS n FROM site_shields WHERE site_id = $1 AND kind = $2', [site.id, kind]);
      if (Number(count[0]?.n ?? 0) >= MAX_SHIELDS_PER_KIND) throw badRequest(`A site can have at most ${MAX_SHIELDS_PER_KIND} ${kind} rules`);
      const rows = await tx.query<ShieldRow>(
        `INSERT INTO site_shields (site_id, kind, value, description) VALUES ($1, $2, $3, $4)
         ON CONFLICT (site_id, kind, value) DO NOTHING RETURNING id, kind, value, description, created_at`,
        [site.id, kind, value, description],
      );
      if (!rows[0]) throw conflict(`The ${kind} rule "${value}" already exists`);
      return toShield(rows[0]);
    });
    this.invalidate(site.domain);
    return shield;
  }

  async remove(ability: AppAbility, site: SiteRecord, shieldId: string): Promise<void> {
    assertCan(ability, 'update', siteSubject('SiteSettings', site));
    const rows = /^\d{1,19}$/.test(shieldId)
      ? await this.metadataDb.query('DELETE FROM site_shields WHERE id = $1 AND site_id = $2 RETURNING id', [shieldId, site.id])
      : [];
    if (rows.length === 0) throw notFound(`Shield ${shieldId} does not exist for ${site.domain}`);
    this.invalidate(site.domain);
  }
}
