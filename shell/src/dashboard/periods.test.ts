import { describe, expect, it } from 'vitest';
import { allowedIntervals, comparisonAllowed, currentBucketLabel, dateRangeOf, defaultInterval, effectiveInterval, localParts, periodByKey, periodLabel, PERIODS } from './periods.ts';
import { DEFAULT_STATE, type DashboardState, type PeriodId } from './state.ts';

const state = (period: PeriodId, from: string | null = null, to: string | null = null): DashboardState => ({ ...DEFAULT_STATE, period, from, to });

describe('periods', () => {
  it('map to Stats API v2 date ranges', () => {
    const now = Date.parse('2026-03-15T12:34:56.789Z');
    const ranges = Object.fromEntries(PERIODS.filter((p) => p.id !== 'custom').map((p) => [p.id, dateRangeOf(state(p.id), now)]));
    expect(ranges).toEqual({
      day: 'day',
      yesterday: '1d',
      realtime: ['2026-03-15T12:04:56Z', '2026-03-15T12:34:56Z'],
      '24h': '24h',
      '7d': '7d',
      '28d': '28d',
      '30d': '30d',
      '91d': '91d',
      month: 'month',
      last_month: '1mo',
      year: 'year',
      '6mo': '6mo',
      '12mo': '12mo',
      all: 'all',
    });
    expect(dateRangeOf(state('custom', '2026-01-01', '2026-01-31'))).toEqual(['2026-01-01', '2026-01-31']);
  });

  it('allow the intervals Plausible allows, with its defaults', () => {
    const table = (period: PeriodId, ctx = {}) => [allowedIntervals(state(period), ctx), defaultInterval(state(period), ctx)];
    expect(table('realtime')).toEqual([['minute'], 'minute']);
    expect(table('day')).toEqual([['minute', 'hour'], 'hour']);
    expect(table('yesterday')).toEqual([['minute', 'hour'], 'hour']);
    expect(table('7d')).toEqual([['hour', 'day'], 'day']);
    for (const p of ['28d', '30d', 'month', 'last_month'] as const) expect(table(p)).toEqual([['day', 'week'], 'day']);
    expect(table('91d')).toEqual([['day', 'week', 'month'], 'day']);
    for (const p of ['6mo', '12mo', 'year'] as const) expect(table(p)).toEqual([['day', 'week', 'month'], 'month']);
    expect(table('all', { spanDays: 20 })).toEqual([['day', 'week', 'month'], 'day']);
    expect(table('all', { spanDays: 200 })).toEqual([['day', 'week', 'month'], 'month']);
    expect(table('all', { spanDays: 800 })).toEqual([['week', 'month'], 'month']);
    const custom = (from: string, to: string) => [allowedIntervals(state('custom', from, to)), defaultInterval(state('custom', from, to))];
    expect(custom('2026-01-05', '2026-01-05')).toEqual([['hour', 'day'], 'hour']);
    expect(custom('2026-01-01', '2026-01-31')).toEqual([['day', 'week'], 'day']);
    expect(custom('2026-01-01', '2026-06-30')).toEqual([['day', 'week', 'month'], 'day']);
    expect(custom('2024-01-01', '2026-01-31')).toEqual([['week', 'month'], 'month']);
  });

  it('use the URL interval only when the period allows it', () => {
    expect(effectiveInterval({ ...state('7d'), interval: 'hour' })).toBe('hour');
    expect(effectiveInterval({ ...state('7d'), interval: 'month' })).toBe('day');
    expect(effectiveInterval({ ...state('realtime'), interval: 'day' })).toBe('minute');
  });

  it('allow comparisons except for realtime and all time', () => {
    expect(PERIODS.filter((p) => !comparisonAllowed(p.id)).map((p) => p.id)).toEqual(['realtime', 'all']);
  });

  it('have the documented keyboard shortcuts', () => {
    expect(PERIODS.filter((p) => p.key).map((p) => `${p.key}=${p.id}`).join(' ')).toBe('d=day e=yesterday r=realtime w=7d f=28d t=30d n=91d m=month p=last_month y=year s=6mo l=12mo a=all c=custom');
    expect(periodByKey('W')?.id).toBe('7d');
    expect(periodByKey('x')).toBeUndefined();
  });

  it('label custom ranges compactly', () => {
    expect(periodLabel(state('28d'))).toBe('Last 28 days');
    expect(periodLabel(state('custom', '2026-01-03', '2026-01-03'))).toBe('3 Jan 2026');
    expect(periodLabel(state('custom', '2026-01-03', '2026-02-10'))).toBe('3 Jan – 10 Feb 2026');
    expect(periodLabel(state('custom', '2025-12-20', '2026-01-10'))).toBe('20 Dec 2025 – 10 Jan 2026');
  });

  it('find "now" in the site zone, by IANA name or by offset', () => {
    const now = Date.parse('2026-03-15T23:30:00Z');
    expect(localParts(now, 'Europe/Berlin')).toEqual({ date: '2026-03-16', hour: 0, minute: 30 });
    expect(localParts(now, '+01:00')).toEqual({ date: '2026-03-16', hour: 0, minute: 30 });
    expect(localParts(now, '-05:30')).toEqual({ date: '2026-03-15', hour: 18, minute: 0 });
    expect(localParts(now, 'Not/AZone')).toEqual({ date: '2026-03-15', hour: 23, minute: 30 });
    expect(currentBucketLabel('hour', now, 'America/New_York')).toBe('2026-03-15 19:00:00');
    expect(currentBucketLabel('minute', now, 'UTC')).toBe('2026-03-15 23:30:00');
    expect(currentBucketLabel('week', now, 'UTC')).toBe('2026-03-15');
  });
});
