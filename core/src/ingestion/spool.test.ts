import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Spool, SpoolFullError } from './spool.ts';
import type { SpoolRecord } from './spool-record.ts';

const record = (name: string): SpoolRecord => ({ events: [{ name } as never], visits: [] });

describe('Spool', () => {
  const dirs: string[] = [];
  const dir = async () => {
    const d = await mkdtemp(path.join(os.tmpdir(), 'qusto-spool-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('commits concurrent appends in groups and seals them into one segment', async () => {
    const { spool } = await Spool.open(await dir(), 1_000_000);
    await Promise.all(Array.from({ length: 50 }, (_, i) => spool.append(record(`e${i}`))));
    const sealed = await spool.seal();
    expect(sealed?.records?.map((r) => r.events[0]!.name)).toEqual(Array.from({ length: 50 }, (_, i) => `e${i}`));
    expect(await spool.seal()).toBeNull();
    await spool.close();
  });

  it('gives back what a crashed run left, ignoring a torn last line', async () => {
    const d = await dir();
    const first = await Spool.open(d, 1_000_000);
    await first.spool.append(record('kept-1'));
    await first.spool.append(record('kept-2'));
    // Simulate a crash mid-write: a partial line after the fsync'd ones, and no close().
    const [segment] = (await readdir(d)).filter((f) => f.endsWith('.ndjson'));
    await appendFile(path.join(d, segment!), '{"events":[{"name":"torn');
    const second = await Spool.open(d, 1_000_000);
    const recovered = await Promise.all(second.recovered.map((s) => second.spool.read(s)));
    expect(recovered.flat().map((r) => r.events[0]!.name)).toEqual(['kept-1', 'kept-2']);
    for (const s of second.recovered) await second.spool.remove(s);
    expect(second.spool.pendingBytes).toBe(0);
    await second.spool.close();
    expect((await readdir(d)).filter((f) => f.endsWith('.ndjson'))).toEqual([]);
  });

  it('refuses appends past its size bound instead of dropping them silently', async () => {
    const { spool } = await Spool.open(await dir(), 200);
    await spool.append(record('fits'));
    await expect(spool.append(record('x'.repeat(300)))).rejects.toBeInstanceOf(SpoolFullError);
    await spool.close();
  });
});
