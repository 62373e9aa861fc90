import type { EventStore } from '@qusto/sdk';
import type { Logger } from 'pino';
import { collapseSessionChanges } from './collapse-sessions.ts';
import { toEventRow, toSessionRow } from './event-rows.ts';
import type { SealedSegment, Spool } from './spool.ts';

export interface BatcherOptions {
  /** Seal and write at least this often. */
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
 * Moves sealed spool segments into the event store, oldest first. A segment is removed from
 * the spool only after both its inserts were confirmed; the segment id is the deduplication
 * token, so retrying (or replaying after a crash) never counts an event twice.
 */
export class Batcher {
  private readonly backlog: SealedSegment[] = [];
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private retryDelay: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Consecutive failed attempts; 0 while the event store is healthy. */
  failures = 0;

  constructor(
    private readonly spool: Spool,
    private readonly eventStore: EventStore,
    private readonly logger: Logger,
    private readonly onWritten: (segment: SealedSegment) => Promise<void>,
    private readonly options: BatcherOptions = DEFAULT_BATCHER_OPTIONS,
  ) {
    this.retryDelay = options.retryDelayMs;
  }

  /** Queues what a previous run left in the spool and starts the flush timer. */
  start(recovered: SealedSegment[]): void {
    this.backlog.push(...recovered);
    if (recovered.length > 0) {
      this.logger.info({ segments: recovered.length }, 'replaying events left in the ingestion spool');
      this.kick();
    }
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  /** Called after each accepted event: seals early when the open segment is big enough. */
  noteAppended(): void {
    if (this.spool.openRecordCount >= this.options.maxBatchRecords) void this.flush();
  }

  /** Seals the open segment and writes everything pending. */
  async flush(): Promise<void> {
    const sealed = await this.spool.seal();
    if (sealed) this.backlog.push(sealed);
    this.kick();
    await this.draining;
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
      try {
        await this.write(segment);
      } catch (error) {
        this.failures += 1;
        this.logger.warn(
          { err: error, segment: segment.id, backlog: this.backlog.length, retryInMs: this.retryDelay },
          'the event store did not accept a batch; it stays in the spool and will be retried',
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
      await this.onWritten(segment).catch((err) => this.logger.error({ err }, 'ingest:written handlers failed'));
    }
  }

  private async write(segment: SealedSegment): Promise<void> {
    const events = segment.records.flatMap((r) => r.events.map(toEventRow));
    const sessions = collapseSessionChanges(segment.records.flatMap((r) => r.sessions)).map((s) => toSessionRow(s.state, s.sign));
    if (events.length > 0) await this.eventStore.insert('events', events, { deduplicationToken: `${segment.id}:events` });
    if (sessions.length > 0) await this.eventStore.insert('sessions', sessions, { deduplicationToken: `${segment.id}:sessions` });
  }

  /**
   * Graceful stop: seal, then keep trying to write until `deadline`; what is still unwritten
   * stays in the spool for the next start.
   */
  async stop(deadline: number): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const sealed = await this.spool.seal();
    if (sealed) this.backlog.push(sealed);
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
