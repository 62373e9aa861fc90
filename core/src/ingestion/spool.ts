import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { decodeSpoolRecord, encodeSpoolRecord, type SpoolRecord } from './spool-record.ts';

export interface SealedSegment {
  /** Unique forever (start time + sequence); doubles as the insert deduplication token. */
  id: string;
  bytes: number;
  /**
   * The records while they are in memory (a segment just sealed); null for one that is only on
   * disk (left by an earlier run, or set aside while the event store is behind): see `read`.
   */
  records: readonly SpoolRecord[] | null;
}

export class SpoolFullError extends Error {
  constructor(limit: number) {
    super(`the ingestion spool is full (${limit} bytes): the event store has not accepted events for a while`);
    this.name = 'SpoolFullError';
  }
}

interface PendingWrite {
  line: string;
  record: SpoolRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const SEGMENT = /^seg-(\d{13})-(\d{8})\.ndjson$/;

/**
 * The write-ahead spool. Accepted events are appended to the open segment and fsync'd in group
 * commits before the caller answers 202; the batcher seals segments and deletes each one only
 * after the event store confirmed it. Segments left by a crash are read back on open.
 */
export class Spool {
  private file: FileHandle | null = null;
  private segmentId = '';
  private segmentRecords: SpoolRecord[] = [];
  private segmentBytes = 0;
  private sealedBytes = 0;
  private readonly startedAt = Date.now();
  private sequence = 0;
  private queue: PendingWrite[] = [];
  private queuedBytes = 0;
  private flushScheduled = false;
  private operations: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  /**
   * Opens the spool; returns it with the segments a previous run left behind, oldest first. They
   * are only listed: a full spool after a long outage would not fit in memory all at once.
   */
  static async open(dir: string, maxBytes: number): Promise<{ spool: Spool; recovered: SealedSegment[] }> {
    mkdirSync(dir, { recursive: true });
    const spool = new Spool(dir, maxBytes);
    const recovered = readdirSync(dir)
      .filter((name) => SEGMENT.test(name))
      .sort()
      .map((name): SealedSegment => ({ id: name.replace(/\.ndjson$/, ''), bytes: statSync(path.join(dir, name)).size, records: null }));
    spool.sealedBytes = recovered.reduce((sum, segment) => sum + segment.bytes, 0);
    await spool.openSegment();
    return { spool, recovered };
  }

  /** The records of a sealed segment: from memory, or read back from its file. */
  async read(segment: SealedSegment): Promise<readonly SpoolRecord[]> {
    if (segment.records) return segment.records;
    const text = await readFile(path.join(this.dir, `${segment.id}.ndjson`), 'utf8');
    const records: SpoolRecord[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        records.push(decodeSpoolRecord(line));
      } catch (error) {
        // A crash can tear the last line: it was never fsync'd, so never acknowledged. Any
        // other problem keeps the segment in the spool (the batcher retries and says why).
        if (!(error instanceof SyntaxError)) throw error;
      }
    }
    return records;
  }

  private async openSegment(): Promise<void> {
    this.sequence += 1;
    this.segmentId = `seg-${this.startedAt}-${String(this.sequence).padStart(8, '0')}`;
    this.file = await open(path.join(this.dir, `${this.segmentId}.ndjson`), 'a');
    this.segmentRecords = [];
    this.segmentBytes = 0;
  }

  /** Bytes waiting on disk for the event store. */
  get pendingBytes(): number {
    return this.sealedBytes + this.segmentBytes;
  }

  get openRecordCount(): number {
    return this.segmentRecords.length;
  }

  /** Appends durably: resolves once the record is fsync'd. Rejects with SpoolFullError when over the bound. */
  append(record: SpoolRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the spool is closed'));
    const line = `${encodeSpoolRecord(record)}\n`;
    const bytes = Buffer.byteLength(line);
    if (this.pendingBytes + this.queuedBytes + bytes > this.maxBytes) {
      return Promise.reject(new SpoolFullError(this.maxBytes));
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, record, resolve, reject });
      this.queuedBytes += bytes;
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // Let the requests of this tick join the same group commit.
        setImmediate(() => {
          this.flushScheduled = false;
          void this.serially(() => this.writeQueued());
        });
      }
    });
  }

  /** File operations run one at a time, so a seal never races a write. */
  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.operations.then(operation);
    this.operations = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Group commit: everything queued goes out in one write + one fsync. */
  private async writeQueued(): Promise<void> {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    const bytes = this.queuedBytes;
    this.queue = [];
    this.queuedBytes = 0;
    const data = batch.map((w) => w.line).join('');
    try {
      await this.file!.write(data);
      await this.file!.datasync();
      this.segmentBytes += bytes;
      for (const write of batch) this.segmentRecords.push(write.record);
      for (const write of batch) write.resolve();
    } catch (error) {
      for (const write of batch) write.reject(error);
    }
  }

  /** Closes the open segment (queued appends included) and starts a new one. */
  seal(): Promise<SealedSegment | null> {
    return this.serially(async () => {
      await this.writeQueued();
      if (this.segmentRecords.length === 0) return null;
      const sealed: SealedSegment = { id: this.segmentId, bytes: this.segmentBytes, records: this.segmentRecords };
      await this.file!.close();
      this.sealedBytes += sealed.bytes;
      await this.openSegment();
      return sealed;
    });
  }

  /** Forgets a segment the event store confirmed. */
  async remove(segment: SealedSegment): Promise<void> {
    await rm(path.join(this.dir, `${segment.id}.ndjson`), { force: true });
    this.sealedBytes -= segment.bytes;
  }

  /** Writes queued appends, then closes the file; an empty open segment is removed. */
  close(): Promise<void> {
    return this.serially(async () => {
      await this.writeQueued();
      this.closed = true;
      await this.file?.close();
      this.file = null;
      if (this.segmentRecords.length === 0) await rm(path.join(this.dir, `${this.segmentId}.ndjson`), { force: true });
    });
  }
}
