import { withProgress, type SessionState, type VisitChange } from './session-state.ts';

/** A `sessions` row to write: +1 states a visit, -1 cancels a state written before. */
export interface SessionChange {
  sign: 1 | -1;
  state: SessionState;
}

/** The rows one visit still needs at one version (its `events` count), netted over the batch. */
interface VersionRows {
  net: number;
  /** The change that mentioned this version first: as its new state, or as the state it replaced. */
  change: VisitChange;
  replaced: boolean;
}

/** Cancel rows are rebuilt from the replaced progress only for the rows that survive netting. */
const stateOf = (rows: VersionRows): SessionState =>
  rows.replaced ? withProgress(rows.change.state, rows.change.replaced!) : rows.change.state;

/**
 * The session rows a batch really needs. Each change states its visit's new version (+1) and,
 * for a continued visit, cancels the version it replaced (-1). A version stated and cancelled
 * within the batch needs neither row, so a visit with 20 pageviews in one batch costs 2 rows
 * (the cancel of what an earlier batch wrote, and the final state) instead of 39. Netting per
 * version does not depend on the order of the changes, just as VersionedCollapsingMergeTree
 * does not. Deterministic, so a replayed batch inserts identical rows; within a visit, cancels
 * come first.
 */
export function collapseSessionChanges(changes: readonly VisitChange[]): SessionChange[] {
  const visits = new Map<string, Map<number, VersionRows>>();
  const count = (change: VisitChange, replaced: boolean) => {
    const { sessionId } = change.state;
    const version = replaced ? change.replaced!.events : change.state.events;
    let versions = visits.get(sessionId);
    if (!versions) visits.set(sessionId, (versions = new Map()));
    const rows = versions.get(version);
    if (rows) rows.net += replaced ? -1 : 1;
    else versions.set(version, { net: replaced ? -1 : 1, change, replaced });
  };
  for (const change of changes) {
    count(change, false);
    if (change.replaced) count(change, true);
  }

  const rows: SessionChange[] = [];
  for (const versions of visits.values()) {
    for (const sign of [-1, 1] as const) {
      for (const version of versions.values()) {
        if (Math.sign(version.net) !== sign) continue;
        const state = stateOf(version);
        for (let n = Math.abs(version.net); n > 0; n--) rows.push({ sign, state });
      }
    }
  }
  return rows;
}
