import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { runQusto } from '../support/qusto-process.ts';
import { PASSWORD } from './support/accounts.ts';

describe('qusto account commands', () => {
  let dataDir: string;
  const run = async (args: string[]) => {
    const child = runQusto(args, { QUSTO_DATA_DIR: dataDir, QUSTO_PLUGINS: '', LOG_LEVEL: 'error' });
    const code = await child.exited;
    return { code, ...child.output() };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'qusto-cli-auth-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a user, a site for its owner and an API key that prints only the key', { timeout: 180_000 }, async () => {
    expect((await run(['create-site', '--domain', 'early.example'])).code).toBe(0);
    const user = await run(['create-user', '--email', 'Ops@Example.com', '--password', PASSWORD]);
    expect(user.code, user.stderr).toBe(0);
    expect(JSON.parse(user.stdout)).toEqual({ id: expect.any(String), email: 'ops@example.com', isAdmin: true });

    const ownerless = await run(['create-site', '--domain', 'late.example']);
    expect(ownerless.code).toBe(2);
    expect(ownerless.stderr).toContain('--owner');
    const site = await run(['create-site', '--domain', 'late.example', '--timezone', 'Europe/Berlin', '--owner', 'ops@example.com']);
    expect(site.code, site.stderr).toBe(0);
    expect(JSON.parse(site.stdout)).toMatchObject({ domain: 'late.example', timezone: 'Europe/Berlin', teamId: expect.any(String) });

    const key = await run(['create-api-key', '--email', 'ops@example.com', '--name', 'ci', '--scopes', 'stats:read,events:import']);
    expect(key.code, key.stderr).toBe(0);
    expect(key.stdout).toMatch(/^qk_[\w-]{40}\n$/);

    expect((await run(['create-api-key', '--email', 'ops@example.com', '--name', 'x', '--scopes', 'root'])).code).toBe(2);
    expect((await run(['create-user', '--email', 'ops@example.com', '--password', PASSWORD])).stderr).toContain('already exists');

    // The key works against the server on the same data.
    const qusto = await buildApp(loadConfig({ QUSTO_DATA_DIR: dataDir, QUSTO_PLUGINS: '', LOG_LEVEL: 'silent' }));
    try {
      const ok = await qusto.app.inject({ method: 'POST', url: '/api/v1/import/events?site_id=late.example', headers: { authorization: `Bearer ${key.stdout.trim()}`, 'content-type': 'application/x-ndjson' }, payload: '' });
      expect(ok.statusCode, ok.body).toBe(400); // authorised; the empty body is the only problem
    } finally {
      await qusto.close();
    }
  });
});
