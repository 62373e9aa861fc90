import { describe, expect, it } from 'vitest';
import { collapseSessionChanges, type SessionChange } from './collapse-sessions.ts';
import type { SessionState } from './session-state.ts';

const state = (sessionId: string, events: number) => ({ sessionId, events }) as SessionState;
const summary = (rows: SessionChange[]) => rows.map((r) => `${r.sign > 0 ? '+' : '-'}${r.state.sessionId}@${r.state.events}`);

describe('collapseSessionChanges', () => {
  it('keeps only the final state of a visit that started in this batch', () => {
    const changes: SessionChange[] = [
      { sign: 1, state: state('a', 1) },
      { sign: -1, state: state('a', 1) },
      { sign: 1, state: state('a', 2) },
      { sign: -1, state: state('a', 2) },
      { sign: 1, state: state('a', 3) },
    ];
    expect(summary(collapseSessionChanges(changes))).toEqual(['+a@3']);
  });

  it('keeps the cancel of a state written by an earlier batch, and the final state', () => {
    const changes: SessionChange[] = [
      { sign: -1, state: state('b', 4) },
      { sign: 1, state: state('b', 5) },
      { sign: -1, state: state('b', 5) },
      { sign: 1, state: state('b', 6) },
      { sign: 1, state: state('c', 1) },
    ];
    expect(summary(collapseSessionChanges(changes))).toEqual(['-b@4', '+b@6', '+c@1']);
  });

  it('leaves an already collapsed list unchanged', () => {
    const rows: SessionChange[] = [
      { sign: -1, state: state('d', 1) },
      { sign: 1, state: state('d', 2) },
    ];
    expect(collapseSessionChanges(rows)).toEqual(rows);
  });
});
