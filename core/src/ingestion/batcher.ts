import type { EventStore } from '@qusto/sdk';
import type { Logger } from 'pino';
import { collapseSessionChanges } from './collapse-sessions.ts';
import { EVENT_ROW_COLUMNS, SESSION_ROW_COLUMNS, toEventRow, toSessionRow } from './event-rows.ts';
import type { SealedSegment, Spool } from './spool.ts';
import type { SpoolRecord } from './spool-record.ts';

export interface BatcherOptions {
  /** Longest an accepted event waits in the open segment before the segment is sealed and written. */
  flushIntervalMs: number;
  /** Seal early once the open segment holds this many records. */
  maxBatchRecords: number;
  /** First retry delay after the event store failed; doubles up to maxRetryDelayMs. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
}

export const DEFAULT_BATCHER_OPTIONS: BatcherOptions = {
  flushIntervalMs: 1000,
  maxBatchRecords: 5000,
  retryDelayMs: 500,
  maxRetryDelayMs: 30_000,
};

/**
 * Waiting segments whose records stay in memory; the ones queued behind them are set aside to
 * be read back from disk when their turn comes. While the event store is down the backlog grows
 * up to SPOOL_MAX_BYTES on disk, never in memory.
 */
const SEGMENTS_KEPT_IN_MEMORY = 2;

/**
 * Moves sealed spool segments into the event store, oldest first. A segment is removed from
 * the spool only after both its inserts were confirmed; the segment id is the deduplication
 * token, so retrying (or replaying after a crash) never counts an event twice.
 */
export class Batcher {
  private readonly backlog: SealedSegment[] = [];
  /** Armed by the first record of the open segment: seals it flushIntervalMs later. */
  private sealTimer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private retryDelay: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  private stopped = false;
  /** Consecutive failed attempts; 0 while the event store is healthy. */
  failures = 0;

  constructor(
    private readonly spool: Spool,
    private readonly eventStore: EventStore,
    private readonly logger: Logger,
    private readonly onWritten: (records: readonly SpoolRecord[]) => Promise<void>,
    private readonly options: BatcherOptions = DEFAULT_BATCHER_OPTIONS,
  ) {
    this.retryDelay = options.retryDelayMs;
  }

  /** Queues what a previous run left in the spool and writes it. */
  start(recovered: SealedSegment[]): void {
    for (const segment of recovered) this.enqueue(segment);
    if (recovered.length > 0) {
      this.logger.info({ segments: recovered.length }, 'replaying events left in the ingestion spool');
      this.kick();
    }
  }

  /**
   * Called after each accepted event: seals when the open segment is big enough, else makes sure
   * it is sealed once its first record is flushIntervalMs old. Timing from the first record (not
   * a fixed tick) keeps every batch as large as that wait allows: each insert costs the event store
   * a fixed part of its CPU, which a small remainder batch after an early seal would waste.
   */
  noteAppended(): void {
    if (this.spool.openRecordCount >= this.options.maxBatchRecords) {
      void this.flush();
      return;
    }
    if (this.sealTimer || this.stopping) return;
    this.sealTimer = setTimeout(() => {
      this.sealTimer = null;
      void this.flush();
    }, this.options.flushIntervalMs);
    this.sealTimer.unref();
  }

  /** Seals the open segment and writes everything pending. */
  async flush(): Promise<void> {
    this.clearSealTimer();
    const sealed = await this.spool.seal();
    if (sealed) this.enqueue(sealed);
    this.kick();
    await this.draining;
  }

  private enqueue(segment: SealedSegment): void {
    this.backlog.push(this.backlog.length < SEGMENTS_KEPT_IN_MEMORY ? segment : { ...segment, records: null });
  }

  private clearSealTimer(): void {
    if (!this.sealTimer) return;
    clearTimeout(this.sealTimer);
    this.sealTimer = null;
  }

  get backlogSegments(): number {
    return this.backlog.length;
  }

  private kick(): void {
    if (this.draining || this.retryTimer || this.backlog.length === 0) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
  }

  private async drain(): Promise<void> {
    while (this.backlog.length > 0 && !this.stopped) {
      const segment = this.backlog[0]!;
      let records: readonly SpoolRecord[];
      try {
        records = await this.spool.read(segment);
        // Kept in memory for retries: only the head of the backlog is being written.
        this.backlog[0] = { ...segment, records };
        await this.write(segment.id, records);
      } catch (error) {
        this.failures += 1;
        this.logger.warn(
          { err: error, segment: segment.id, backlog: this.backlog.length, retryInMs: this.retryDelay },
          'a batch could not be written to the event store; it stays in the spool and will be retried',
        );
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, this.retryDelay);
        this.retryTimer.unref();
        this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryDelayMs);
        return;
      }
      this.backlog.shift();
      this.failures = 0;
      this.retryDelay = this.options.retryDelayMs;
      await this.spool.remove(segment);
      await this.onWritten(records).catch((err) => this.logger.error({ err }, 'ingest:written handlers failed'));
    }
  }

  /** Both inserts carry the segment id as deduplication token: a retry or a replay is applied once. */
  private async write(segmentId: string, records: readonly SpoolRecord[]): Promise<void> {
    const events = records.flatMap((r) => r.events.map(toEventRow));
    const sessions = collapseSessionChanges(records.flatMap((r) => r.visits)).map((s) => toSessionRow(s.state, s.sign));
    if (events.length > 0) {
      await this.eventStore.insert('events', events, { deduplicationToken: `${segmentId}:events`, columns: EVENT_ROW_COLUMNS });
    }
    if (sessions.length > 0) {
      await this.eventStore.insert('sessions', sessions, { deduplicationToken: `${segmentId}:sessions`, columns: SESSION_ROW_COLUMNS });
    }
  }

  /**
   * Graceful stop: seal, then keep trying to write until `deadline`; what is still unwritten
   * stays in the spool for the next start.
   */
  async stop(deadline: number): Promise<void> {
    this.stopping = true;
    this.clearSealTimer();
    const sealed = await this.spool.seal();
    if (sealed) this.enqueue(sealed);
    while (this.backlog.length > 0 && Date.now() < deadline) {
      if (this.retryTimer) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
      }
      this.kick();
      await this.draining;
      if (this.backlog.length > 0) await new Promise((r) => setTimeout(r, Math.min(250, Math.max(0, deadline - Date.now()))));
    }
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.backlog.length > 0) {
      this.logger.warn({ segments: this.backlog.length }, 'stopping with events still in the spool; they will be written at the next start');
    }
  }
}
