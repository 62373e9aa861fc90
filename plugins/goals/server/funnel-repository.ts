import type { MetadataDb } from '@qusto/sdk';
import { GoalValidationError } from './goal-input.ts';

export interface Funnel {
  id: string;
  name: string;
  strict_order: boolean;
  /** Goal ids in step order. */
  steps: string[];
}

export interface FunnelInput {
  name?: unknown;
  strict_order?: unknown;
  steps?: unknown;
}

/** Funnels of a site: 2–8 distinct goals of that site, in order. */
export class FunnelRepository {
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  async list(siteId: string): Promise<Funnel[]> {
    const rows = await this.metadataDb.query<{ id: string; name: string; strict_order: boolean; goal_id: string }>(
      `SELECT f.id, f.name, f.strict_order, s.goal_id FROM funnels f JOIN funnel_steps s ON s.funnel_id = f.id
        WHERE f.site_id = $1 ORDER BY f.name, f.id, s.step_order`,
      [siteId],
    );
    const funnels = new Map<string, Funnel>();
    for (const row of rows) {
      const funnel = funnels.get(row.id) ?? { id: String(row.id), name: row.name, strict_order: row.strict_order, steps: [] };
      funnel.steps.push(String(row.goal_id));
      funnels.set(row.id, funnel);
    }
    return [...funnels.values()];
  }

  async get(siteId: string, funnelId: string): Promise<Funnel | null> {
    if (!/^\d{1,19}$/.test(funnelId)) return null;
    return (await this.list(siteId)).find((f) => f.id === funnelId) ?? null;
  }

  async create(siteId: string, input: FunnelInput): Promise<Funnel> {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name || name.length > 120) throw new GoalValidationError('name', 'is required (at most 120 characters)');
    const steps = Array.isArray(input.steps) ? input.steps.map(String) : [];
    if (steps.length < 2 || steps.length > 8) throw new GoalValidationError('steps', 'a funnel has 2 to 8 steps');
    if (new Set(steps).size !== steps.length) throw new GoalValidationError('steps', 'each goal can be a step once');
    return this.metadataDb.transaction(async (tx) => {
      const goals = await tx.query<{ id: string }>('SELECT id FROM goals WHERE site_id = $1 AND id = ANY($2::bigint[])', [siteId, steps]);
      if (goals.length !== steps.length) throw new GoalValidationError('steps', 'every step must be a goal of this site');
      const taken = await tx.query('SELECT 1 FROM funnels WHERE site_id = $1 AND name = $2', [siteId, name]);
      if (taken.length > 0) throw new GoalValidationError('name', `"${name}" has already been taken`);
      const [funnel] = await tx.query<{ id: string }>(
        'INSERT INTO funnels (site_id, name, strict_order) VALUES ($1, $2, $3) RETURNING id',
        [siteId, name, input.strict_order === true],
      );
      for (const [index, goalId] of steps.entries()) {
        await tx.query('INSERT INTO funnel_steps (funnel_id, step_order, goal_id) VALUES ($1, $2, $3)', [funnel!.id, index + 1, goalId]);
      }
      return { id: String(funnel!.id), name, strict_order: input.strict_order === true, steps };
    });
  }

  async delete(siteId: string, funnelId: string): Promise<boolean> {
    if (!/^\d{1,19}$/.test(funnelId)) return false;
    const rows = await this.metadataDb.query('DELETE FROM funnels WHERE site_id = $1 AND id = $2 RETURNING id', [siteId, funnelId]);
    return rows.length > 0;
  }

  async deleteAllForSite(siteId: string): Promise<void> {
    await this.metadataDb.query('DELETE FROM funnels WHERE site_id = $1', [siteId]);
  }
}
