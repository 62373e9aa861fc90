import { openChdbEventStore } from './src/storage/events/create-event-store.ts';
const store = await openChdbEventStore('/tmp/chplay/data');
const q = async (sql: string, p: Record<string, unknown> = {}) => { try { console.log(JSON.stringify(await store.query(sql, p))); } catch (e) { console.log('ERR', (e as Error).message.slice(0, 300)); } };
await q(`SELECT {a:UInt8} AS a`, { a: 1, unused: 'x' });
await q(`SELECT number FROM numbers(10) ORDER BY number LIMIT {l:UInt32} OFFSET {o:UInt32}`, { l: 2, o: 3 });
await q(`SELECT {s:String} AS s, length({s:String}) AS l`, { s: "a'b\\c\td\n\u0000é" });
await q(`SELECT multiSearchAny(toString(toLowCardinality('abc')), ['b']) AS x, multiMatchAny(toLowCardinality('abc'), ['b']) AS y`);
await store.close();
