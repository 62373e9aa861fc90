import type { MetadataDb, SiteRef } from '@qusto/sdk';
import { LRUCache } from 'lru-cache';
import { SITE_BY_INGEST_DOMAIN_SQL } from '../sites/site-repository.ts';
import { SiteShields, type ShieldRule } from './shields.ts';

export interface GatedSite {
  site: SiteRef;
  shields: SiteShields;
}

interface Entry {
  value: GatedSite | null;
}

/**
 * Finds the site an event is for, by domain, with its shields — cached, because every event
 * asks. Unknown domains are cached too, so a flood for a domain nobody registered costs no
 * queries. Changes take effect within `ttlMs`, or at once after `invalidate`.
 */
export class SiteGate {
  private readonly cache: LRUCache<string, Entry>;
  private readonly loading = new Map<string, Promise<Entry>>();

  constructor(
    private readonly metadataDb: MetadataDb,
    ttlMs = 60_000,
  ) {
    this.cache = new LRUCache({ max: 50_000, ttl: ttlMs });
  }

  async lookup(domain: string): Promise<GatedSite | null> {
    const cached = this.cache.get(domain);
    if (cached) return cached.value;
    let pending = this.loading.get(domain);
    if (!pending) {
      pending = this.load(domain).finally(() => this.loading.delete(domain));
      this.loading.set(domain, pending);
    }
    return (await pending).value;
  }

  invalidate(domain?: string): void {
    if (domain) this.cache.delete(domain);
    else this.cache.clear();
  }

  private async load(domain: string): Promise<Entry> {
    // A renamed site keeps receiving events sent to its previous domain for a grace period.
    const sites = await this.metadataDb.query<{ id: string; domain: string; timezone: string }>(SITE_BY_INGEST_DOMAIN_SQL, [domain]);
    const row = sites[0];
    let entry: Entry = { value: null };
    if (row) {
      const rules = await this.metadataDb.query<ShieldRule>('SELECT kind, value FROM site_shields WHERE site_id = $1', [row.id]);
      entry = { value: { site: { id: String(row.id), domain: row.domain, timezone: row.timezone }, shields: new SiteShields(rules) } };
    }
    this.cache.set(domain, entry);
    return entry;
  }
}
