import { IP, UA, type RawEvent } from './stats-fixture.ts';

/**
 * The main fixture: site `main.example` (UTC), Monday 2026-03-02 and the night after.
 *
 * V1 (US, Chrome/Windows, from Google): / -> /pricing (engaged 30 s, scrolled 80) -> Signup {plan: pro}.
 *    One visit 10:00-10:07, 2 pageviews, not a bounce, 420 s.
 * V2 (EE, Safari/Mac, utm newsletter/email/March): /blog/post-1, engaged 20 s, scrolled 50. A bounce, 0 s.
 * V3 (GB, iPhone, direct): / at 12:00 and /blog/post-1 at 12:40: two visits (40 min apart), both bounces.
 * V4 (US, Firefox/Linux, from Hacker News): /pricing 23:50, / at 00:10 next day, Download {file: a.pdf}
 *    at 00:15. One visit across midnight, 2 pageviews, not a bounce, 1500 s.
 * V5 (no country, Chrome/Windows, direct): /A 14:50, /b 15:10, /c 15:35. One visit over two
 *    hours, 3 pageviews, not a bounce, 2700 s; plus a non-interactive "Video Play" at 15:36 (2760 s).
 */
export const MAIN_DOMAIN = 'main.example';

const u = (path: string) => `https://${MAIN_DOMAIN}${path}`;

export const MAIN_EVENTS: RawEvent[] = [
  { timestamp: '2026-03-02T10:00:00Z', ip: IP.us1, ua: UA.chromeWindows, name: 'pageview', url: u('/'), referrer: 'https://www.google.com/' },
  { timestamp: '2026-03-02T10:05:00Z', ip: IP.us1, ua: UA.chromeWindows, name: 'pageview', url: u('/pricing') },
  { timestamp: '2026-03-02T10:06:00Z', ip: IP.us1, ua: UA.chromeWindows, name: 'engagement', url: u('/pricing'), sd: 80, e: 30_000 },
  { timestamp: '2026-03-02T10:07:00Z', ip: IP.us1, ua: UA.chromeWindows, name: 'Signup', url: u('/pricing'), props: { plan: 'pro' } },

  { timestamp: '2026-03-02T11:00:00Z', ip: IP.ee, ua: UA.safariMac, name: 'pageview', url: u('/blog/post-1?utm_source=newsletter&utm_medium=email&utm_campaign=March') },
  { timestamp: '2026-03-02T11:00:30Z', ip: IP.ee, ua: UA.safariMac, name: 'engagement', url: u('/blog/post-1'), sd: 50, e: 20_000 },

  { timestamp: '2026-03-02T12:00:00Z', ip: IP.gb, ua: UA.iphone, name: 'pageview', url: u('/') },
  { timestamp: '2026-03-02T12:40:00Z', ip: IP.gb, ua: UA.iphone, name: 'pageview', url: u('/blog/post-1') },

  { timestamp: '2026-03-02T23:50:00Z', ip: IP.us2, ua: UA.firefoxLinux, name: 'pageview', url: u('/pricing'), referrer: 'https://news.ycombinator.com/item?id=1' },
  { timestamp: '2026-03-03T00:10:00Z', ip: IP.us2, ua: UA.firefoxLinux, name: 'pageview', url: u('/') },
  { timestamp: '2026-03-03T00:15:00Z', ip: IP.us2, ua: UA.firefoxLinux, name: 'Download', url: u('/'), props: { file: 'a.pdf' } },

  { timestamp: '2026-03-02T14:50:00Z', ip: IP.unknown, ua: UA.chromeWindows, name: 'pageview', url: u('/A') },
  { timestamp: '2026-03-02T15:10:00Z', ip: IP.unknown, ua: UA.chromeWindows, name: 'pageview', url: u('/b') },
  { timestamp: '2026-03-02T15:35:00Z', ip: IP.unknown, ua: UA.chromeWindows, name: 'pageview', url: u('/c') },
  { timestamp: '2026-03-02T15:36:00Z', ip: IP.unknown, ua: UA.chromeWindows, name: 'Video Play', url: u('/c'), interactive: false },
];
