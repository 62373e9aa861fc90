import { openChdbEventStore } from './src/storage/events/create-event-store.ts';
const store = await openChdbEventStore('/tmp/chplay/data');
for (const sql of ['SELECT 1', 'SELECT count() FROM numbers(1000000)', 'SELECT number FROM numbers(10) FORMAT JSONEachRow']) {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) { const t = performance.now(); await store.query(sql.replace(' FORMAT JSONEachRow', '')); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(sql, times[10]!.toFixed(2), 'ms');
}
const rows = Array.from({ length: 100000 }, (_, i) => ({ a: i, b: 'x'.repeat(20), c: [1, 2] }));
await store.command('CREATE TABLE IF NOT EXISTS t (a UInt64, b String, c Array(UInt8)) ENGINE = MergeTree ORDER BY a');
let t = performance.now();
await store.insert('t', rows);
console.log('insert 100k', (performance.now() - t).toFixed(0), 'ms');
await store.close();
