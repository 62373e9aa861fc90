import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { HookBus } from '../../src/hooks/hook-bus.ts';
import { createGeolocator } from '../../src/ingestion/enrichment/index.ts';
import { IngestPipeline } from '../../src/ingestion/ingest-pipeline.ts';
import { SaltService } from '../../src/ingestion/salts.ts';
import { InProcessSessionCache } from '../../src/ingestion/session-cache.ts';
import { SessionTracker } from '../../src/ingestion/session-tracker.ts';
import { SiteGate } from '../../src/ingestion/site-gate.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { metadataBackends } from '../support/test-stores.ts';

const UA_A = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const UA_B = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

const line = (timestamp: string, ip: string, user_agent: string, name: string, url: string, extra: object = {}) =>
  JSON.stringify({ timestamp, ip, user_agent, name, url, ...extra });

interface SessionSummary {
  entry_page: string;
  exit_page: string;
  pageviews: string;
  events: string;
  is_bounce: string;
  duration: string;
}

describe('sessions from the raw-event backfill', () => {
  let qusto: TestApp;

  beforeAll(async () => {
    qusto = await startTestApp();
    await qusto.container.cradle.sites.create({ domain: 'visits.example' });
    const u = (path: string) => `https://visits.example${path}`;
    const report = await qusto.container.cradle.ingestion.importEvents(
      'visits.example',
      [
        // Visitor A: two pageviews 5 min apart, then a new visit after a 45-minute gap.
        line('2026-03-02T10:05:00Z', '1.1.1.1', UA_A, 'pageview', u('/about')),
        line('2026-03-02T10:00:00Z', '1.1.1.1', UA_A, 'pageview', u('/')),
        line('2026-03-02T10:50:00Z', '1.1.1.1', UA_A, 'pageview', u('/')),
        // Visitor B: a pageview and an interactive custom event: not a bounce.
        line('2026-03-02T11:00:00Z', '2.2.2.2', UA_B, 'pageview', u('/pricing')),
        line('2026-03-02T11:01:30Z', '2.2.2.2', UA_B, 'Signup', u('/pricing'), { props: { plan: 'pro' } }),
        // Visitor C: a pageview and a non-interactive event: still a bounce.
        line('2026-03-02T12:00:00Z', '3.3.3.3', UA_B, 'pageview', u('/blog')),
        line('2026-03-02T12:00:40Z', '3.3.3.3', UA_B, 'Video Play', u('/blog'), { interactive: false }),
        line('2026-03-02T12:00:50Z', '3.3.3.3', UA_B, 'engagement', u('/blog'), { sd: 80, e: 45000 }),
        // Visitor D: engagement with no visit is dropped.
        line('2026-03-02T13:00:00Z', '4.4.4.4', UA_A, 'engagement', u('/'), { sd: 10, e: 100 }),
        // Bad lines are reported by number and skipped.
        '{"timestamp": "yesterday", "name": "pageview", "url": "https://visits.example/"}',
        'not json',
        line('2026-03-02T14:00:00Z', '5.5.5.5', UA_A, '', u('/')),
      ].join('\n'),
    );
    expect(report).toEqual({
      read: 12,
      imported: 8,
      dropped: { no_session_for_engagement: 1 },
      errors: [
        { line: 10, error: 'timestamp must be an ISO 8601 date-time like 2026-11-01T10:00:00Z' },
        { line: 11, error: 'not valid JSON' },
        { line: 12, error: "event_name can't be blank" },
      ],
    });
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  const sessions = () =>
    qusto.container.cradle.eventStore.query<SessionSummary>(
      `SELECT any(entry_page) AS entry_page, any(exit_page) AS exit_page, sum(sign * pageviews) AS pageviews,
              sum(sign * events) AS events, sum(sign * is_bounce) AS is_bounce, sum(sign * duration) AS duration,
              min(start) AS first
         FROM sessions GROUP BY session_id HAVING sum(sign) > 0 ORDER BY first`,
    );

  it('forms visits with entry and exit pages, bounces and durations as Plausible does', async () => {
    const rows = (await sessions()).map((s) => ({
      entry: s.entry_page,
      exit: s.exit_page,
      pageviews: Number(s.pageviews),
      events: Number(s.events),
      bounce: Number(s.is_bounce),
      duration: Number(s.duration),
    }));
    expect(rows).toEqual([
      { entry: '/', exit: '/about', pageviews: 2, events: 2, bounce: 0, duration: 300 },
      { entry: '/', exit: '/', pageviews: 1, events: 1, bounce: 1, duration: 0 },
      { entry: '/pricing', exit: '/pricing', pageviews: 1, events: 2, bounce: 0, duration: 90 },
      { entry: '/blog', exit: '/blog', pageviews: 1, events: 2, bounce: 1, duration: 40 },
    ]);
  });

  it('gives one visitor one id within a day, and the engagement event the visit it belongs to', async () => {
    const rows = await qusto.container.cradle.eventStore.query<{ name: string; pathname: string; users: string; visits: string; sd: number; e: number }>(
      `SELECT name, pathname, uniqExact(user_id) AS users, uniqExact(session_id) AS visits, max(scroll_depth) AS sd, max(engagement_time) AS e
         FROM events GROUP BY name, pathname ORDER BY name, pathname`,
    );
    const byKey = Object.fromEntries(rows.map((r) => [`${r.name} ${r.pathname}`, r]));
    expect(Number(byKey['pageview /']!.users)).toBe(1);
    expect(Number(byKey['pageview /']!.visits)).toBe(2);
    expect(byKey['engagement /blog']).toMatchObject({ sd: 80, e: 45000 });
    const [visitorsOfC] = await qusto.container.cradle.eventStore.query<{ n: string }>(
      "SELECT uniqExact(user_id) AS n FROM events WHERE pathname = '/blog'",
    );
    expect(Number(visitorsOfC!.n)).toBe(1);
  });

  it('imports the same file twice into the same visitor ids (deterministic backfill salts)', async () => {
    const before = await qusto.container.cradle.eventStore.query<{ u: string }>("SELECT uniqExact(user_id) AS u FROM events");
    await qusto.container.cradle.ingestion.importEvents(
      'visits.example',
      line('2026-03-02T10:00:00Z', '1.1.1.1', UA_A, 'Again', 'https://visits.example/'),
    );
    const after = await qusto.container.cradle.eventStore.query<{ u: string }>("SELECT uniqExact(user_id) AS u FROM events");
    expect(after[0]!.u).toBe(before[0]!.u);
  });
});

describe.each(metadataBackends())('salt rotation at midnight (%s)', (backend) => {
  let qusto: TestApp;
  beforeAll(async () => {
    qusto = await startTestApp({}, { backend });
    await qusto.container.cradle.sites.create({ domain: 'midnight.example' });
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('keeps one visitor and one visit across 00:00 UTC, and starts a new visitor id the next day', async () => {
    const { metadataDb } = qusto.container.cradle;
    let now = new Date('2026-06-01T23:55:00Z');
    const salts = new SaltService(metadataDb, 'x'.repeat(40), () => now);
    const pipeline = new IngestPipeline({
      siteGate: new SiteGate(metadataDb),
      geolocator: createGeolocator({}),
      salts: () => salts.salts(),
      sessions: new SessionTracker(new InProcessSessionCache()),
      hookBus: new HookBus(pino({ level: 'silent' }), createMetrics()),
      throttle: null,
    });
    const visit = async (path: string) => {
      const outcome = await pipeline.process({
        body: { n: 'pageview', u: `https://midnight.example${path}`, d: 'midnight.example' },
        ip: '203.0.113.9',
        userAgent: UA_A,
        at: now,
      });
      if (outcome.status !== 'processed') throw new Error('invalid');
      return outcome.events[0]!;
    };
    const before = await visit('/before-midnight');
    now = new Date('2026-06-02T00:05:00Z');
    const after = await visit('/after-midnight');
    expect(after.userId).toBe(before.userId);
    expect(after.sessionId).toBe(before.sessionId);

    now = new Date('2026-06-02T09:00:00Z');
    const nextMorning = await visit('/morning');
    expect(nextMorning.sessionId).not.toBe(before.sessionId);
    expect(nextMorning.userId).not.toBe(before.userId);

    const stored = await metadataDb.query<{ day: string }>("SELECT to_char(day, 'YYYY-MM-DD') AS day FROM salts ORDER BY day");
    expect(stored.map((s) => s.day)).toEqual(['2026-06-01', '2026-06-02']);
  });
});
