import type { EventStore } from '@qusto/sdk';
import type { Logger } from 'pino';
import type { NamedPlace } from './enrichment/index.ts';

const chTime64 = (instant: number) => new Date(instant).toISOString().slice(0, 23).replace('T', ' ');

/**
 * Keeps the names of the places the geolocator meets and writes the new ones to the
 * location_names table next to the events that need them. A failed write keeps them for the
 * next one; names lost with the process are met and written again after a restart, as the
 * geolocator announces each place once per process.
 */
export class LocationNameRecorder {
  private readonly pending = new Map<string, NamedPlace>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  readonly note = (place: NamedPlace): void => {
    this.pending.set(`${place.kind}:${place.code}`, place);
  };

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Writes the names noted so far; never throws (names are not worth failing a batch for). */
  async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending];
    const updatedAt = chTime64(this.now());
    try {
      await this.eventStore.insert(
        'location_names',
        batch.map(([, place]) => ({ kind: place.kind, code: place.code, name: place.name, updated_at: updatedAt })),
      );
      for (const [key, place] of batch) if (this.pending.get(key) === place) this.pending.delete(key);
    } catch (error) {
      this.logger.warn({ err: error, places: batch.length }, 'location names not written; retrying with the next batch');
    }
  }
}
