import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runQusto as run } from '../support/qusto-process.ts';

describe('qusto CLI', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('stops on a bad variable with one line naming it, and exit code 1', async () => {
    const { exited, output } = run(['start'], { PORT: 'abc' });
    expect(await exited).toBe(1);
    expect(output().stderr.trim()).toBe('Invalid PORT="abc": must be a whole number (example: PORT=8000)');
  });

  it('starts on embedded stores, logs where it listens, refuses a second process, and drains on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qusto-cli-'));
    dirs.push(dataDir);
    const port = await freePort();
    const env = { PORT: String(port), QUSTO_DATA_DIR: dataDir, LOG_LEVEL: 'info', QUSTO_PLUGINS: '' };
    const server = run(['start'], env);
    children.push(server.child);
    await server.waitForOutput('Qusto is ready');
    const ready = server.output().stdout.split('\n').find((line) => line.includes('Qusto is ready'))!;
    expect(JSON.parse(ready)).toMatchObject({
      port,
      stores: { metadata: 'pglite', events: 'chdb' },
      readyMs: expect.any(Number),
    });
    expect(existsSync(path.join(dataDir, 'qusto.pid'))).toBe(true);

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);

    const second = run(['migrate'], env);
    expect(await second.exited).not.toBe(0);
    expect(second.output().stderr + second.output().stdout).toContain(`is in use by another Qusto process (pid ${server.child.pid})`);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toContain('shutdown complete');
    expect(existsSync(path.join(dataDir, 'qusto.pid'))).toBe(false);
  });
});
