import { existsSync } from 'node:fs';

/**
 * Every environment variable Qusto reads, in one table. Start-up validates them all and stops
 * with one line naming the variable, what is wrong and an example. The README's configuration
 * table lists exactly these (a test keeps the two in step).
 */

export type EnvParser<T> = (raw: string) => T;

export interface EnvVar<T = unknown> {
  name: string;
  description: string;
  example: string;
  /** Value used when the variable is unset or empty; `undefined` means "not set". */
  default?: T;
  parse: EnvParser<T>;
}

export class EnvValueError extends Error {}

const fail = (problem: string): never => {
  throw new EnvValueError(problem);
};

export const parsers = {
  port: (raw: string): number => {
    if (!/^\d+$/.test(raw)) fail('must be a whole number');
    const port = Number(raw);
    if (port < 1 || port > 65535) fail('must be between 1 and 65535');
    return port;
  },
  nonNegativeInt: (raw: string): number => {
    if (!/^\d+$/.test(raw)) fail('must be a whole number (0 or more)');
    return Number(raw);
  },
  positiveInt: (raw: string): number => {
    if (!/^\d+$/.test(raw) || Number(raw) < 1) fail('must be a whole number of at least 1');
    return Number(raw);
  },
  httpUrl: (raw: string): URL => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail('is not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('must start with http:// or https://');
    return url;
  },
  postgresUrl: (raw: string): string => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail('is not a valid URL');
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') fail('must start with postgres://');
    return raw;
  },
  redisUrl: (raw: string): string => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail('is not a valid URL');
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') fail('must start with redis:// or rediss://');
    return raw;
  },
  list: (raw: string): string[] =>
    raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  oneOf:
    <T extends string>(...values: T[]) =>
    (raw: string): T => {
      if (!(values as string[]).includes(raw)) fail(`must be one of ${values.join(', ')}`);
      return raw as T;
    },
  secret: (raw: string): string => {
    if (raw.length < 32) fail('must be at least 32 characters long');
    return raw;
  },
  text: (raw: string): string => raw,
  /** `<count>/<seconds>`, e.g. `1000/60`: at most that many in each window of that many seconds. */
  rate: (raw: string): { count: number; seconds: number } => {
    const match = /^(\d+)\s*\/\s*(\d+)$/.exec(raw.trim());
    if (!match) return fail('must be <events>/<seconds>, such as 1000/60');
    const count = Number(match[1]);
    const seconds = Number(match[2]);
    if (count < 1 || seconds < 1 || seconds > 86_400) fail('needs at least 1 event per window of 1 to 86400 seconds');
    return { count, seconds };
  },
  smtpUrl: (raw: string): URL => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail('is not a valid URL');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') fail('must start with smtp:// or smtps://');
    return url;
  },
  mailbox: (raw: string): string => {
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(raw) && !/^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(raw)) fail('must be an address like qusto@example.com or "Qusto <qusto@example.com>"');
    return raw;
  },
  existingFile: (raw: string): string => {
    if (!existsSync(raw)) fail('names a file that does not exist');
    return raw;
  },
};

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** The schema. Order is the order of the README table. */
export const ENV_SCHEMA = {
  PORT: {
    name: 'PORT',
    description: 'TCP port the server listens on.',
    example: '8000',
    default: 8000,
    parse: parsers.port,
  } satisfies EnvVar<number>,
  LISTEN_ADDRESS: {
    name: 'LISTEN_ADDRESS',
    description: 'Interface the server binds to.',
    example: '0.0.0.0',
    default: '0.0.0.0',
    parse: parsers.text,
  } satisfies EnvVar<string>,
  BASE_URL: {
    name: 'BASE_URL',
    description: 'Public URL of this instance, used in links and to decide on Secure cookies. Default http://localhost:PORT.',
    example: 'https://analytics.example.com',
    parse: parsers.httpUrl,
  } satisfies EnvVar<URL>,
  QUSTO_DATA_DIR: {
    name: 'QUSTO_DATA_DIR',
    description: 'Folder for the embedded stores, the ingestion spool and the generated secret.',
    example: './data',
    default: './data',
    parse: parsers.text,
  } satisfies EnvVar<string>,
  DATABASE_URL: {
    name: 'DATABASE_URL',
    description: 'PostgreSQL for metadata (users, sites, goals). Unset: embedded PGlite in the data dir.',
    example: 'postgres://qusto:secret@127.0.0.1:5432/qusto',
    parse: parsers.postgresUrl,
  } satisfies EnvVar<string>,
  CLICKHOUSE_URL: {
    name: 'CLICKHOUSE_URL',
    description: 'ClickHouse server for events (HTTP interface; the path names the database, default qusto). Unset: embedded chDB in the data dir.',
    example: 'http://default:secret@127.0.0.1:8123/qusto',
    parse: parsers.httpUrl,
  } satisfies EnvVar<URL>,
  CLICKHOUSE_CLUSTER: {
    name: 'CLICKHOUSE_CLUSTER',
    description: 'ClickHouse cluster name: migrations create Replicated tables ON CLUSTER it.',
    example: 'qusto_cluster',
    parse: parsers.text,
  } satisfies EnvVar<string>,
  REDIS_URL: {
    name: 'REDIS_URL',
    description: 'Redis for state shared by several app instances (visit sessions). Unset: in-process.',
    example: 'redis://127.0.0.1:6379',
    parse: parsers.redisUrl,
  } satisfies EnvVar<string>,
  QUSTO_PLUGINS: {
    name: 'QUSTO_PLUGINS',
    description: 'Comma-separated plugins to load: package names or paths. Default: the first-party plugins. Empty string: none.',
    example: '@qusto/plugin-goals,./my-plugins/acme',
    parse: parsers.list,
  } satisfies EnvVar<string[]>,
  SECRET_KEY_BASE: {
    name: 'SECRET_KEY_BASE',
    description: 'Secret for signing sessions and tokens (32+ characters). Embedded mode generates one into the data dir when unset; required with DATABASE_URL.',
    example: '$(openssl rand -base64 48)',
    parse: parsers.secret,
  } satisfies EnvVar<string>,
  ADMIN_TOKEN: {
    name: 'ADMIN_TOKEN',
    description: 'Instance-wide Bearer token for bootstrapping and scripts: reads any site\'s stats and imports raw events. Prefer API keys. Unset: off.',
    example: '$(openssl rand -hex 32)',
    parse: parsers.secret,
  } satisfies EnvVar<string>,
  REGISTRATION: {
    name: 'REGISTRATION',
    description: 'Who may sign up after the first user (who always can, and becomes instance admin): invite_only (with an invitation link) or open.',
    example: 'open',
    default: 'invite_only',
    parse: parsers.oneOf('invite_only', 'open'),
  } satisfies EnvVar<'invite_only' | 'open'>,
  SMTP_URL: {
    name: 'SMTP_URL',
    description: 'SMTP server for mail (password resets, invitations, email changes). Unset: the links are written to the log for the admin.',
    example: 'smtps://user:secret@smtp.example.com:465',
    parse: parsers.smtpUrl,
  } satisfies EnvVar<URL>,
  MAIL_FROM: {
    name: 'MAIL_FROM',
    description: 'Sender address of mail. Default: qusto@<host of BASE_URL>.',
    example: 'Qusto <qusto@example.com>',
    parse: parsers.mailbox,
  } satisfies EnvVar<string>,
  API_KEY_RATE_LIMIT: {
    name: 'API_KEY_RATE_LIMIT',
    description: 'Requests per hour one API key may make; past it the API answers 429.',
    example: '6000',
    default: 6000,
    parse: parsers.positiveInt,
  } satisfies EnvVar<number>,
  METRICS_TOKEN: {
    name: 'METRICS_TOKEN',
    description: 'When set, GET /metrics needs Authorization: Bearer <METRICS_TOKEN>. Unset: /metrics is open (keep it off the public network).',
    example: '$(openssl rand -hex 32)',
    parse: parsers.secret,
  } satisfies EnvVar<string>,
  LOG_LEVEL: {
    name: 'LOG_LEVEL',
    description: 'Log verbosity.',
    example: 'info',
    default: 'info',
    parse: parsers.oneOf(...logLevels),
  } satisfies EnvVar<LogLevel>,
  TRUSTED_PROXIES: {
    name: 'TRUSTED_PROXIES',
    description: 'Proxies whose X-Forwarded-For is believed: comma-separated IPs/CIDRs, or "true" for any. Unset: the socket address is the client.',
    example: '127.0.0.1,10.0.0.0/8',
    parse: parsers.list,
  } satisfies EnvVar<string[]>,
  SPOOL_MAX_BYTES: {
    name: 'SPOOL_MAX_BYTES',
    description: 'Most bytes of accepted events kept on disk while the event store is unavailable; past it the Events API answers 503.',
    example: '1073741824',
    default: 1024 * 1024 * 1024,
    parse: parsers.positiveInt,
  } satisfies EnvVar<number>,
  INGEST_FLUSH_INTERVAL_MS: {
    name: 'INGEST_FLUSH_INTERVAL_MS',
    description: 'Longest an accepted event waits in the spool before it is written to the event store (batches of 5000 go sooner).',
    example: '1000',
    default: 1000,
    parse: parsers.positiveInt,
  } satisfies EnvVar<number>,
  INGEST_SITE_RATE_LIMIT: {
    name: 'INGEST_SITE_RATE_LIMIT',
    description: 'Most events one site may send per window, as <events>/<seconds>; the rest are answered 202 and dropped as throttled (counted per instance). Unset: no limit.',
    example: '10000/60',
    parse: parsers.rate,
  } satisfies EnvVar<{ count: number; seconds: number }>,
  GEOIP_CITY_DB: {
    name: 'GEOIP_CITY_DB',
    description: 'Path to a MaxMind-format city .mmdb (GeoLite2-City or DB-IP City) for regions and cities. Unset: countries only (bundled DB-IP data).',
    example: '/var/lib/qusto/GeoLite2-City.mmdb',
    parse: parsers.existingFile,
  } satisfies EnvVar<string>,
  STATS_ROLLUP_INTERVAL_MS: {
    name: 'STATS_ROLLUP_INTERVAL_MS',
    description: 'How often closed days are rolled up, so dashboards over them read daily aggregates instead of every event (same numbers). 0: off.',
    example: '300000',
    default: 300_000,
    parse: parsers.nonNegativeInt,
  } satisfies EnvVar<number>,
  SHUTDOWN_TIMEOUT_MS: {
    name: 'SHUTDOWN_TIMEOUT_MS',
    description: 'How long a graceful shutdown may take before the process exits anyway.',
    example: '15000',
    default: 15000,
    parse: parsers.positiveInt,
  } satisfies EnvVar<number>,
} as const;

export type EnvSchema = typeof ENV_SCHEMA;
