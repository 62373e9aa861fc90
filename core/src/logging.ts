import pino, { type Logger } from 'pino';
import type { LogLevel } from './config/env-schema.ts';

/** JSON logs (pino). Raw IPs and user agents are never logged: request logs carry no headers. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'qusto' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: req.url }),
    },
  });
}
