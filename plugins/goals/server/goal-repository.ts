import type { MetadataDb } from '@qusto/sdk';
import { GoalValidationError, type GoalDefinition } from './goal-input.ts';

export interface Goal {
  id: string;
  display_name: string;
  event_name: string | null;
  page_path: string | null;
  scroll_threshold: number;
  custom_props: Record<string, string>;
  currency: string | null;
}

const COLUMNS = 'id, display_name, event_name, page_path, scroll_threshold, custom_props, currency';

/** Goals in the metadata store, through the store interface the sdk hands plugins. */
export class GoalRepository {
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  list(siteId: string): Promise<Goal[]> {
    return this.metadataDb.query<Goal>(`SELECT ${COLUMNS} FROM goals WHERE site_id = $1 ORDER BY display_name`, [siteId]);
  }

  /**
   * Find-or-create, as Plausible's Sites API does: the same definition returns the existing
   * goal; a different goal under a display name already taken is refused.
   */
  async findOrCreate(siteId: string, goal: GoalDefinition): Promise<{ goal: Goal; created: boolean }> {
    return this.metadataDb.transaction(async (tx) => {
      const same = await tx.query<Goal>(
        `SELECT ${COLUMNS} FROM goals
          WHERE site_id = $1 AND event_name IS NOT DISTINCT FROM $2 AND page_path IS NOT DISTINCT FROM $3
            AND scroll_threshold = $4 AND custom_props = $5::jsonb AND currency IS NOT DISTINCT FROM $6`,
        [siteId, goal.eventName, goal.pagePath, goal.scrollThreshold, JSON.stringify(goal.customProps), goal.currency],
      );
      if (same[0]) return { goal: same[0], created: false };
      const taken = await tx.query('SELECT 1 FROM goals WHERE site_id = $1 AND display_name = $2', [siteId, goal.displayName]);
      if (taken.length > 0) throw new GoalValidationError('display_name', `"${goal.displayName}" has already been taken`);
      const rows = await tx.query<Goal>(
        `INSERT INTO goals (site_id, display_name, event_name, page_path, scroll_threshold, custom_props, currency)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING ${COLUMNS}`,
        [siteId, goal.displayName, goal.eventName, goal.pagePath, goal.scrollThreshold, JSON.stringify(goal.customProps), goal.currency],
      );
      return { goal: rows[0]!, created: true };
    });
  }

  /** Renames a goal; null when the site has no such goal. The new name must be free. */
  async rename(siteId: string, goalId: string, input: unknown): Promise<Goal | null> {
    if (!/^\d{1,19}$/.test(goalId)) return null;
    const name = typeof input === 'string' ? input.trim() : '';
    if (!name) throw new GoalValidationError('display_name', 'is required');
    if (name.length > 120) throw new GoalValidationError('display_name', 'should be at most 120 characters');
    return this.metadataDb.transaction(async (tx) => {
      const taken = await tx.query('SELECT 1 FROM goals WHERE site_id = $1 AND display_name = $2 AND id <> $3', [siteId, name, goalId]);
      if (taken.length > 0) throw new GoalValidationError('display_name', `"${name}" has already been taken`);
      const rows = await tx.query<Goal>(`UPDATE goals SET display_name = $3 WHERE site_id = $1 AND id = $2 RETURNING ${COLUMNS}`, [siteId, goalId, name]);
      return rows[0] ?? null;
    });
  }

  async delete(siteId: string, goalId: string): Promise<boolean> {
    if (!/^\d{1,19}$/.test(goalId)) return false;
    const rows = await this.metadataDb.query('DELETE FROM goals WHERE site_id = $1 AND id = $2 RETURNING id', [siteId, goalId]);
    return rows.length > 0;
  }

  async deleteAllForSite(siteId: string): Promise<number> {
    const rows = await this.metadataDb.query<{ id: string }>('DELETE FROM goals WHERE site_id = $1 RETURNING id', [siteId]);
    return rows.length;
  }
}
