import path from 'node:path';
import { ENV_SCHEMA, EnvValueError, type EnvVar, type LogLevel } from './env-schema.ts';

export interface QustoConfig {
  port: number;
  listenAddress: string;
  baseUrl: URL;
  /** Absolute path. */
  dataDir: string;
  databaseUrl: string | undefined;
  clickhouseUrl: URL | undefined;
  clickhouseCluster: string | undefined;
  redisUrl: string | undefined;
  /** Plugin package names or paths; `undefined` means "discover the first-party plugins". */
  plugins: string[] | undefined;
  /** Set from the environment, or generated into the data dir at start-up (embedded mode). */
  secretKeyBase: string | undefined;
  logLevel: LogLevel;
  trustedProxies: string[];
  shutdownTimeoutMs: number;
  /** 0: rollups are built only when asked (tests, tools). */
  statsRollupIntervalMs: number;
  spoolMaxBytes: number;
  ingestFlushIntervalMs: number;
  /** Per-site event budget per window; undefined: unlimited. */
  ingestSiteRateLimit: { count: number; seconds: number } | undefined;
  geoipCityDb: string | undefined;
  adminToken: string | undefined;
  registration: 'invite_only' | 'open';
  smtpUrl: URL | undefined;
  mailFrom: string;
  apiKeyRateLimit: number;
  metricsToken: string | undefined;
}

/** Start-up configuration is wrong; `message` has one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function read<T>(env: Env, spec: EnvVar<T>, problems: string[]): T | undefined {
  const raw = env[spec.name];
  if (raw === undefined || raw.trim() === '') return spec.default;
  try {
    return spec.parse(raw.trim());
  } catch (error) {
    if (!(error instanceof EnvValueError)) throw error;
    problems.push(`Invalid ${spec.name}=${JSON.stringify(raw)}: ${error.message} (example: ${spec.name}=${spec.example})`);
    return undefined;
  }
}

/** Validates every variable and returns typed config, or throws ConfigError naming each bad one. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): QustoConfig {
  const problems: string[] = [];
  const s = ENV_SCHEMA;
  const port = read(env, s.PORT, problems) ?? 8000;
  const databaseUrl = read(env, s.DATABASE_URL, problems);
  const secretKeyBase = read(env, s.SECRET_KEY_BASE, problems);
  const plugins =
    env.QUSTO_PLUGINS === undefined ? undefined : (read(env, s.QUSTO_PLUGINS, problems) ?? []);
  const config: QustoConfig = {
    port,
    listenAddress: read(env, s.LISTEN_ADDRESS, problems) ?? '0.0.0.0',
    baseUrl: read(env, s.BASE_URL, problems) ?? new URL(`http://localhost:${port}`),
    dataDir: path.resolve(cwd, read(env, s.QUSTO_DATA_DIR, problems) ?? './data'),
    databaseUrl,
    clickhouseUrl: read(env, s.CLICKHOUSE_URL, problems),
    clickhouseCluster: read(env, s.CLICKHOUSE_CLUSTER, problems),
    redisUrl: read(env, s.REDIS_URL, problems),
    plugins,
    secretKeyBase,
    logLevel: read(env, s.LOG_LEVEL, problems) ?? 'info',
    trustedProxies: read(env, s.TRUSTED_PROXIES, problems) ?? [],
    shutdownTimeoutMs: read(env, s.SHUTDOWN_TIMEOUT_MS, problems) ?? 15000,
    statsRollupIntervalMs: read(env, s.STATS_ROLLUP_INTERVAL_MS, problems) ?? 300_000,
    spoolMaxBytes: read(env, s.SPOOL_MAX_BYTES, problems) ?? 1024 ** 3,
    ingestFlushIntervalMs: read(env, s.INGEST_FLUSH_INTERVAL_MS, problems) ?? 1000,
    ingestSiteRateLimit: read(env, s.INGEST_SITE_RATE_LIMIT, problems),
    geoipCityDb: read(env, s.GEOIP_CITY_DB, problems),
    adminToken: read(env, s.ADMIN_TOKEN, problems),
    registration: read(env, s.REGISTRATION, problems) ?? 'invite_only',
    smtpUrl: read(env, s.SMTP_URL, problems),
    mailFrom: '',
    apiKeyRateLimit: read(env, s.API_KEY_RATE_LIMIT, problems) ?? 6000,
    metricsToken: read(env, s.METRICS_TOKEN, problems),
  };
  config.mailFrom = read(env, s.MAIL_FROM, problems) ?? `qusto@${config.baseUrl.hostname}`;
  if (databaseUrl && !secretKeyBase && !env.SECRET_KEY_BASE) {
    problems.push(
      `Missing SECRET_KEY_BASE: required with DATABASE_URL so every instance signs alike (example: SECRET_KEY_BASE=${s.SECRET_KEY_BASE.example})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
