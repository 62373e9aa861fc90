import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  FILTER_OPS,
  parseFilter,
  parseState,
  PERIOD_IDS,
  COMPARE_MODES,
  INTERVALS,
  METRIC_IDS,
  serializeFilter,
  serializeState,
  singleIsValue,
  splitEscaped,
  withFilter,
  withoutFilter,
  type DashboardState,
} from './state.ts';

describe('URL state', () => {
  it('parses the documented example', () => {
    const state = parseState('?period=7d&f=is,source,Google&compare=previous_period&metric=visitors');
    expect(state).toEqual({ ...DEFAULT_STATE, period: '7d', compare: 'previous_period', filters: [{ op: 'is', dimension: 'visit:source', values: ['Google'] }] });
  });

  it('leaves defaults out and keeps a fixed key order', () => {
    expect(serializeState(DEFAULT_STATE)).toBe('');
    const state: DashboardState = {
      ...DEFAULT_STATE,
      period: 'custom',
      from: '2026-01-01',
      to: '2026-01-31',
      compare: 'year_over_year',
      matchDayOfWeek: true,
      interval: 'week',
      metric: 'bounce_rate',
      filters: [
        { op: 'is', dimension: 'visit:source', values: ['Google', 'Bing'] },
        { op: 'contains', dimension: 'event:page', values: ['/blog'] },
        { op: 'is_not', dimension: 'event:props:plan', values: ['free'] },
      ],
    };
    expect(serializeState(state)).toBe(
      'period=custom&from=2026-01-01&to=2026-01-31&compare=year_over_year&match_day_of_week=true&interval=week&metric=bounce_rate&f=is,source,Google,Bing&f=contains,page,/blog&f=is_not,props:plan,free',
    );
    expect(parseState(serializeState(state))).toEqual(state);
  });

  it('escapes commas and backslashes in values', () => {
    const filter = { op: 'is' as const, dimension: 'event:page', values: ['/a,b', 'c\\d', ',', '\\'] };
    expect(serializeFilter(filter)).toBe('is,page,/a\\,b,c\\\\d,\\,,\\\\');
    expect(parseFilter(serializeFilter(filter))).toEqual(filter);
    expect(splitEscaped('a\\,b,c')).toEqual(['a,b', 'c']);
    const prop = { op: 'is' as const, dimension: 'event:props:a,b', values: ['x'] };
    expect(serializeFilter(prop)).toBe('is,props:a\\,b,x');
    expect(parseFilter(serializeFilter(prop))).toEqual(prop);
  });

  it('falls back to defaults on anything invalid', () => {
    expect(parseState('?period=bogus&compare=maybe&interval=fortnight&metric=money')).toEqual(DEFAULT_STATE);
    // A custom range needs two valid dates; a reversed range is put in order.
    expect(parseState('?period=custom&from=2026-02-30&to=2026-03-01').period).toBe('28d');
    expect(parseState('?period=custom&from=2026-03-10&to=2026-03-01')).toMatchObject({ period: 'custom', from: '2026-03-01', to: '2026-03-10' });
    // Unknown operators, dimensions, empty values, non-numeric city ids are dropped.
    expect(parseState('?f=equals,source,x&f=is,nope,x&f=is,source&f=is,city,London&f=contains,city,Lon').filters).toEqual([{ op: 'contains', dimension: 'visit:city', values: ['Lon'] }]);
  });

  it('keeps one filter per dimension (the first)', () => {
    expect(parseState('?f=is,source,A&f=is_not,source,B').filters).toEqual([{ op: 'is', dimension: 'visit:source', values: ['A'] }]);
  });

  it('filter list helpers replace in place, remove, and find a single is-value', () => {
    const a = { op: 'is' as const, dimension: 'visit:source', values: ['A'] };
    const b = { op: 'is' as const, dimension: 'event:page', values: ['/'] };
    const replaced = withFilter([a, b], { ...a, values: ['C'] });
    expect(replaced.map((f) => f.values[0])).toEqual(['C', '/']);
    expect(withoutFilter(replaced, 'visit:source')).toEqual([b]);
    expect(singleIsValue([a], 'visit:source')).toBe('A');
    expect(singleIsValue([{ ...a, values: ['A', 'B'] }], 'visit:source')).toBeNull();
    expect(singleIsValue([{ ...a, op: 'contains' }], 'visit:source')).toBeNull();
  });

  it('round-trips any state through the URL (property)', () => {
    const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const dimension = fc.oneof(
      fc.constantFrom('event:page', 'visit:source', 'visit:country', 'visit:utm_campaign', 'visit:browser_version', 'event:hostname'),
      fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !/[\u0000-\u001f]/.test(k)).map((k) => `event:props:${k}`),
    );
    const filter = fc.record({ op: fc.constantFrom(...FILTER_OPS), dimension, values: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 4 }) });
    const state = fc
      .record({
        period: fc.constantFrom(...PERIOD_IDS),
        range: fc.tuple(date, date).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
        compare: fc.constantFrom(...COMPARE_MODES),
        matchDayOfWeek: fc.boolean(),
        interval: fc.option(fc.constantFrom(...INTERVALS), { nil: null }),
        metric: fc.constantFrom(...METRIC_IDS),
        filters: fc.uniqueArray(filter, { selector: (f) => f.dimension, maxLength: 4 }),
      })
      .map(({ range, ...rest }): DashboardState => ({
        ...rest,
        from: rest.period === 'custom' ? range[0]! : null,
        to: rest.period === 'custom' ? range[1]! : null,
        matchDayOfWeek: rest.compare !== 'off' && rest.matchDayOfWeek,
      }));
    fc.assert(
      fc.property(state, (s) => {
        expect(parseState(serializeState(s))).toEqual(s);
        // And through a real URL, as the browser stores it.
        const url = new URL(`https://q.example/site?${serializeState(s)}`);
        expect(parseState(url.search)).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});
