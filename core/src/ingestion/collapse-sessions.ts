import type { SessionState } from './session-state.ts';

export interface SessionChange {
  sign: 1 | -1;
  state: SessionState;
}

/**
 * The session rows a batch really needs: for each visit, the cancel of the state written by an
 * earlier batch (if any) and its final state. Intermediate states that a later event in the
 * same batch would cancel again are never written, so a visit with 20 pageviews in one batch
 * costs 2 rows instead of 39. Deterministic, so a replayed batch inserts identical rows.
 */
export function collapseSessionChanges(changes: readonly SessionChange[]): SessionChange[] {
  const visits = new Map<string, { cancelOfEarlierBatch?: SessionState; latest?: SessionState }>();
  for (const { sign, state } of changes) {
    const visit = visits.get(state.sessionId) ?? {};
    visits.set(state.sessionId, visit);
    if (sign === 1) {
      visit.latest = state;
    } else if (visit.latest) {
      // Cancels a state written earlier in this batch: neither row needs writing.
      visit.latest = undefined;
    } else {
      visit.cancelOfEarlierBatch ??= state;
    }
  }
  const rows: SessionChange[] = [];
  for (const visit of visits.values()) {
    if (visit.cancelOfEarlierBatch) rows.push({ sign: -1, state: visit.cancelOfEarlierBatch });
    if (visit.latest) rows.push({ sign: 1, state: visit.latest });
  }
  return rows;
}
