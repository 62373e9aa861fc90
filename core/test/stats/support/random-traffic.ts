import { seededRandom } from '../../support/seeded-random.ts';
import type { RawEvent } from './stats-fixture.ts';

/**
 * Seeded random traffic for comparing query paths: visitors (IP + user agent) with one to three
 * visits a day, visits across midnight, returning visitors with other sources, engagement and
 * custom events, UTM-tagged landings, gaps over the 30-minute visit timeout, and one visit that
 * goes on for more than a day.
 */
export interface TrafficOptions {
  seed: number;
  domain: string;
  /** First UTC day, `YYYY-MM-DD`. */
  firstDay: string;
  days: number;
  visitorsPerDay: number;
}

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
];

/** Real networks in several countries (the bundled DB-IP data), and a private one (no country). */
const NETWORKS = ['8.8.', '81.2.', '193.40.', '91.198.', '133.11.', '200.160.', '103.21.', '10.0.'];

const PAGES = ['/', '/pricing', '/blog', '/blog/post-1', '/blog/post-2', '/docs', '/docs/install', '/about', '/A', '/a'];

const REFERRERS = [
  '',
  '',
  'https://www.google.com/',
  'https://news.ycombinator.com/item?id=1',
  'https://duckduckgo.com/',
  'https://t.co/abc',
  'https://example.org/links',
];

const LANDING_QUERIES = ['', '', '', '?utm_source=newsletter&utm_medium=email&utm_campaign=March', '?utm_source=twitter&utm_medium=social', '?gclid=abc'];

const MINUTE = 60_000;
const DAY = 86_400_000;

export function randomTraffic(options: TrafficOptions): RawEvent[] {
  const rand = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const url = (path: string, query = '') => `https://${options.domain}${path}${query}`;
  const events: RawEvent[] = [];
  const first = Date.parse(`${options.firstDay}T00:00:00Z`);

  const visit = (ip: string, ua: string, start: number, pageviews: number, gapMinutes: () => number) => {
    const referrer = pick(REFERRERS);
    let t = start;
    let path = pick(PAGES);
    events.push({ timestamp: new Date(t).toISOString(), ip, ua, name: 'pageview', url: url(path, pick(LANDING_QUERIES)), ...(referrer ? { referrer } : {}) });
    for (let p = 0; p < pageviews; p++) {
      if (rand() < 0.7) {
        events.push({ timestamp: new Date(t + 30_000).toISOString(), ip, ua, name: 'engagement', url: url(path), sd: Math.floor(rand() * 101), e: 1000 + Math.floor(rand() * 60_000) });
      }
      if (rand() < 0.08) {
        events.push({ timestamp: new Date(t + 45_000).toISOString(), ip, ua, name: 'Signup', url: url(path), props: { plan: rand() < 0.5 ? 'pro' : 'free' } });
      }
      if (p + 1 < pageviews) {
        t += gapMinutes() * MINUTE;
        path = pick(PAGES);
        events.push({ timestamp: new Date(t).toISOString(), ip, ua, name: 'pageview', url: url(path) });
      }
    }
  };

  for (let day = 0; day < options.days; day++) {
    for (let v = 0; v < options.visitorsPerDay; v++) {
      const ip = `${pick(NETWORKS)}${Math.floor(rand() * 250) + 1}.${Math.floor(rand() * 250) + 1}`;
      const ua = pick(USER_AGENTS);
      const visits = 1 + Math.floor(rand() * rand() * 3);
      for (let n = 0; n < visits; n++) {
        // Some visits start late in the evening (UTC) and run past midnight.
        const start = first + day * DAY + (rand() < 0.2 ? 23 * 60 + Math.floor(rand() * 55) : Math.floor(rand() * 23 * 60)) * MINUTE + Math.floor(rand() * 60) * 1000;
        // Gaps over 30 minutes now and then: the visit ends and the next pageview starts another.
        visit(ip, ua, start, 1 + Math.floor(rand() * 5), () => (rand() < 0.1 ? 31 + Math.floor(rand() * 20) : 1 + Math.floor(rand() * 25)));
      }
    }
  }
  // One visit that goes on for 26 hours: a pageview every 20 minutes.
  const marathonStart = first + Math.floor(options.days / 2) * DAY + 20 * 60 * MINUTE;
  visit('8.8.8.77', USER_AGENTS[0]!, marathonStart, 78, () => 20);
  return events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
}
