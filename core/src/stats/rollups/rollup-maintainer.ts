import type { EventStore, MetadataDb } from '@qusto/sdk';
import type { Logger } from 'pino';
import { addDays, type PlainDate } from '../query/timezone.ts';
import type { RollupBuilder } from './rollup-builder.ts';
import { utcDay, type RollupCatalog, type RollupDay } from './rollup-catalog.ts';
import { ROLLUP_FORMAT } from './rollup-keys.ts';

const DAY_MS = 86_400_000;
/** A visit ends 30 minutes after its last event: a day is closed once all its visits have ended. */
const VISIT_TIMEOUT_MS = 30 * 60_000;
/** First pass after start-up: let the server settle first. */
const FIRST_PASS_DELAY_MS = 5_000;
/** Most time one pass spends building; the rest waits for the next pass. */
const PASS_BUDGET_MS = 20_000;
/** Next pass when a pass left work behind. */
const BACKLOG_DELAY_MS = 1_000;

const ADVISORY_LOCK_SQL = "SELECT pg_try_advisory_xact_lock(hashtextextended('qusto:rollups:' || current_schema(), 0)) AS locked";

/** What was just written to the event store: when, and when its visit started (null: unknown). */
export interface WrittenActivity {
  siteId: string;
  at: number;
  visitStart: number | null;
}

export interface RollupMaintainerDeps {
  eventStore: EventStore;
  metadataDb: MetadataDb;
  catalog: RollupCatalog;
  builder: RollupBuilder;
  logger: Logger;
  listSites: () => Promise<Array<{ id: string; timezone: string }>>;
  /** How often to look for days to roll up; 0: only when asked (runOnce). */
  intervalMs: number;
  now?: () => number;
}

/** Tasks of the same day and time zone, newest day first. */
function groupIntoBatches(tasks: Task[]): Task[][] {
  const batches = new Map<string, Task[]>();
  for (const task of tasks) {
    const key = `${task.day} ${task.timezone}`;
    const batch = batches.get(key);
    if (batch) batch.push(task);
    else batches.set(key, [task]);
  }
  return [...batches.values()].sort((a, b) => (a[0]!.day === b[0]!.day ? 0 : a[0]!.day < b[0]!.day ? 1 : -1));
}

interface Task {
  siteId: string;
  timezone: string;
  day: PlainDate;
  previous: RollupDay | undefined;
}

/**
 * Keeps rollups current: every interval it rolls up the closed days of every site (newest
 * first, a bounded amount per pass), rebuilds days in a new time zone or format, and marks days
 * dirty when events of their visits are written late (spool replays, backfills).
 */
export class RollupMaintainer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<{ built: number; remaining: number }> | null = null;
  private stopped = false;
  /** Bumped when a site's events are deleted, so a build racing the delete is not recorded. */
  private readonly generations = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly deps: RollupMaintainerDeps) {
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    if (this.deps.intervalMs <= 0) return;
    this.schedule(FIRST_PASS_DELAY_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runOnce({ budgetMs: PASS_BUDGET_MS })
        .then(({ remaining }) => this.schedule(remaining > 0 ? BACKLOG_DELAY_MS : this.deps.intervalMs))
        .catch((err) => {
          this.deps.logger.warn({ err }, 'rolling up stats failed; dashboards read raw events until the next try');
          this.schedule(this.deps.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  /**
   * One pass over what is pending, within the budget (default: everything). A pass already
   * under way may have missed what was written since it started: this one starts after it.
   */
  async runOnce(options: { budgetMs?: number } = {}): Promise<{ built: number; remaining: number }> {
    while (this.running) await this.running.catch(() => {});
    this.running = this.locked(() => this.pass(options.budgetMs ?? Number.POSITIVE_INFINITY)).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Only one instance rolls up at a time (PostgreSQL); PGlite is one process anyway. */
  private async locked(pass: () => Promise<{ built: number; remaining: number }>): Promise<{ built: number; remaining: number }> {
    if (this.deps.metadataDb.kind !== 'postgres') return pass();
    return this.deps.metadataDb.transaction(async (tx) => {
      const [row] = await tx.query<{ locked: boolean }>(ADVISORY_LOCK_SQL);
      return row?.locked ? pass() : { built: 0, remaining: 0 };
    });
  }

  private async pass(budgetMs: number): Promise<{ built: number; remaining: number }> {
    const started = this.now();
    const batches = groupIntoBatches(await this.pendingTasks());
    const superseded: Array<{ siteId: string; build: string }> = [];
    let built = 0;
    try {
      for (const batch of batches) {
        if (this.stopped || this.now() - started > budgetMs) break;
        superseded.push(...(await this.buildBatch(batch)));
        built++;
      }
    } finally {
      await this.deps.builder.dropBuilds(superseded);
    }
    if (built > 0) this.deps.logger.debug({ built, remaining: batches.length - built, ms: this.now() - started }, 'stats rollups built');
    return { built, remaining: batches.length - built };
  }

  /** Days to build, newest first; empty closed days are recorded on the way. */
  private async pendingTasks(): Promise<Task[]> {
    const now = this.now();
    const rows = await this.deps.eventStore.query<{ site_id: string; day: string; last: string }>(
      `SELECT toString(site_id) AS site_id, toString(toDate(start)) AS day, toString(toUnixTimestamp(max(timestamp)) * 1000) AS last
         FROM sessions GROUP BY site_id, day`,
    );
    const activity = new Map<string, Map<PlainDate, number>>();
    for (const row of rows) {
      let days = activity.get(row.site_id);
      if (!days) activity.set(row.site_id, (days = new Map()));
      days.set(row.day, Number(row.last));
    }
    // A day is closed once it is over and every visit that started on it has ended.
    const lastClosedDay = utcDay(now - DAY_MS - VISIT_TIMEOUT_MS);
    const tasks: Task[] = [];
    for (const site of await this.deps.listSites()) {
      const days = activity.get(site.id);
      if (!days) continue;
      const catalog = await this.deps.catalog.site(site.id);
      const firstDay = [...days.keys()].sort()[0]!;
      const generation = this.generation(site.id);
      const empty: Array<[PlainDate, Omit<RollupDay, 'updatedAt'>]> = [];
      for (let day = firstDay; day <= lastClosedDay; day = addDays(day, 1)) {
        const row = catalog.days.get(day);
        const current = row && row.state === 'built' && row.timezone === site.timezone && row.format === ROLLUP_FORMAT;
        const last = days.get(day);
        if (last === undefined) {
          if (!current || row.build !== '0') empty.push([day, { state: 'built', build: '0', timezone: site.timezone, format: ROLLUP_FORMAT, maxActivity: 0 }]);
        } else if (!current && last < now - VISIT_TIMEOUT_MS) {
          tasks.push({ siteId: site.id, timezone: site.timezone, day, previous: row });
        }
      }
      if (generation !== this.generation(site.id)) continue;
      await this.deps.catalog.record(site.id, empty);
      if (catalog.firstDay !== firstDay) await this.deps.catalog.recordFirstDay(site.id, firstDay);
    }
    return tasks;
  }

  /** One day of several sites in one time zone: one set of statements for all of them. Returns the builds it replaced. */
  private async buildBatch(batch: Task[]): Promise<Array<{ siteId: string; build: string }>> {
    const { day, timezone } = batch[0]!;
    const generations = new Map(batch.map((task) => [task.siteId, this.generation(task.siteId)] as const));
    const build = String(Math.max(this.now(), ...batch.map((task) => Number(task.previous?.build ?? 0) + 1)));
    const results = await this.deps.builder.build(
      batch.map((task) => task.siteId),
      day,
      timezone,
      build,
    );
    const superseded: Array<{ siteId: string; build: string }> = [];
    for (const { siteId, previous } of batch) {
      if (generations.get(siteId) !== this.generation(siteId)) continue;
      const result = results.get(siteId);
      await this.deps.catalog.record(siteId, [
        [
          day,
          result
            ? { state: 'built', build, timezone, format: ROLLUP_FORMAT, maxActivity: result.maxActivity }
            : { state: 'built', build: '0', timezone, format: ROLLUP_FORMAT, maxActivity: 0 },
        ],
      ]);
      if (previous && previous.build !== '0') superseded.push({ siteId, build: previous.build });
    }
    return superseded;
  }

  /**
   * Marks the days whose rollups miss what was just written. Live traffic belongs to visits
   * that have not ended, whose days are not rolled up yet: nothing to do. Events written late
   * (a spool replayed after an outage, a backfill) may belong to rolled-up days.
   */
  async noteWritten(written: readonly WrittenActivity[]): Promise<void> {
    const bySite = new Map<string, WrittenActivity[]>();
    for (const entry of written) {
      const list = bySite.get(entry.siteId);
      if (list) list.push(entry);
      else bySite.set(entry.siteId, [entry]);
    }
    for (const [siteId, entries] of bySite) {
      const catalog = await this.deps.catalog.site(siteId);
      const dirty = new Map<PlainDate, Omit<RollupDay, 'updatedAt'>>();
      const markDirty = (day: PlainDate, row: RollupDay | undefined) => {
        if (!dirty.has(day)) dirty.set(day, { state: 'dirty', build: row?.build ?? '0', timezone: row?.timezone ?? '', format: row?.format ?? 0, maxActivity: row?.maxActivity ?? 0 });
      };
      for (const { at, visitStart } of entries) {
        if (visitStart !== null) {
          // The visit's day: rolled up before this arrived, or thought empty.
          const day = utcDay(visitStart);
          const row = catalog.days.get(day);
          if (row ? row.state === 'built' && at < row.updatedAt : catalog.firstDay !== null && day < catalog.firstDay) markDirty(day, row);
          continue;
        }
        // Without a visit (engagement events): any visit it could belong to was still going at `at`.
        for (const day of [utcDay(at - DAY_MS), utcDay(at)]) {
          const row = catalog.days.get(day);
          if (row?.state === 'built' && row.build !== '0' && at < row.maxActivity + VISIT_TIMEOUT_MS) markDirty(day, row);
        }
      }
      await this.deps.catalog.record(siteId, [...dirty]);
    }
  }

  /** A site's events were deleted (stats reset, site deleted). */
  forgetSite(siteId: string): void {
    this.generations.set(siteId, this.generation(siteId) + 1);
    this.deps.catalog.forget(siteId);
  }

  private generation(siteId: string): number {
    return this.generations.get(siteId) ?? 0;
  }
}

