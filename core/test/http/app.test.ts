import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const BIG_JS = `console.log(${JSON.stringify('qusto '.repeat(2000))});`;

describe('core app', () => {
  let qusto: TestApp;
  let shellDist: string;

  beforeAll(async () => {
    shellDist = await mkdtemp(path.join(os.tmpdir(), 'qusto-shell-'));
    await mkdir(path.join(shellDist, 'static'));
    await writeFile(path.join(shellDist, 'index.html'), '<!doctype html><title>Qusto</title><div id="root"></div>');
    await writeFile(path.join(shellDist, 'static', 'main.0123456789abcdef.js'), 'console.log(1)');
    await writeFile(path.join(shellDist, 'world-shapes.0123abcd.json'), '{"countries":[]}');
    // What PrecompressAssetsPlugin writes beside a large asset.
    await writeFile(path.join(shellDist, 'static', 'big.0123456789abcdef.js'), BIG_JS);
    await writeFile(path.join(shellDist, 'static', 'big.0123456789abcdef.js.br'), brotliCompressSync(BIG_JS));
    await writeFile(path.join(shellDist, 'static', 'big.0123456789abcdef.js.gz'), gzipSync(BIG_JS));
    qusto = await startTestApp({}, { shellDist });
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('reports both stores healthy', async () => {
    const response = await qusto.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      stores: { metadata: { kind: expect.any(String), ok: true }, events: { kind: 'chdb', ok: true } },
    });
  });

  it('serves the shell at / and its client-side routes, but not for unknown API or asset paths', async () => {
    for (const url of ['/', '/example.com', '/example.com/settings?period=7d']) {
      const response = await qusto.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    const api = await qusto.app.inject({ method: 'GET', url: '/api/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: 'No route for GET /api/nope' });
    expect((await qusto.app.inject({ method: 'GET', url: '/static/missing.js' })).statusCode).toBe(404);
  });

  it('serves hashed shell assets as immutable', async () => {
    for (const url of ['/static/main.0123456789abcdef.js', '/world-shapes.0123abcd.json']) {
      const response = await qusto.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toContain('immutable');
    }
  });

  it('sends the build’s precompressed copies to browsers that accept them, the file itself otherwise', async () => {
    const url = '/static/big.0123456789abcdef.js';
    const br = await qusto.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(BIG_JS);
    const gz = await qusto.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(BIG_JS);
    const plain = await qusto.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BIG_JS);
  });

  it('exposes Prometheus metrics', async () => {
    const response = await qusto.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('qusto_hook_calls_total');
  });

  it('answers malformed JSON with a 400 that names the problem', async () => {
    const response = await qusto.app.inject({
      method: 'POST',
      url: '/api/plugins',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(/JSON/i);
  });

  it('registers the generated secret in the data dir', () => {
    expect(qusto.config.secretKeyBase).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it('answers 503 when a store stops answering', async () => {
    await qusto.container.cradle.eventStore.close();
    const response = await qusto.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', stores: { metadata: { ok: true }, events: { ok: false } } });
  });
});
