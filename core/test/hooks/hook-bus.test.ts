import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { HookBus } from '../../src/hooks/hook-bus.ts';
import { createMetrics } from '../../src/observability/metrics.ts';

const site = { id: '1', domain: 'example.com', timezone: 'Etc/UTC' };

function setup() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const metrics = createMetrics();
  return { bus: new HookBus(logger, metrics), metrics, lines };
}

async function counter(metrics: ReturnType<typeof createMetrics>, labels: Record<string, string>) {
  const values = (await metrics.hookCalls.get()).values;
  return values.find((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l))?.value ?? 0;
}

describe('HookBus', () => {
  it('runs observe handlers in declared order, then registration order', async () => {
    const { bus } = setup();
    const calls: string[] = [];
    bus.on('b', 'site:created', () => void calls.push('b-100'));
    bus.on('a', 'site:created', () => void calls.push('a-10'), { order: 10 });
    bus.on('c', 'site:created', () => void calls.push('c-100'));
    await bus.emit('site:created', site);
    expect(calls).toEqual(['a-10', 'b-100', 'c-100']);
  });

  it('isolates a throwing observe handler: logs it with the plugin name, counts it, others still run', async () => {
    const { bus, metrics, lines } = setup();
    const calls: string[] = [];
    bus.on('broken', 'site:created', () => {
      throw new Error('boom');
    });
    bus.on('fine', 'site:created', () => void calls.push('fine'));
    await expect(bus.emit('site:created', site)).resolves.toBeUndefined();
    expect(calls).toEqual(['fine']);
    expect(lines[0]).toMatchObject({ plugin: 'broken', hook: 'site:created' });
    expect(await counter(metrics, { owner: 'broken', outcome: 'error' })).toBe(1);
  });

  it('abandons a handler that overruns its budget and aborts its signal', async () => {
    const { bus, metrics } = setup();
    let aborted = false;
    bus.on(
      'slow',
      'site:created',
      (_payload, ctx) =>
        new Promise<void>((resolve) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          });
        }),
      { timeoutMs: 30 },
    );
    await bus.emit('site:created', site);
    expect(aborted).toBe(true);
    expect(await counter(metrics, { owner: 'slow', outcome: 'timeout' })).toBe(1);
  });

  it('threads transform results through handlers; undefined keeps the value; failures are skipped', async () => {
    const { bus } = setup();
    const check = { siteId: '1', resource: 'events', amount: 1, decision: { allowed: true } };
    bus.on('first', 'usage:check', (c) => ({ ...c, amount: c.amount + 1 }));
    bus.on('noop', 'usage:check', () => undefined);
    bus.on('broken', 'usage:check', () => {
      throw new Error('nope');
    });
    bus.on('last', 'usage:check', (c) => ({ ...c, decision: { allowed: c.amount < 2, reason: 'limit' } }));
    const result = await bus.transform('usage:check', check);
    expect(result.amount).toBe(2);
    expect(result.decision).toEqual({ allowed: false, reason: 'limit' });
  });

  it('removes every handler of an owner', async () => {
    const { bus } = setup();
    bus.on('gone', 'site:created', () => {});
    expect(bus.has('site:created')).toBe(true);
    bus.removeOwner('gone');
    expect(bus.has('site:created')).toBe(false);
  });

  it('refuses unknown hook points', () => {
    const { bus } = setup();
    expect(() => bus.on('x', 'site:exploded' as never, () => {})).toThrow('unknown hook point "site:exploded"');
  });
});
