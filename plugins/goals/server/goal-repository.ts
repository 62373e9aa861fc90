import type { MetadataDb } from '@qusto/sdk';

export interface Goal {
  id: string;
  display_name: string;
  event_name: string | null;
  page_path: string | null;
  scroll_threshold: number;
  custom_props: Record<string, string>;
  currency: string | null;
}

/** Goals in the metadata store, through the store interface the sdk hands plugins. */
export class GoalRepository {
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  list(siteId: string): Promise<Goal[]> {
    return this.metadataDb.query<Goal>(
      `SELECT id, display_name, event_name, page_path, scroll_threshold, custom_props, currency
         FROM goals WHERE site_id = $1 ORDER BY display_name`,
      [siteId],
    );
  }

  async deleteAllForSite(siteId: string): Promise<number> {
    const rows = await this.metadataDb.query<{ id: string }>('DELETE FROM goals WHERE site_id = $1 RETURNING id', [siteId]);
    return rows.length;
  }
}
