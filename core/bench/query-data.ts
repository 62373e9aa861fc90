/**
 * Synthetic analytics data for the query benchmark: visits with realistic shapes (a daily curve,
 * Zipf-distributed pages and sources, bounces, engagement events, a few custom events with
 * props), written straight into the event store as events plus one final state per visit, so
 * sessions agree with events. Deterministic for a given seed.
 */
import type { EventStore } from '@qusto/sdk';
import { seededRandom } from '../test/support/seeded-random.ts';

/**
 * Buffers rows per table and writes them in large JSONEachRow batches: every insert is a new part
 * in ClickHouse, so many small inserts (one per small site) cost far more than their rows.
 */
export class BatchWriter {
  private readonly pending = new Map<string, Array<Record<string, unknown>>>();
  /** One insert in flight while the next batch is generated (chDB inserts run off the JS thread). */
  private inFlight: Promise<void> = Promise.resolve();
  written = 0;

  constructor(
    private readonly store: EventStore,
    private readonly batchSize = 250_000,
  ) {}

  add(table: string, row: Record<string, unknown>): void {
    let rows = this.pending.get(table);
    if (!rows) this.pending.set(table, (rows = []));
    rows.push(row);
  }

  /** Starts writing full batches; resolves once the previous write is done. */
  async maybeFlush(): Promise<void> {
    for (const [table, rows] of this.pending) if (rows.length >= this.batchSize) await this.write(table);
  }

  private async write(table: string): Promise<void> {
    const rows = this.pending.get(table);
    if (!rows || rows.length === 0) return;
    this.pending.set(table, []);
    await this.inFlight;
    this.inFlight = this.store.insert(table, rows).then(() => {
      if (table === 'events') this.written += rows.length;
    });
  }

  async flush(): Promise<void> {
    for (const table of [...this.pending.keys()]) await this.write(table);
    await this.inFlight;
  }
}

export interface GenerateOptions {
  siteId: string;
  hostname: string;
  /** Events to write for this site (approximate: whole visits). */
  events: number;
  days: number;
  /** Last day of data (UTC, exclusive): data covers [end - days, end). */
  endUtc: number;
  seed: number;
}

/** Picks from weighted entries with a precomputed cumulative table. */
function weighted<T>(entries: Array<[T, number]>): (r: number) => T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of entries) cumulative.push((acc += w / total));
  return (r) => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return entries[lo]![0];
  };
}

const zipf = <T>(items: T[], s = 1.1) => weighted(items.map((item, i) => [item, 1 / Math.pow(i + 1, s)] as [T, number]));

const SECTIONS = ['blog', 'docs', 'pricing', 'features', 'changelog', 'guides', 'integrations', 'about', 'careers', 'legal'];
const PAGES = ['/', ...Array.from({ length: 1999 }, (_, i) => `/${SECTIONS[i % SECTIONS.length]}/${i % 17 === 0 ? 'index' : `article-${i}`}`)];

const SOURCES: Array<[{ source: string; referrer: string; channel: string }, number]> = [
  [{ source: '', referrer: '', channel: 'Direct' }, 40],
  [{ source: 'Google', referrer: 'google.com', channel: 'Organic Search' }, 30],
  [{ source: 'Bing', referrer: 'bing.com', channel: 'Organic Search' }, 4],
  [{ source: 'DuckDuckGo', referrer: 'duckduckgo.com', channel: 'Organic Search' }, 3],
  [{ source: 'Hacker News', referrer: 'news.ycombinator.com', channel: 'Organic Social' }, 4],
  [{ source: 'Reddit', referrer: 'reddit.com', channel: 'Organic Social' }, 3],
  [{ source: 'Twitter', referrer: 't.co', channel: 'Organic Social' }, 3],
  [{ source: 'GitHub', referrer: 'github.com', channel: 'Organic Social' }, 3],
  [{ source: 'LinkedIn', referrer: 'linkedin.com', channel: 'Organic Social' }, 2],
  [{ source: 'Facebook', referrer: 'facebook.com', channel: 'Organic Social' }, 2],
  ...Array.from({ length: 40 }, (_, i): [{ source: string; referrer: string; channel: string }, number] => [
    { source: `blog${i}.example.org`, referrer: `blog${i}.example.org/post`, channel: 'Referral' },
    6 / (i + 1),
  ]),
];

const COUNTRIES = ['US', 'DE', 'GB', 'FR', 'IN', 'CA', 'NL', 'BR', 'ES', 'IT', 'PL', 'SE', 'AU', 'JP', 'CH', 'AT', 'BE', 'DK', 'FI', 'NO', 'IE', 'PT', 'CZ', 'RO', 'UA', 'TR', 'MX', 'AR', 'KR', 'SG', 'EE', 'LT', 'LV', 'HU', 'GR', 'IL', 'ZA', 'NZ', 'CN', 'ID'];

const DEVICES: Array<[{ device: string; browsers: Array<[[string, string], number]>; os: Array<[[string, string], number]> }, number]> = [
  [
    {
      device: 'Desktop',
      browsers: [[['Chrome', '131.0'], 50], [['Firefox', '133.0'], 15], [['Safari', '17.5'], 15], [['Edge', '131.0'], 15], [['Opera', '114.0'], 5]],
      os: [[['Windows', '10'], 50], [['Mac', '14.5'], 35], [['GNU/Linux', ''], 15]],
    },
    55,
  ],
  [
    {
      device: 'Mobile',
      browsers: [[['Chrome', '131.0'], 45], [['Safari', '17.5'], 45], [['Samsung Internet', '26.0'], 10]],
      os: [[['iOS', '17.5'], 45], [['Android', '14'], 55]],
    },
    40,
  ],
  [{ device: 'Tablet', browsers: [[['Safari', '17.5'], 70], [['Chrome', '131.0'], 30]], os: [[['iOS', '17.5'], 70], [['Android', '14'], 30]] }, 5],
];

const pad = (n: number) => String(n).padStart(2, '0');
const chTime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** Share of a day's visits per hour (UTC): low at night, peaks in the afternoon. */
const HOUR_WEIGHTS = Array.from({ length: 24 }, (_, h) => 0.25 + Math.exp(-((h - 14) ** 2) / 18));

export async function generateSite(writer: BatchWriter, options: GenerateOptions): Promise<{ events: number; sessions: number }> {
  const rand = seededRandom(options.seed);
  const pickPage = zipf(PAGES, 1.05);
  const pickEntry = zipf(PAGES.slice(0, 300), 0.9);
  const pickSource = weighted(SOURCES);
  const pickCountry = zipf(COUNTRIES, 1.0);
  const pickDevice = weighted(DEVICES);
  const pickHour = weighted(HOUR_WEIGHTS.map((w, h) => [h, w] as [number, number]));
  // Two draws: one 32-bit draw would repeat ids among millions of visitors (birthday bound).
  const randomId = () => String(Math.floor(rand() * 2 ** 32) * 2 ** 21 + Math.floor(rand() * 2 ** 21) + 1);

  // ~3.6 events per visit with the shapes below.
  const visitsPerDay = Math.max(1, Math.round(options.events / 3.6 / options.days));
  let written = 0;
  let sessionCount = 0;
  const event = (row: Record<string, unknown>) => {
    written++;
    writer.add('events', row);
  };

  const dayMs = 86_400_000;
  const firstDay = options.endUtc - options.days * dayMs;
  for (let day = 0; day < options.days && written < options.events; day++) {
    const weekday = new Date(firstDay + day * dayMs).getUTCDay();
    const todays = Math.round(visitsPerDay * (weekday === 0 || weekday === 6 ? 0.7 : 1.12));
    // Visitors of the day: salts rotate daily, so a person is a new visitor each day.
    const visitors: Array<{ id: string; country: string; device: string; browser: [string, string]; os: [string, string] }> = [];
    for (let v = 0; v < todays; v++) {
      if (written >= options.events) break;
      let visitor = visitors.length > 0 && rand() < 0.18 ? visitors[Math.floor(rand() * visitors.length)]! : undefined;
      if (!visitor) {
        const device = pickDevice(rand());
        visitor = { id: randomId(), country: pickCountry(rand()), device: device.device, browser: weighted(device.browsers)(rand()), os: weighted(device.os)(rand()) };
        visitors.push(visitor);
      }
      const source = pickSource(rand());
      const tagged = rand() < 0.08;
      const utm = tagged
        ? { utm_source: rand() < 0.5 ? 'newsletter' : 'twitter', utm_medium: rand() < 0.5 ? 'email' : 'social', utm_campaign: `campaign-${Math.floor(rand() * 12)}` }
        : { utm_source: '', utm_medium: '', utm_campaign: '' };
      const attributes = {
        site_id: options.siteId,
        user_id: visitor.id,
        session_id: randomId(),
        referrer: tagged ? '' : source.referrer,
        referrer_source: tagged ? utm.utm_source : source.source,
        acquisition_channel: tagged ? (utm.utm_medium === 'email' ? 'Email' : 'Organic Social') : source.channel,
        ...utm,
        country_code: visitor.country,
        screen_size: visitor.device,
        browser: visitor.browser[0],
        browser_version: visitor.browser[1],
        operating_system: visitor.os[0],
        operating_system_version: visitor.os[1],
      };
      const start = firstDay + day * dayMs + pickHour(rand()) * 3_600_000 + Math.floor(rand() * 3600) * 1000;
      // 45% bounce after one page; the rest read 2-10 pages.
      const pages = rand() < 0.45 ? 1 : 2 + Math.min(8, Math.floor(-Math.log(1 - rand()) * 1.4));
      let t = start;
      let pageviews = 0;
      let count = 0;
      let page = pickEntry(rand());
      const entry = page;
      let exit = page;
      let interactive = false;
      for (let p = 0; p < pages; p++) {
        if (p > 0) {
          t += (10 + Math.floor(rand() * 240)) * 1000;
          page = pickPage(rand());
        }
        event({ ...attributes, timestamp: chTime(t), name: 'pageview', hostname: options.hostname, pathname: page });
        pageviews++;
        count++;
        exit = page;
        if (rand() < 0.75) {
          const engaged = 2000 + Math.floor(rand() * 120_000);
          event({
            ...attributes,
            timestamp: chTime(t + Math.min(engaged, 240_000)),
            name: 'engagement',
            hostname: options.hostname,
            pathname: page,
            scroll_depth: Math.floor(rand() * 101),
            engagement_time: engaged,
          });
        }
        if (rand() < 0.04) {
          t += 5000;
          const custom = rand() < 0.5 ? { name: 'Signup', keys: ['plan'], values: [rand() < 0.3 ? 'pro' : 'free'] } : { name: 'File Download', keys: ['url'], values: [`https://${options.hostname}/files/${Math.floor(rand() * 20)}.pdf`] };
          event({ ...attributes, timestamp: chTime(t), name: custom.name, hostname: options.hostname, pathname: page, 'meta.key': custom.keys, 'meta.value': custom.values });
          count++;
          interactive = true;
        }
      }
      sessionCount++;
      writer.add('sessions', {
        ...attributes,
        sign: 1,
        hostname: options.hostname,
        exit_page_hostname: options.hostname,
        start: chTime(start),
        timestamp: chTime(t),
        entry_page: entry,
        exit_page: exit,
        is_bounce: pageviews === 1 && !interactive ? 1 : 0,
        pageviews,
        events: count,
        duration: Math.round((t - start) / 1000),
      });
      if (sessionCount % 1000 === 0) await writer.maybeFlush();
    }
  }
  return { events: written, sessions: sessionCount };
}
