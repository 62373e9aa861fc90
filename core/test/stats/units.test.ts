import { describe, expect, it } from 'vitest';
import { wildcardRegex, parseLegacyFilters } from '../../src/stats/legacy/legacy-filters.ts';
import { legacyInterval, legacyPeriod, legacyPropertyKey } from '../../src/stats/legacy/legacy-params.ts';
import { resolveDateRange } from '../../src/stats/query/date-range.ts';
import { inspectValue } from '../../src/stats/query/elixir-inspect.ts';
import { QueryError } from '../../src/stats/query/query-error.ts';
import {
  addMonths,
  endOfLocalDay,
  isPlainDate,
  isValidTimezone,
  mondayOf,
  startOfLocalDay,
  toIsoWithOffset,
} from '../../src/stats/query/timezone.ts';
import { createCoreStatsRegistry } from '../../src/stats/registry/builtins.ts';
import { timeLabels } from '../../src/stats/result/time-labels.ts';
import { comparisonDates } from '../../src/stats/run/comparisons.ts';
import type { Query } from '../../src/stats/query/query.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('time zone arithmetic', () => {
  it('finds local day boundaries across DST and odd offsets', () => {
    expect(iso(startOfLocalDay('2026-03-29', 'Europe/Berlin'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(endOfLocalDay('2026-03-29', 'Europe/Berlin'))).toBe('2026-03-29T21:59:59.000Z');
    expect(iso(startOfLocalDay('2026-10-25', 'Europe/Berlin'))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(endOfLocalDay('2026-10-25', 'Europe/Berlin'))).toBe('2026-10-25T22:59:59.000Z');
    expect(iso(startOfLocalDay('2026-03-02', 'Asia/Kathmandu'))).toBe('2026-03-01T18:15:00.000Z');
    expect(iso(startOfLocalDay('2026-03-02', 'America/Los_Angeles'))).toBe('2026-03-02T08:00:00.000Z');
    // Santiago skips midnight when DST starts (2026-09-06 00:00 -> 01:00): the day starts at 01:00.
    expect(toIsoWithOffset(startOfLocalDay('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe('2026-09-06T01:00:00-03:00');
  });

  it('formats instants with the offset in force', () => {
    expect(toIsoWithOffset(Date.parse('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(toIsoWithOffset(Date.parse('2026-03-02T00:00:00Z'), 'Etc/UTC')).toBe('2026-03-02T00:00:00+00:00');
    expect(toIsoWithOffset(Date.parse('2026-03-02T00:00:00Z'), 'Asia/Kathmandu')).toBe('2026-03-02T05:45:00+05:45');
  });

  it('validates zones and dates', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('Etc/UTC')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isPlainDate('2026-02-29')).toBe(false);
    expect(isPlainDate('2028-02-29')).toBe(true);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
  });
});

describe('date ranges', () => {
  const ctx = { timezone: 'Europe/Berlin', now: Date.parse('2026-03-29T10:20:30Z'), statsStart: '2026-01-15', trim: false };
  const resolved = (input: unknown, extra: object = {}) => {
    const range = resolveDateRange(input, { ...ctx, ...extra });
    return [toIsoWithOffset(range.first, ctx.timezone), toIsoWithOffset(range.last, ctx.timezone)];
  };

  it('resolves every form in the site zone', () => {
    expect(resolved('day')).toEqual(['2026-03-29T00:00:00+01:00', '2026-03-29T23:59:59+02:00']);
    expect(resolved('day', { trim: true })).toEqual(['2026-03-29T00:00:00+01:00', '2026-03-29T12:59:59+02:00']);
    expect(resolved('7d')).toEqual(['2026-03-22T00:00:00+01:00', '2026-03-28T23:59:59+01:00']);
    expect(resolved('6mo')).toEqual(['2025-09-01T00:00:00+02:00', '2026-02-28T23:59:59+01:00']);
    expect(resolved('month', { trim: true })).toEqual(['2026-03-01T00:00:00+01:00', '2026-03-29T23:59:59+02:00']);
    expect(resolved('all')).toEqual(['2026-01-15T00:00:00+01:00', '2026-03-29T23:59:59+02:00']);
    expect(resolved('24h')).toEqual(['2026-03-28T11:20:30+01:00', '2026-03-29T12:20:30+02:00']);
    expect(resolved(['2026-03-01', '2026-03-01'])).toEqual(['2026-03-01T00:00:00+01:00', '2026-03-01T23:59:59+01:00']);
    expect(resolved(['2026-03-01T10:00:00Z', '2026-03-01T11:00:00.999+01:00'])).toEqual(['2026-03-01T11:00:00+01:00', '2026-03-01T11:00:00+01:00']);
  });

  it('rejects what Plausible rejects', () => {
    for (const input of ['0d', '5001d', '101mo', 'week', ['2026-03-01T10:00:00', '2026-03-02T10:00:00'], ['2026-13-01', '2026-12-01'], 'realtime']) {
      expect(() => resolveDateRange(input, ctx)).toThrow(QueryError);
    }
    expect(() => resolveDateRange('realtime', { ...ctx, internal: true })).not.toThrow();
  });
});

describe('time labels and comparison periods', () => {
  const query = (dimensions: string[], first: string, last: string, timezone = 'Etc/UTC') =>
    ({ dimensions, range: { first: Date.parse(first), last: Date.parse(last) }, timezone }) as Pick<Query, 'dimensions' | 'range' | 'timezone'>;

  it('labels hours in zones with 45-minute offsets', () => {
    const labels = timeLabels(query(['time:hour'], '2026-03-01T18:15:00Z', '2026-03-02T18:14:59Z', 'Asia/Kathmandu'));
    expect(labels).toHaveLength(24);
    expect(labels[0]).toBe('2026-03-02 00:00:00');
  });

  it('labels weeks from the first day, then Mondays; months from the first month', () => {
    expect(timeLabels(query(['time:week'], '2026-03-04T00:00:00Z', '2026-03-20T23:59:59Z'))).toEqual(['2026-03-04', '2026-03-09', '2026-03-16']);
    expect(timeLabels(query(['time:month'], '2026-01-15T00:00:00Z', '2026-03-01T00:00:00Z'))).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });

  it('computes comparison dates like Plausible', () => {
    const q = {
      range: { first: Date.parse('2026-03-01T00:00:00Z'), last: Date.parse('2026-03-31T23:59:59Z') },
      timezone: 'Etc/UTC',
      now: Date.parse('2026-03-10T12:00:00Z'),
    } as Query;
    // A running month compares up to today: 03-01..03-10 against the 10 days before.
    expect(comparisonDates(q, { mode: 'previous_period', dateRange: null, matchDayOfWeek: false })).toEqual({ first: '2026-02-19', last: '2026-02-28' });
    expect(comparisonDates(q, { mode: 'year_over_year', dateRange: null, matchDayOfWeek: false })).toEqual({ first: '2025-03-01', last: '2025-03-10' });
    expect(comparisonDates(q, { mode: 'year_over_year', dateRange: null, matchDayOfWeek: true })).toEqual({ first: '2025-03-02', last: '2025-03-11' });
  });
});

describe('v1 parameters', () => {
  it('parses filter strings', () => {
    expect(parseLegacyFilters('visit:country==DE|FR;event:page!=/blog/**;visit:source~goo;event:props:x==a\\|b')).toEqual([
      ['is', 'visit:country', ['DE', 'FR']],
      ['matches_not', 'event:page', ['^/blog/.*$']],
      ['contains', 'visit:source', ['goo']],
      ['is', 'event:props:x', ['a|b']],
    ]);
    expect(parseLegacyFilters('visit:city==2950159')).toEqual([['is', 'visit:city', [2950159]]]);
    expect(wildcardRegex('/a.b/*/c')).toBe('^/a\\.b/[^/]*/c$');
    expect(() => parseLegacyFilters('nonsense')).toThrow(QueryError);
  });

  it('maps periods, intervals and property keys', () => {
    expect(legacyPeriod(undefined, undefined)).toEqual({ dateRange: '30d', relativeDate: undefined });
    expect(legacyPeriod('custom', '2026-01-01,2026-01-31')).toEqual({ dateRange: ['2026-01-01', '2026-01-31'], relativeDate: undefined });
    expect(legacyPeriod('7d', '2026-03-04')).toEqual({ dateRange: '7d', relativeDate: '2026-03-04' });
    expect(() => legacyPeriod('custom', '2026-01-01')).toThrow(QueryError);
    expect(legacyInterval(undefined, 'day')).toBe('time:hour');
    expect(legacyInterval(undefined, '12mo')).toBe('time:month');
    expect(legacyInterval('date', '30d')).toBe('time:day');
    expect(legacyPropertyKey('event:props:author')).toBe('author');
    expect(legacyPropertyKey('visit:utm_source')).toBe('utm_source');
  });
});

describe('registry and error formatting', () => {
  it('formats values like Elixir inspect', () => {
    expect(inspectValue(['is', 'visit:x', ['a', 1, 1.5, null, true]])).toBe('["is", "visit:x", ["a", 1, 1.5, nil, true]]');
    expect(inspectValue({ a: 1 })).toBe('%{"a" => 1}');
  });

  it('rejects clashing or malformed plugin definitions', () => {
    const registry = createCoreStatsRegistry();
    const metric = { name: 'visitors', table: 'events' as const, type: 'integer' as const, compute: { kind: 'aggregate' as const, sql: () => 'count()' } };
    expect(() => registry.check({ metrics: [metric], dimensions: [], filters: [] })).toThrow(/already defined/);
    expect(() => registry.check({ metrics: [{ ...metric, name: 'Bad Name' }], dimensions: [], filters: [] })).toThrow(/must match/);
    expect(() => registry.check({ metrics: [], dimensions: [{ name: 'visit:source', table: 'either', sql: () => 'x' }], filters: [] })).toThrow(/already defined/);
    const version = registry.version;
    registry.apply({ metrics: [{ ...metric, name: 'hits' }], dimensions: [], filters: [] }, 'plugin-a');
    expect(registry.metric('hits')).toBeDefined();
    registry.removeOwner('plugin-a');
    expect(registry.metric('hits')).toBeUndefined();
    expect(registry.version).toBe(version + 2);
  });
});
