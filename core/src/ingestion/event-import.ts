import type { FieldErrors } from './validate-event-request.ts';

/** One line of a raw-event backfill file, after parsing. */
export interface ImportEntry {
  line: number;
  at: Date;
  ip: string;
  userAgent: string;
  body: Record<string, unknown>;
}

export interface ImportLineError {
  line: number;
  error: string;
}

export interface ImportReport {
  read: number;
  imported: number;
  dropped: Record<string, number>;
  errors: ImportLineError[];
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses NDJSON backfill lines: `timestamp` (ISO 8601), `name`, `url`, optional `referrer`,
 * `ip`, `user_agent`, `props`, `revenue`, `interactive`, `sd`, `e`. Returns entries sorted by
 * timestamp (stable), so visits form as if the events had arrived live, and line errors.
 */
export function parseImportLines(text: string, domain: string, now: Date = new Date()): { entries: ImportEntry[]; errors: ImportLineError[]; read: number } {
  const entries: ImportEntry[] = [];
  const errors: ImportLineError[] = [];
  let read = 0;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.trim();
    if (!raw) continue;
    read++;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      errors.push({ line, error: 'not valid JSON' });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ line, error: 'must be a JSON object' });
      continue;
    }
    const record = value as Record<string, unknown>;
    const timestamp = record.timestamp;
    if (typeof timestamp !== 'string' || !ISO_8601.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
      errors.push({ line, error: 'timestamp must be an ISO 8601 date-time like 2026-11-01T10:00:00Z' });
      continue;
    }
    const at = new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(timestamp) ? timestamp : `${timestamp.replace(' ', 'T')}Z`);
    if (at.getTime() > now.getTime() + 60_000) {
      errors.push({ line, error: 'timestamp is in the future' });
      continue;
    }
    for (const key of ['ip', 'user_agent'] as const) {
      if (record[key] !== undefined && typeof record[key] !== 'string') {
        errors.push({ line, error: `${key} must be a string` });
      }
    }
    if (errors.at(-1)?.line === line) continue;
    entries.push({
      line,
      at,
      ip: (record.ip as string | undefined) ?? '',
      userAgent: (record.user_agent as string | undefined) ?? '',
      body: {
        name: record.name,
        url: record.url,
        domain,
        referrer: record.referrer,
        props: record.props,
        revenue: record.revenue,
        interactive: record.interactive,
        sd: record.sd,
        e: record.e,
      },
    });
  }
  entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.line - b.line);
  return { entries, errors, read };
}

export const describeFieldErrors = (errors: FieldErrors) =>
  Object.entries(errors)
    .map(([field, messages]) => `${field} ${messages.join(', ')}`)
    .join('; ');
