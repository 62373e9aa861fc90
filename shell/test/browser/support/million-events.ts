/**
 * Seeds about a million realistic events for one site inside ClickHouse (`INSERT … SELECT …
 * FROM numbers(visits)`), which is far faster than generating rows in JavaScript. Every visit
 * is a session row plus its events (a pageview and an engagement event per page, sometimes a
 * Signup), derived from the same hashes of the visit number, so sessions agree with events:
 * entry and exit pages, pageviews, bounces and durations. Visitors come back within a day with
 * the same country and device; hours follow a daily curve; pages, sources and countries are
 * skewed as real traffic is.
 */
import type { EventStore } from '@qusto/sdk';

export interface MillionOptions {
  siteId: string;
  hostname: string;
  /** About this many events (whole visits): ~6.4 per visit. */
  events: number;
  days: number;
  /** Data covers [endUtc - days, endUtc) (ms, midnight UTC). */
  endUtc: number;
}

const EVENTS_PER_VISIT = 6.43;

/** A SQL array literal of strings (constants only: nothing here comes from users). */
const list = (values: readonly string[]) => `[${values.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(',')}]`;
/** Repeats entries by weight, so a uniform pick is a weighted one. */
const weighted = <T>(entries: Array<[T, number]>): T[] => entries.flatMap(([value, weight]) => Array.from({ length: weight }, () => value));

const SECTIONS = ['blog', 'docs', 'pricing', 'features', 'changelog', 'guides', 'integrations', 'about'];
const PAGES = ['/', '/pricing', '/features', '/docs', ...Array.from({ length: 300 }, (_, i) => `/${SECTIONS[i % SECTIONS.length]}/${i % 13 === 0 ? 'index' : `article-${i}`}`)];
const SOURCES = weighted<[string, string, string]>([
  [['', '', 'Direct'], 40],
  [['Google', 'https://www.google.com/', 'Organic Search'], 30],
  [['Bing', 'https://www.bing.com/', 'Organic Search'], 4],
  [['DuckDuckGo', 'https://duckduckgo.com/', 'Organic Search'], 3],
  [['Hacker News', 'https://news.ycombinator.com/', 'Organic Social'], 4],
  [['Reddit', 'https://www.reddit.com/', 'Organic Social'], 3],
  [['GitHub', 'https://github.com/', 'Organic Social'], 3],
  [['LinkedIn', 'https://www.linkedin.com/', 'Organic Social'], 2],
  [['blog.example.org', 'https://blog.example.org/post', 'Referral'], 3],
]);
const COUNTRIES = ['US', 'DE', 'GB', 'FR', 'IN', 'CA', 'NL', 'BR', 'ES', 'IT', 'PL', 'SE', 'AU', 'JP', 'CH', 'AT', 'BE', 'DK', 'FI', 'NO', 'IE', 'PT', 'CZ', 'RO', 'UA', 'TR', 'MX', 'AR', 'KR', 'SG', 'EE', 'LT', 'LV', 'HU', 'GR', 'IL', 'ZA', 'NZ', 'ID', 'NG'];
const CLIENTS = weighted<[string, string, string, string, string]>([
  [['Desktop', 'Chrome', '131.0', 'Windows', '10'], 22],
  [['Desktop', 'Chrome', '131.0', 'Mac', '14.5'], 8],
  [['Desktop', 'Firefox', '133.0', 'Windows', '10'], 6],
  [['Desktop', 'Safari', '17.5', 'Mac', '14.5'], 9],
  [['Desktop', 'Microsoft Edge', '131.0', 'Windows', '10'], 8],
  [['Desktop', 'Firefox', '133.0', 'GNU/Linux', ''], 2],
  [['Mobile', 'Safari', '17.5', 'iOS', '17.5'], 18],
  [['Mobile', 'Chrome', '131.0', 'Android', '14'], 18],
  [['Mobile', 'Samsung Internet', '26.0', 'Android', '14'], 4],
  [['Tablet', 'Safari', '17.5', 'iOS', '17.5'], 5],
]);
/** Visits per hour of day (UTC): quiet at night, a peak in the afternoon. */
const HOURS = weighted(Array.from({ length: 24 }, (_, h): [number, number] => [h, Math.round(3 + 12 * Math.exp(-((h - 14) ** 2) / 18))]));

/** A uniform number in [0, 1) from a hash of the visit and a salt. */
const uniform = (...parts: string[]) => `((cityHash64(${parts.join(', ')}) % 1000000) / 1000000)`;
/** 1-based index into an array of length `n`, skewed to the front (Zipf-like) by `power`. */
const skewed = (u: string, n: number, power: number) => `(1 + toUInt32(floor(pow(${u}, ${power}) * ${n})))`;
/** The page of a visit's `p`-th pageview: the entry page first, then skewed picks. */
const pageAt = (p: string) => `if(${p} = 0, entry_page, arrayElement(${list(PAGES)}, ${skewed(uniform('n', p, '17'), PAGES.length, 2.6)}))`;

function visitsQuery(options: MillionOptions, visits: number): string {
  const startSec = Math.floor(options.endUtc / 1000) - options.days * 86_400;
  const perDay = Math.max(1, Math.floor(visits / options.days));
  return `
    SELECT
      number AS n,
      intDiv(number * ${options.days}, ${visits}) AS day,
      -- About one visit in six is a visitor's second or later of the day.
      cityHash64(day, cityHash64(number, 5) % ${Math.max(1, Math.floor(perDay * 0.84))}) + 1 AS user_id,
      cityHash64(number, 6) + 1 AS session_id,
      toDateTime(${startSec} + day * 86400 + arrayElement([${HOURS.join(',')}], 1 + cityHash64(number, 2) % ${HOURS.length}) * 3600 + cityHash64(number, 3) % 3600) AS start,
      if(cityHash64(number, 4) % 100 < 45, 1, 2 + cityHash64(number, 7) % 7) AS pageviews,
      20 + cityHash64(number, 8) % 200 AS gap,
      cityHash64(number, 9) % 100 < 4 AS signup,
      arrayElement(${list(PAGES.slice(0, 120))}, ${skewed(uniform('number', '10'), 120, 2.2)}) AS entry_page,
      cityHash64(number, 11) % 100 < 8 AS tagged,
      ${skewed(uniform('number', '12'), SOURCES.length, 1)} AS source_index,
      if(tagged, '', arrayElement(${list(SOURCES.map((s) => s[1]))}, source_index)) AS referrer,
      if(tagged, 'Newsletter', arrayElement(${list(SOURCES.map((s) => s[0]))}, source_index)) AS referrer_source,
      if(tagged, 'Email', arrayElement(${list(SOURCES.map((s) => s[2]))}, source_index)) AS acquisition_channel,
      if(tagged, 'newsletter', '') AS utm_source,
      if(tagged, 'email', '') AS utm_medium,
      if(tagged, concat('launch-', toString(cityHash64(number, 13) % 6)), '') AS utm_campaign,
      -- Country and device belong to the visitor, so a returning visitor keeps them.
      arrayElement(${list(COUNTRIES)}, ${skewed(uniform('user_id', '14'), COUNTRIES.length, 2)}) AS country_code,
      ${skewed(uniform('user_id', '15'), CLIENTS.length, 1)} AS client,
      arrayElement(${list(CLIENTS.map((c) => c[0]))}, client) AS screen_size,
      arrayElement(${list(CLIENTS.map((c) => c[1]))}, client) AS browser,
      arrayElement(${list(CLIENTS.map((c) => c[2]))}, client) AS browser_version,
      arrayElement(${list(CLIENTS.map((c) => c[3]))}, client) AS operating_system,
      arrayElement(${list(CLIENTS.map((c) => c[4]))}, client) AS operating_system_version
    FROM numbers(${visits})`;
}

const ATTRIBUTES = ['user_id', 'session_id', 'referrer', 'referrer_source', 'acquisition_channel', 'utm_source', 'utm_medium', 'utm_campaign', 'country_code', 'screen_size', 'browser', 'browser_version', 'operating_system', 'operating_system_version'];

/** Writes the visits; returns how many events and sessions were written. */
export async function seedMillionEvents(store: EventStore, options: MillionOptions): Promise<{ events: number; sessions: number }> {
  const visits = Math.round(options.events / EVENTS_PER_VISIT);
  const site = `toUInt64(${BigInt(options.siteId).toString()})`;
  const host = `'${options.hostname.replace(/'/g, '')}'`;
  const visitsSql = visitsQuery(options, visits);

  await store.command(`
    INSERT INTO sessions (session_id, sign, site_id, hostname, exit_page_hostname, start, timestamp, entry_page, exit_page, is_bounce, pageviews, events, duration, ${ATTRIBUTES.filter((a) => a !== 'session_id').join(', ')})
    SELECT session_id, 1, ${site}, ${host}, ${host}, start, start + (pageviews - 1) * gap + if(signup, 5, 0), entry_page, ${pageAt('pageviews - 1')},
      pageviews = 1 AND NOT signup, pageviews, pageviews + signup, (pageviews - 1) * gap + if(signup, 5, 0), ${ATTRIBUTES.filter((a) => a !== 'session_id').join(', ')}
    FROM (${visitsSql})`);

  // Per visit: j = 2p is page p's pageview, 2p + 1 its engagement; one more for a Signup.
  await store.command(`
    INSERT INTO events (timestamp, name, site_id, hostname, pathname, scroll_depth, engagement_time, \`meta.key\`, \`meta.value\`, ${ATTRIBUTES.join(', ')})
    SELECT
      start + intDiv(j, 2) * gap + multiIf(j >= pageviews * 2, (pageviews - 1) * gap + 5 - intDiv(j, 2) * gap, j % 2 = 1, gap - 1, 0),
      multiIf(j >= pageviews * 2, 'Signup', j % 2 = 0, 'pageview', 'engagement'),
      ${site}, ${host},
      ${pageAt('least(intDiv(j, 2), pageviews - 1)')},
      if(j % 2 = 1 AND j < pageviews * 2, cityHash64(n, j, 20) % 101, 0),
      if(j % 2 = 1 AND j < pageviews * 2, 2000 + cityHash64(n, j, 21) % 120000, 0),
      if(j >= pageviews * 2, ['plan'], []),
      if(j >= pageviews * 2, [if(cityHash64(n, 22) % 3 = 0, 'pro', 'free')], []),
      ${ATTRIBUTES.join(', ')}
    FROM (${visitsSql})
    ARRAY JOIN range(toUInt32(pageviews * 2 + signup)) AS j`);

  const [counts] = await store.query<{ events: string | number; sessions: string | number }>(
    `SELECT (SELECT count() FROM events WHERE site_id = ${site}) AS events, (SELECT count() FROM sessions WHERE site_id = ${site}) AS sessions`,
  );
  return { events: Number(counts?.events ?? 0), sessions: Number(counts?.sessions ?? 0) };
}
