export { buildApp, type BuildAppOptions, type QustoApp } from './app.ts';
export { loadConfig, ConfigError, type QustoConfig } from './config/load-config.ts';
export { ENV_SCHEMA } from './config/env-schema.ts';
export { main } from './main.ts';
