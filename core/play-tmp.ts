import { BatchWriter, generateSite } from './bench/query-data.ts';
const fake = { rows: 0, async insert(_t: string, rows: unknown[]) { this.rows += rows.length; } };
const t = performance.now();
const w = new BatchWriter(fake as never);
await generateSite(w, { siteId: '1', hostname: 'x.example', events: 300000, days: 30, endUtc: Date.UTC(2026, 10, 1), seed: 1 });
await w.flush();
console.log('generate 300k', (performance.now() - t).toFixed(0), 'ms', fake.rows);
