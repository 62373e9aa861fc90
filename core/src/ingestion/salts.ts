import { createHmac, randomBytes } from 'node:crypto';
import type { MetadataDb } from '@qusto/sdk';

export interface SaltPair {
  /** UTC day the current salt belongs to, `YYYY-MM-DD`. */
  day: string;
  current: Buffer;
  /** Yesterday's salt, so a visit that spans midnight keeps its visitor. */
  previous: Buffer | null;
}

const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

/** The live salts with the UTC midnight starting their day in ms: every event asks, so days are compared as numbers. */
interface LiveSalts {
  salts: SaltPair;
  dayStart: number;
}

const isInDay = (at: Date, dayStart: number) => at.getTime() >= dayStart && at.getTime() < dayStart + DAY_MS;

/**
 * Daily salts in the metadata store. Rotates at 00:00 UTC: the first instance to need a new
 * day's salt inserts it, every instance reads the same one, and salts older than yesterday are
 * deleted so yesterday's visitors can never be linked to today's beyond continuing visits.
 */
export class SaltService {
  private cached: LiveSalts | null = null;
  private loading: Promise<LiveSalts> | null = null;

  constructor(
    private readonly metadataDb: MetadataDb,
    private readonly secretKeyBase: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Salts for an event at `at`. Live events use the stored rotating salts. Backfilled events
   * from other days get a salt derived from the instance secret and the day, so a file imported
   * twice forms the same visitors, while live and imported visitors never link.
   */
  async saltsFor(at: Date): Promise<SaltPair> {
    const live = await this.live();
    if (isInDay(at, live.dayStart)) return live.salts;
    const day = utcDay(at);
    const derive = (d: string) => createHmac('sha256', this.secretKeyBase).update(`backfill-salt:${d}`).digest();
    const dayBefore = utcDay(new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS));
    return { day, current: derive(day), previous: derive(dayBefore) };
  }

  async salts(): Promise<SaltPair> {
    return (await this.live()).salts;
  }

  private async live(): Promise<LiveSalts> {
    const now = this.now();
    if (this.cached && isInDay(now, this.cached.dayStart)) return this.cached;
    this.loading ??= this.load(utcDay(now)).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(today: string): Promise<LiveSalts> {
    await this.metadataDb.query('INSERT INTO salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [today, randomBytes(32)]);
    await this.metadataDb.query("DELETE FROM salts WHERE day < ($1::date - 1)", [today]);
    const rows = await this.metadataDb.query<{ day: string; salt: Uint8Array }>(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day, salt FROM salts WHERE day IN ($1::date, $1::date - 1) ORDER BY day DESC",
      [today],
    );
    const current = rows.find((r) => r.day === today);
    if (!current) throw new Error(`salt for ${today} is missing after insert`);
    const previous = rows.find((r) => r.day !== today);
    const salts = { day: today, current: Buffer.from(current.salt), previous: previous ? Buffer.from(previous.salt) : null };
    this.cached = { salts, dayStart: Date.parse(`${today}T00:00:00Z`) };
    return this.cached;
  }
}
