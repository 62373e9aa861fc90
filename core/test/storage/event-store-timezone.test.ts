import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const CORE = path.resolve(import.meta.dirname, '../..');

describe('event store clock', () => {
  it('reads and writes timestamps as UTC even when the process runs in another time zone', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(CORE, 'bin/run-ts.js'), path.join(CORE, 'test/fixtures/scripts/event-store-clock.ts')], {
      env: { ...process.env, TZ: 'America/New_York' },
      timeout: 60_000,
    });
    const row = JSON.parse(stdout.trim().split('\n').at(-1)!) as { zone: string; unix: string };
    expect(row.zone).toBe('UTC');
    // 2026-01-01T00:00:00Z, not five hours later.
    expect(Number(row.unix)).toBe(Date.UTC(2026, 0, 1) / 1000);
  });
});
