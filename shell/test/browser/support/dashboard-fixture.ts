/**
 * Deterministic traffic for the dashboard browser test: two 28-day periods (the recent one
 * busier), a handful of visitors right now, several countries, browsers, sources, UTM tags and
 * a custom property, and hostile strings in the tracked URL, referrer and property value.
 */

export const XSS_PATH = '/<img src=x onerror=alert(1)>';
export const XSS_REFERRER = 'https://evil.example/<script>alert(2)</script>';
export const XSS_PROP = '<img src=y onerror=alert(3)>';

export interface RawEvent {
  timestamp: string;
  name: string;
  url: string;
  referrer?: string;
  ip: string;
  user_agent: string;
  props?: Record<string, string>;
}

const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
];

/** IP prefixes the bundled DB-IP data places in different countries (last octet varies). */
const IP_PREFIXES = ['8.8.8.', '8.8.4.', '193.40.1.', '81.2.69.', '85.214.132.', '62.210.16.', '133.242.0.', '200.160.2.'];

const PAGES = ['/', '/', '/', '/pricing', '/pricing', '/blog/hello-world', '/blog/privacy-first-analytics', '/docs/getting-started', '/docs', '/about', '/contact'];

const SOURCES: Array<{ referrer?: string; query?: string }> = [
  {},
  {},
  { referrer: 'https://www.google.com/' },
  { referrer: 'https://www.google.com/' },
  { referrer: 'https://www.google.com/' },
  { referrer: 'https://news.ycombinator.com/item?id=4242' },
  { referrer: 'https://github.com/qusto/qusto' },
  { referrer: 'https://duckduckgo.com/' },
  { referrer: 'https://t.co/abc123' },
  { query: '?utm_source=newsletter&utm_medium=email&utm_campaign=launch' },
  { query: '?utm_source=mastodon&utm_medium=social&utm_campaign=launch' },
];

/** mulberry32: a small seeded PRNG, so every run seeds the same traffic. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function dashboardEvents(domain: string, now: number = Date.now()): RawEvent[] {
  const rand = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const events: RawEvent[] = [];
  const dayMs = 86_400_000;
  const startOfToday = Math.floor(now / dayMs) * dayMs;

  const session = (start: number, options: { entry?: string; source?: { referrer?: string; query?: string }; ip?: string; ua?: string; props?: Record<string, string> } = {}) => {
    const ip = options.ip ?? `${pick(IP_PREFIXES)}${1 + Math.floor(rand() * 200)}`;
    const ua = options.ua ?? pick(UAS);
    const source = options.source ?? pick(SOURCES);
    const views = 1 + Math.floor(rand() * rand() * 5);
    let t = start;
    let page = options.entry ?? pick(PAGES);
    for (let i = 0; i < views; i++) {
      if (t > now - 1000) break;
      const event: RawEvent = { timestamp: new Date(t).toISOString(), name: 'pageview', url: `https://${domain}${page}${i === 0 ? (source.query ?? '') : ''}`, ip, user_agent: ua };
      if (i === 0 && source.referrer) event.referrer = source.referrer;
      events.push(event);
      if (page === '/pricing' && rand() < 0.5) {
        events.push({ timestamp: new Date(t + 20_000).toISOString(), name: 'Signup', url: `https://${domain}/pricing`, ip, user_agent: ua, props: options.props ?? { plan: pick(['free', 'free', 'pro', 'team']) } });
      }
      t += 30_000 + Math.floor(rand() * 240_000);
      page = pick(PAGES);
    }
  };

  for (let day = 56; day >= 1; day--) {
    const visitors = 6 + Math.floor(rand() * 6) + (day <= 28 ? 8 : 0) + (day <= 7 ? 4 : 0);
    for (let v = 0; v < visitors; v++) {
      const at = startOfToday - day * dayMs + (7 + Math.floor(rand() * 15)) * 3_600_000 + Math.floor(rand() * 3_600_000);
      session(at);
    }
  }
  // Hostile tracked strings: must show as text.
  session(startOfToday - 2 * dayMs + 10 * 3_600_000, { entry: XSS_PATH, source: { referrer: XSS_REFERRER }, ip: '193.40.1.77', ua: UAS[0] });
  events.push({ timestamp: new Date(startOfToday - 2 * dayMs + 10 * 3_600_000 + 5000).toISOString(), name: 'Signup', url: `https://${domain}/pricing`, ip: '193.40.1.77', user_agent: UAS[0]!, props: { plan: XSS_PROP } });
  // Today, and a few visitors in the last minutes (current visitors).
  const elapsedToday = now - startOfToday;
  for (let v = 0; v < 6; v++) session(startOfToday + Math.floor(rand() * Math.max(1, elapsedToday - 600_000)));
  for (let v = 0; v < 3; v++) session(now - (60_000 + v * 45_000), { entry: pick(['/', '/pricing', '/blog/hello-world']) });
  return events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

export const toNdjson = (events: RawEvent[]) => events.map((e) => JSON.stringify(e)).join('\n');
