import type { QustoEvent } from '@qusto/sdk';
import { KeyedMutex } from './keyed-mutex.ts';
import type { SessionCache } from './session-cache.ts';
import { applySession, continueSession, isSessionActive, progressOf, startSession, type VisitChange } from './session-state.ts';

export type SessionOutcome =
  /** `visit` is null for engagement events: they report on a visit without changing it. */
  | { kind: 'tracked'; event: QustoEvent; visit: VisitChange | null }
  | { kind: 'dropped'; reason: 'no_session_for_engagement' };

/**
 * Builds visits from events. The event adopts the visit's visitor id, session id and
 * attributes. A visit found under yesterday's visitor id (the salt rotated at midnight)
 * continues, so one visitor stays one visitor across midnight.
 */
export class SessionTracker {
  private readonly mutex = new KeyedMutex();

  constructor(private readonly cache: SessionCache) {}

  /** `previousUserId` is computed only when the visitor has no visit under today's id. */
  track(event: QustoEvent, previousUserId: () => string | null): Promise<SessionOutcome> {
    return this.mutex.run(`${event.siteId}:${event.userId}`, () => this.trackInOrder(event, previousUserId));
  }

  private async trackInOrder(event: QustoEvent, previousUserId: () => string | null): Promise<SessionOutcome> {
    let found = await this.cache.get(event.siteId, event.userId);
    const previous = found ? null : previousUserId();
    if (!found && previous) found = await this.cache.get(event.siteId, previous);
    const live = found && isSessionActive(found, event.timestamp) ? found : null;

    if (event.name === 'engagement') {
      // Engagement never starts or extends a visit; it only reports on the page being left.
      if (!live) return { kind: 'dropped', reason: 'no_session_for_engagement' };
      return { kind: 'tracked', event: applySession(event, live), visit: null };
    }
    if (live) {
      const next = continueSession(live, event);
      await this.cache.put(next);
      return { kind: 'tracked', event: applySession(event, next), visit: { state: next, replaced: progressOf(live) } };
    }
    const started = startSession(event);
    await this.cache.put(started);
    return { kind: 'tracked', event: applySession(event, started), visit: { state: started, replaced: null } };
  }
}
