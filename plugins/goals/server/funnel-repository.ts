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
    return this.save(siteId, null, input) as Promise<Funnel>;
  }

  /** Replaces a funnel's name, steps and order mode; null when the site has no such funnel. */
  async update(siteId: string, funnelId: string, input: FunnelInput): Promise<Funnel | null> {
    if (!/^\d{1,19}$/.test(funnelId)) return null;
    return this.save(siteId, funnelId, input);
  }

  private async save(siteId: string, funnelId: string | null, input: FunnelInput): Promise<Funnel | null> {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name || name.length > 120) throw new GoalValidationError('name', 'is required (at most 120 characters)');
    const steps = Array.isArray(input.steps) ? input.steps.map(String) : [];
    if (steps.length < 2 || steps.length > 8) throw new GoalValidationError('steps', 'a funnel has 2 to 8 steps');
    if (new Set(steps).size !== steps.length) throw new GoalValidationError('steps', 'each goal can be a step once');
    if (!steps.every((id) => /^\d{1,19}$/.test(id))) throw new GoalValidationError('steps', 'every step must be a goal of this site');
    const strict = input.strict_order === true;
    return this.metadataDb.transaction(async (tx) => {
      if (funnelId !== null) {
        const exists = await tx.query('SELECT 1 FROM funnels WHERE site_id = $1 AND id = $2', [siteId, funnelId]);
        if (exists.length === 0) return null;
      }
      const goals = await tx.query<{ id: string }>('SELECT id FROM goals WHERE site_id = $1 AND id = ANY($2::bigint[])', [siteId, steps]);
      if (goals.length !== steps.length) throw new GoalValidationError('steps', 'every step must be a goal of this site');
      const taken = await tx.query('SELECT 1 FROM funnels WHERE site_id = $1 AND name = $2 AND id IS DISTINCT FROM $3::bigint', [siteId, name, funnelId]);
      if (taken.length > 0) throw new GoalValidationError('name', `"${name}" has already been taken`);
      let id = funnelId;
      if (id === null) {
        const [funnel] = await tx.query<{ id: string }>('INSERT INTO funnels (site_id, name, strict_order) VALUES ($1, $2, $3) RETURNING id', [siteId, name, strict]);
        id = String(funnel!.id);
      } else {
        await tx.query('UPDATE funnels SET name = $3, strict_order = $4 WHERE site_id = $1 AND id = $2', [siteId, id, name, strict]);
        await tx.query('DELETE FROM funnel_steps WHERE funnel_id = $1', [id]);
      }
      for (const [index, goalId] of steps.entries()) {
        await tx.query('INSERT INTO funnel_steps (funnel_id, step_order, goal_id) VALUES ($1, $2, $3)', [id, index + 1, goalId]);
      }
      return { id, name, strict_order: strict, steps };
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
