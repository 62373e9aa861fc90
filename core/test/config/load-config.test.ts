import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_SCHEMA } from '../../src/config/env-schema.ts';
import { ConfigError, loadConfig } from '../../src/config/load-config.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env, '/srv/qusto');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('gives embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/qusto');
    expect(config.port).toBe(8000);
    expect(config.dataDir).toBe('/srv/qusto/data');
    expect(config.baseUrl.href).toBe('http://localhost:8000/');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.clickhouseUrl).toBeUndefined();
    expect(config.plugins).toBeUndefined();
    expect(config.logLevel).toBe('info');
  });

  it('parses every variable it is given', () => {
    const config = loadConfig(
      {
        PORT: '9001',
        BASE_URL: 'https://stats.example.com',
        QUSTO_DATA_DIR: 'var/qusto',
        DATABASE_URL: 'postgres://q@db:5432/qusto',
        CLICKHOUSE_URL: 'http://ch:8123/events',
        REDIS_URL: 'redis://cache:6379',
        QUSTO_PLUGINS: ' @qusto/plugin-goals , ./local/acme ',
        SECRET_KEY_BASE: 'x'.repeat(40),
        LOG_LEVEL: 'debug',
        TRUSTED_PROXIES: '10.0.0.0/8,127.0.0.1',
      },
      '/srv/qusto',
    );
    expect(config.port).toBe(9001);
    expect(config.baseUrl.origin).toBe('https://stats.example.com');
    expect(config.dataDir).toBe('/srv/qusto/var/qusto');
    expect(config.databaseUrl).toBe('postgres://q@db:5432/qusto');
    expect(config.clickhouseUrl?.pathname).toBe('/events');
    expect(config.plugins).toEqual(['@qusto/plugin-goals', './local/acme']);
    expect(config.trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });

  it('an empty QUSTO_PLUGINS means no plugins, not the defaults', () => {
    expect(loadConfig({ QUSTO_PLUGINS: '' }, '/').plugins).toEqual([]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'Invalid PORT="eighty": must be a whole number (example: PORT=8000)'],
    [{ PORT: '70000' }, 'Invalid PORT="70000": must be between 1 and 65535 (example: PORT=8000)'],
    [{ BASE_URL: 'stats.example.com' }, 'Invalid BASE_URL="stats.example.com": is not a valid URL'],
    [{ DATABASE_URL: 'mysql://x@y/z', SECRET_KEY_BASE: 'x'.repeat(32) }, 'Invalid DATABASE_URL="mysql://x@y/z": must start with postgres://'],
    [{ CLICKHOUSE_URL: 'tcp://ch:9000' }, 'Invalid CLICKHOUSE_URL="tcp://ch:9000": must start with http:// or https://'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid LOG_LEVEL="loud": must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ SECRET_KEY_BASE: 'short' }, 'Invalid SECRET_KEY_BASE="short": must be at least 32 characters long'],
    [{ DATABASE_URL: 'postgres://q@db/qusto' }, 'Missing SECRET_KEY_BASE: required with DATABASE_URL'],
  ])('rejects %j with one line naming the variable', (env, expected) => {
    const problems = problemsOf(env as Record<string, string>);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
    expect(problems[0]).not.toContain('\n');
  });

  it('reports every bad variable, one line each', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });
});

describe('README configuration table', () => {
  it('documents exactly the variables the schema reads', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'));
    const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ENV_SCHEMA).sort());
  });
});
