import { BatchWriter, generateSite } from './bench/query-data.ts';
import { openChdbEventStore } from './src/storage/events/create-event-store.ts';
const fake = { rows: 0, async insert(_t: string, rows: unknown[]) { this.rows += rows.length; } };
let t = performance.now();
const w = new BatchWriter(fake as never);
await generateSite(w, { siteId: '1', hostname: 'x.example', events: 300000, days: 30, endUtc: Date.UTC(2026, 10, 1), seed: 1 });
await w.flush();
console.log('generate 300k', (performance.now() - t).toFixed(0), 'ms', fake.rows);
// insert cost of event-like rows
const store = await openChdbEventStore('/tmp/chplay2');
await store.command(`CREATE TABLE IF NOT EXISTS ev (timestamp DateTime, name LowCardinality(String), site_id UInt64, user_id UInt64, session_id UInt64, hostname String, pathname String, referrer String, referrer_source String, utm_source String, utm_medium String, utm_campaign String, country_code FixedString(2), screen_size LowCardinality(String), browser LowCardinality(String), browser_version LowCardinality(String), operating_system LowCardinality(String), operating_system_version LowCardinality(String), acquisition_channel LowCardinality(String)) ENGINE = MergeTree ORDER BY (site_id, timestamp)`);
const rows = Array.from({ length: 100000 }, (_, i) => ({ timestamp: '2026-03-02 10:00:00', name: 'pageview', site_id: '1', user_id: String(1e15 + i), session_id: String(2e15 + i), hostname: 'x.example', pathname: '/blog/article-' + (i % 500), referrer: 'google.com', referrer_source: 'Google', utm_source: '', utm_medium: '', utm_campaign: '', country_code: 'US', screen_size: 'Desktop', browser: 'Chrome', browser_version: '131.0', operating_system: 'Windows', operating_system_version: '10', acquisition_channel: 'Direct' }));
t = performance.now();
await store.insert('ev', rows);
console.log('insert 100k event rows', (performance.now() - t).toFixed(0), 'ms');
t = performance.now();
const text = rows.map((r) => JSON.stringify(r)).join('\n');
console.log('stringify', (performance.now() - t).toFixed(0), 'ms', text.length);
await store.close();
