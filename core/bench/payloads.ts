/** Realistic, varied Events API traffic: pages, referrers, UTM tags, user agents and IPs. */

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
];
const REFERRERS = [
  null,
  null,
  null,
  'https://www.google.com/',
  'https://www.bing.com/',
  'https://duckduckgo.com/',
  'https://t.co/abc',
  'https://news.ycombinator.com/item?id=4242',
  'https://www.reddit.com/r/webdev/comments/x',
  'https://l.facebook.com/',
  'https://some-blog.example.org/post/analytics',
];
const QUERIES = ['', '', '', '?utm_source=newsletter&utm_medium=email&utm_campaign=winter', '?utm_source=google&utm_medium=cpc&gclid=xyz', '?ref=producthunt'];

/** Small deterministic PRNG so runs are comparable. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface BenchRequest {
  body: string;
  headers: Record<string, string>;
}

export function makeRequests(count: number, domain: string, seed = 42): BenchRequest[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const requests: BenchRequest[] = [];
  for (let i = 0; i < count; i++) {
    // A few hundred pages with a long tail.
    const page = Math.floor(300 * next() ** 2);
    const custom = next() < 0.1;
    const ip = `${10 + Math.floor(next() * 200)}.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}.${1 + Math.floor(next() * 250)}`;
    const body = {
      n: custom ? pick(['Signup', 'Download', 'Outbound Link: Click']) : 'pageview',
      u: `https://${domain}/docs/page-${page}${pick(QUERIES)}`,
      d: domain,
      r: pick(REFERRERS),
      ...(custom ? { p: { plan: pick(['free', 'pro', 'team']), position: String(Math.floor(next() * 10)) } } : {}),
    };
    requests.push({
      body: JSON.stringify(body),
      headers: { 'content-type': 'text/plain', 'user-agent': pick(USER_AGENTS), 'x-forwarded-for': ip },
    });
  }
  return requests;
}
