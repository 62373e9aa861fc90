import path from 'node:path';
import type { EventStore, MetadataDb } from '@qusto/sdk';
import type { Logger } from 'pino';
import type { HookBus } from '../hooks/hook-bus.ts';
import { Batcher, DEFAULT_BATCHER_OPTIONS, type BatcherOptions } from './batcher.ts';
import { createGeolocator } from './enrichment/index.ts';
import { IngestPipeline, type PipelineDeps, type DropReason, type IngestInput, type IngestOutcome } from './ingest-pipeline.ts';
import { SaltService } from './salts.ts';
import type { SessionCache } from './session-cache.ts';
import { SessionTracker } from './session-tracker.ts';
import { SiteGate } from './site-gate.ts';
import { SiteThrottle, type SiteRateLimit } from './site-throttle.ts';
import { Spool, SpoolFullError } from './spool.ts';
import type { SpoolRecord } from './spool-record.ts';
import type { FieldErrors } from './validate-event-request.ts';
import { describeFieldErrors, parseImportLines, type ImportReport } from './event-import.ts';
import { InProcessSessionCache } from './session-cache.ts';
import { LocationNameRecorder } from './location-names.ts';

export interface IngestionOptions {
  dataDir: string;
  spoolMaxBytes: number;
  cityDbPath: string | undefined;
  secretKeyBase: string;
  /** Per-site limit for live events; unset: none. */
  siteRateLimit?: SiteRateLimit | undefined;
  batcher?: Partial<BatcherOptions>;
}

/** An event that was written: when it happened and when its visit started (null: not known). */
export interface WrittenActivity {
  siteId: string;
  at: number;
  visitStart: number | null;
}

const instant = (timestamp: string) => Date.parse(`${timestamp.replace(' ', 'T')}Z`);

/** Each written event with its visit's start, from the visit states the batch carried. */
function writtenActivity(records: readonly SpoolRecord[]): WrittenActivity[] {
  const written: WrittenActivity[] = [];
  for (const record of records) {
    const starts = new Map(record.visits.map((change) => [`${change.state.siteId}:${change.state.sessionId}`, change.state.start] as const));
    for (const event of record.events) {
      const start = starts.get(`${event.siteId}:${event.sessionId}`);
      written.push({ siteId: event.siteId, at: instant(event.timestamp), visitStart: start === undefined ? null : instant(start) });
    }
  }
  return written;
}

export type IngestResult =
  | { status: 'accepted'; accepted: number; dropped: DropReason[] }
  | { status: 'invalid'; errors: FieldErrors }
  | { status: 'unavailable'; reason: string };

/**
 * The ingestion side of core: runs the pipeline, makes accepted events durable in the spool
 * before answering, and has the batcher move them into the event store.
 */
export class IngestionService {
  readonly siteGate: SiteGate;
  private readonly pipeline: IngestPipeline;
  private readonly pipelineDeps: PipelineDeps;
  private spool: Spool | null = null;
  private batcher: Batcher | null = null;
  readonly salts: SaltService;
  private readonly locationNames: LocationNameRecorder;
  private readonly writtenListeners: Array<(written: WrittenActivity[]) => Promise<void>> = [];

  constructor(
    private readonly deps: {
      metadataDb: MetadataDb;
      eventStore: EventStore;
      hookBus: HookBus;
      logger: Logger;
      sessionCache: SessionCache;
      options: IngestionOptions;
    },
  ) {
    this.siteGate = new SiteGate(deps.metadataDb);
    this.salts = new SaltService(deps.metadataDb, deps.options.secretKeyBase);
    this.locationNames = new LocationNameRecorder(deps.eventStore, deps.logger);
    this.pipelineDeps = {
      siteGate: this.siteGate,
      geolocator: createGeolocator({ cityDbPath: deps.options.cityDbPath, onPlace: this.locationNames.note }),
      salts: (at) => this.salts.saltsFor(at),
      sessions: new SessionTracker(deps.sessionCache),
      hookBus: deps.hookBus,
      throttle: deps.options.siteRateLimit ? new SiteThrottle(deps.options.siteRateLimit) : null,
    };
    this.pipeline = new IngestPipeline(this.pipelineDeps);
  }

  /**
   * Calls `listener` after each batch is in the event store (before `flush` resolves), with when
   * each event happened and when its visit started.
   */
  onWritten(listener: (written: WrittenActivity[]) => Promise<void>): void {
    this.writtenListeners.push(listener);
  }

  /** Opens the spool and replays what a previous run left in it. */
  async start(): Promise<void> {
    const { spool, recovered } = await Spool.open(path.join(this.deps.options.dataDir, 'spool'), this.deps.options.spoolMaxBytes);
    this.spool = spool;
    this.batcher = new Batcher(
      spool,
      this.deps.eventStore,
      this.deps.logger,
      async (records) => {
        await this.locationNames.write();
        if (this.writtenListeners.length > 0) {
          const written = writtenActivity(records);
          for (const listener of this.writtenListeners) await listener(written);
        }
        if (!this.deps.hookBus.has('ingest:written')) return;
        await this.deps.hookBus.emit('ingest:written', { events: records.flatMap((r) => r.events) });
      },
      { ...DEFAULT_BATCHER_OPTIONS, ...this.deps.options.batcher },
    );
    this.batcher.start(recovered);
  }

  /** Validates and processes one Events API request; resolves after accepted events are durable. */
  async ingest(input: IngestInput): Promise<IngestResult> {
    const outcome: IngestOutcome = await this.pipeline.process(input);
    if (outcome.status === 'invalid') return outcome;
    const accepted = outcome.record.events.length;
    if (accepted > 0) {
      if (!this.spool || !this.batcher) return { status: 'unavailable', reason: 'ingestion is not started' };
      try {
        await this.spool.append(outcome.record);
      } catch (error) {
        if (error instanceof SpoolFullError) return { status: 'unavailable', reason: error.message };
        throw error;
      }
      this.batcher.noteAppended();
    }
    return { status: 'accepted', accepted, dropped: outcome.dropped };
  }

  /**
   * Backfills raw events for a site: each line goes through the same pipeline in timestamp
   * order with its own timestamp, with visits of its own (never mixed with live visits), into
   * the spool; then everything is written. Bad lines are reported by number and skipped.
   */
  async importEvents(domain: string, ndjson: string): Promise<ImportReport> {
    const { entries, errors, read } = parseImportLines(ndjson, domain);
    const pipeline = new IngestPipeline({ ...this.pipelineDeps, sessions: new SessionTracker(new InProcessSessionCache()), throttle: null });
    const report: ImportReport = { read, imported: 0, dropped: {}, errors };
    const CHUNK = 5000;
    for (let start = 0; start < entries.length; start += CHUNK) {
      const records = [];
      for (const entry of entries.slice(start, start + CHUNK)) {
        const outcome = await pipeline.process({ body: entry.body, ip: entry.ip, userAgent: entry.userAgent, at: entry.at, allowMissingUserAgent: true });
        if (outcome.status === 'invalid') {
          report.errors.push({ line: entry.line, error: describeFieldErrors(outcome.errors) });
          continue;
        }
        for (const reason of outcome.dropped) report.dropped[reason] = (report.dropped[reason] ?? 0) + 1;
        if (outcome.record.events.length > 0) {
          records.push(outcome.record);
          report.imported += outcome.record.events.length;
        }
      }
      if (!this.spool) throw new Error('ingestion is not started');
      await Promise.all(records.map((record) => this.spool!.append(record)));
      // Written chunk by chunk, so a large file never fills the spool.
      await this.flush();
    }
    report.errors.sort((a, b) => a.line - b.line);
    return report;
  }

  /**
   * Before a site's stats are reset: writes what is spooled (so nothing lands after the delete)
   * and forgets the site's live visits (so no later event cancels a visit row that is gone).
   */
  async forgetSite(siteId: string): Promise<void> {
    await this.flush();
    await this.deps.sessionCache.forgetSite(siteId);
  }

  /** Writes everything spooled so far to the event store (tests, imports, shutdown). */
  async flush(): Promise<void> {
    await this.batcher?.flush();
  }

  get pending(): { segments: number; bytes: number; failures: number } {
    return { segments: this.batcher?.backlogSegments ?? 0, bytes: this.spool?.pendingBytes ?? 0, failures: this.batcher?.failures ?? 0 };
  }

  /** Drains to the event store until the deadline; the rest stays spooled for the next start. */
  async stop(deadline: number): Promise<void> {
    await this.batcher?.stop(deadline);
    await this.locationNames.write();
    await this.spool?.close();
    await this.deps.sessionCache.close();
  }
}
