import { describe, expect, it } from 'vitest';
import { collapseSessionChanges, type SessionChange } from './collapse-sessions.ts';
import { progressOf, type SessionState, type VisitChange } from './session-state.ts';

const state = (sessionId: string, events: number) => ({ sessionId, events, exitPage: `/page-${events}` }) as SessionState;
/** The change made by the visit's `events`-th event (the first one starts the visit). */
const change = (sessionId: string, events: number): VisitChange => ({
  state: state(sessionId, events),
  replaced: events > 1 ? progressOf(state(sessionId, events - 1)) : null,
});
const summary = (rows: SessionChange[]) => rows.map((r) => `${r.sign > 0 ? '+' : '-'}${r.state.sessionId}@${r.state.events}`);

describe('collapseSessionChanges', () => {
  it('keeps only the final state of a visit that started in this batch', () => {
    const changes = [change('a', 1), change('a', 2), change('a', 3)];
    expect(summary(collapseSessionChanges(changes))).toEqual(['+a@3']);
  });

  it('keeps the cancel of a state written by an earlier batch, and the final state', () => {
    const changes = [change('b', 5), change('b', 6), change('c', 1)];
    expect(summary(collapseSessionChanges(changes))).toEqual(['-b@4', '+b@6', '+c@1']);
  });

  it('rebuilds the cancelled state from the replaced progress: the row cancels exactly what was written', () => {
    const [cancel] = collapseSessionChanges([change('d', 2)]);
    expect(cancel).toEqual({ sign: -1, state: expect.objectContaining({ sessionId: 'd', events: 1, exitPage: '/page-1' }) });
  });

  it('does not depend on the order of the changes', () => {
    const inOrder = collapseSessionChanges([change('e', 3), change('e', 4), change('e', 5)]);
    const shuffled = collapseSessionChanges([change('e', 5), change('e', 3), change('e', 4)]);
    expect(summary(shuffled)).toEqual(summary(inOrder));
    expect(summary(inOrder)).toEqual(['-e@2', '+e@5']);
  });
});
