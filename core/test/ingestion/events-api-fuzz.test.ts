import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** Random bodies and headers against the real route: never a 5xx, never a crash. */
describe('POST /api/event under random input', () => {
  let qusto: TestApp;
  beforeAll(async () => {
    qusto = await startTestApp({ TRUSTED_PROXIES: 'true' });
    await qusto.container.cradle.sites.create({ domain: 'fuzz.example' });
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  const headerValue = fc.oneof(fc.string({ maxLength: 80 }), fc.ipV4(), fc.ipV6(), fc.constant(''));
  const plausibleLike = fc.record(
    {
      n: fc.oneof(fc.constantFrom('pageview', 'engagement', 'Signup', '404'), fc.string(), fc.integer(), fc.anything()),
      u: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), fc.anything()),
      d: fc.oneof(fc.constantFrom('fuzz.example', 'fuzz.example,other.example', ''), fc.string(), fc.anything()),
      r: fc.oneof(fc.webUrl(), fc.string(), fc.constant(null), fc.anything()),
      p: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.anything())), fc.string(), fc.anything()),
      $: fc.oneof(fc.record({ amount: fc.oneof(fc.string(), fc.double()), currency: fc.string() }), fc.anything()),
      h: fc.anything(),
      i: fc.anything(),
      sd: fc.anything(),
      e: fc.anything(),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    plausibleLike.map((value) => JSON.stringify(value) ?? ''),
    fc.json(),
    fc.string(),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  );

  it('answers 202, 400 or 413 — never 5xx', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('text/plain', 'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', ''),
        headerValue,
        headerValue,
        async (payload, contentType, userAgent, forwardedFor) => {
          const headers: Record<string, string> = { 'user-agent': userAgent, 'x-forwarded-for': forwardedFor };
          if (contentType) headers['content-type'] = contentType;
          const response = await qusto.app.inject({ method: 'POST', url: '/api/event', headers, payload });
          seen.add(response.statusCode);
          expect([202, 400, 413]).toContain(response.statusCode);
          if (response.statusCode === 400) expect(Object.keys(response.json())).toEqual(['errors']);
        },
      ),
      { numRuns: 400 },
    );
    // The generators reach both the accepting and the rejecting paths.
    expect([...seen].sort()).toEqual([202, 400]);
  });
});
