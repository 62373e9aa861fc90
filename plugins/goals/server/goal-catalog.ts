import type { MetadataDb } from '@qusto/sdk';
import type { Goal } from './goal-repository.ts';

/**
 * Every site's goals in memory, because stats SQL is compiled synchronously. Reloaded after
 * each change made through this instance and every `refreshMs` for changes made by others.
 */
export class GoalCatalog {
  private bySite = new Map<string, Goal[]>();
  private timer: NodeJS.Timeout | null = null;
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  goals(siteId: string): readonly Goal[] {
    return this.bySite.get(siteId) ?? [];
  }

  async refresh(): Promise<void> {
    const rows = await this.metadataDb.query<Goal & { site_id: string }>(
      'SELECT id, site_id, display_name, event_name, page_path, scroll_threshold, custom_props, currency FROM goals ORDER BY id',
    );
    const bySite = new Map<string, Goal[]>();
    for (const { site_id, ...goal } of rows) {
      const list = bySite.get(String(site_id)) ?? [];
      list.push({ ...goal, id: String(goal.id) });
      bySite.set(String(site_id), list);
    }
    this.bySite = bySite;
  }

  async start(refreshMs = 30_000): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => {}), refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
