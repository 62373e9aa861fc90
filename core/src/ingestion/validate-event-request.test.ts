import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCROLL_DEPTH_MISSING, validateEventRequest } from './validate-event-request.ts';

const base = { n: 'pageview', u: 'https://example.com/blog?x=1', d: 'example.com' };

const ok = (body: unknown) => {
  const result = validateEventRequest(body);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.request;
};
const errorsOf = (body: unknown) => {
  const result = validateEventRequest(body);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
};

describe('validateEventRequest', () => {
  it('accepts short and long field names alike', () => {
    const long = ok({ name: 'pageview', url: 'https://example.com/', domain: 'example.com', referrer: 'https://t.co/x' });
    const short = ok({ n: 'pageview', u: 'https://example.com/', d: 'example.com', r: 'https://t.co/x' });
    expect(short).toEqual(long);
    expect(long).toMatchObject({ name: 'pageview', domains: ['example.com'], referrer: 'https://t.co/x', interactive: true, hashMode: false });
  });

  it('casts an integer name to a string', () => {
    expect(ok({ ...base, n: 404 }).name).toBe('404');
  });

  it.each([
    [{ u: base.u, d: base.d }, { event_name: ["can't be blank"] }],
    [{ ...base, n: '   ' }, { event_name: ["can't be blank"] }],
    [{ ...base, n: 'x'.repeat(121) }, { event_name: ['should be at most 120 character(s)'] }],
    [{ n: 'pageview', d: 'example.com' }, { url: ['is required'] }],
    [{ ...base, u: 'not a url' }, { url: ['must be a valid url'] }],
    [{ ...base, u: 42 }, { url: ['must be a valid url'] }],
    [{ ...base, u: `https://example.com/${'a'.repeat(2000)}` }, { url: ['must be a valid url'] }],
    [{ ...base, u: 'data:text/html,<script>alert(1)</script>' }, { url: ['scheme is not allowed'] }],
    [{ ...base, d: '' }, { domain: ["can't be blank"] }],
    [{ ...base, d: ' , ' }, { domain: ["can't be blank"] }],
    [{ ...base, n: 'engagement' }, { event_name: ["engagement event requires a valid integer value for at least one of 'sd' or 'e' fields"] }],
    [{ ...base, p: { ['k'.repeat(301)]: 'v' } }, { props: ['keys should have at most 300 bytes and values 2000 bytes'] }],
    [{ ...base, p: { k: 'v'.repeat(2001) } }, { props: ['keys should have at most 300 bytes and values 2000 bytes'] }],
  ])('rejects %j naming the field', (body, errors) => {
    expect(errorsOf(body)).toEqual(errors);
  });

  it.each([null, [], 'pageview', 42, true])('rejects a body that is not an object (%j)', (body) => {
    expect(errorsOf(body)).toEqual({ request: ['Unable to parse request body as json'] });
  });

  it('takes the domain from the url when none is given, and splits, trims and de-duplicates lists', () => {
    expect(ok({ n: 'pageview', u: 'https://www.shop.example/' }).domains).toEqual(['shop.example']);
    expect(ok({ ...base, d: 'a.com, www.B.com ,a.com' }).domains).toEqual(['a.com', 'b.com']);
  });

  it('keeps props as Plausible does: stringified, blank and nested pairs dropped, the first 30 kept', () => {
    const props = ok({ ...base, p: { plan: 'pro', trial: true, n: 3, empty: ' ', nested: { a: 1 }, list: [1], nil: null } }).props;
    expect(props).toEqual({ plan: 'pro', trial: 'true', n: '3' });
    const many = Object.fromEntries(Array.from({ length: 35 }, (_, i) => [`k${i}`, `v${i}`]));
    expect(Object.keys(ok({ ...base, p: many }).props)).toHaveLength(30);
    expect(ok({ ...base, m: '{"author":"ann"}' }).props).toEqual({ author: 'ann' });
    expect(ok({ ...base, p: 'not json' }).props).toEqual({});
  });

  it('accepts revenue as object or JSON string and ignores invalid revenue', () => {
    expect(ok({ ...base, $: { amount: '1322.22', currency: 'usd' } }).revenue).toEqual({ amount: '1322.22', currency: 'USD' });
    expect(ok({ ...base, revenue: '{"amount": 10, "currency": "EUR"}' }).revenue).toEqual({ amount: '10', currency: 'EUR' });
    expect(ok({ ...base, $: { amount: 'lots', currency: 'USD' } }).revenue).toBeNull();
    expect(ok({ ...base, $: { amount: 5, currency: 'DOLLARS' } }).revenue).toBeNull();
  });

  it('reads engagement scroll depth and time with Plausible bounds', () => {
    const e = (sd: unknown, time: unknown) => ok({ ...base, n: 'engagement', sd, e: time });
    expect(e(64, 12034)).toMatchObject({ scrollDepth: 64, engagementTime: 12034 });
    expect(e('150', '10')).toMatchObject({ scrollDepth: 100, engagementTime: 10 });
    expect(e(-1, -5)).toMatchObject({ scrollDepth: SCROLL_DEPTH_MISSING, engagementTime: 0 });
    expect(e(undefined, 31 * 24 * 3600 * 1000)).toMatchObject({ scrollDepth: SCROLL_DEPTH_MISSING, engagementTime: 0 });
    expect(ok({ ...base, sd: 50 }).scrollDepth).toBeNull();
  });

  it('reads interactive and hash mode flags', () => {
    expect(ok({ ...base, i: false }).interactive).toBe(false);
    expect(ok({ ...base, h: 1 }).hashMode).toBe(true);
  });

  it('never throws, whatever the body', () => {
    fc.assert(
      fc.property(fc.anything(), (body) => {
        const result = validateEventRequest(body);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.record({ n: fc.anything(), u: fc.oneof(fc.webUrl(), fc.string()), d: fc.anything(), p: fc.anything(), $: fc.anything(), sd: fc.anything(), e: fc.anything() }, { requiredKeys: [] }),
        (body) => {
          expect(() => validateEventRequest(body)).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
