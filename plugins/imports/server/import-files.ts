import { CsvSyntaxError, parseCsv } from './csv-parser.ts';

/**
 * Plausible's CSV export format: one file per `imported_*` table, named
 * `imported_<table>_<YYYYMMDD>_<YYYYMMDD>.csv` (the `imported_` prefix is optional), with a
 * header row naming the columns. Every problem is reported with the file, line and column.
 */

export class ImportFileError extends Error {}

type ColumnType = 'date' | 'string' | 'uint32' | 'uint64';

interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** Optional columns default to '' or 0 (older exports lack them). */
  optional?: boolean;
}

const col = (name: string, type: ColumnType, optional = false): ColumnSpec => ({ name, type, ...(optional ? { optional } : {}) });
const DATE = col('date', 'date');
const visitTotals = (bounces: ColumnType = 'uint32') => [
  col('visitors', 'uint64'),
  col('visits', 'uint64'),
  col('visit_duration', 'uint64'),
  col('bounces', bounces),
  col('pageviews', 'uint64', true),
];

export const TABLE_COLUMNS: Readonly<Record<string, readonly ColumnSpec[]>> = {
  imported_visitors: [DATE, col('visitors', 'uint64'), col('pageviews', 'uint64'), col('bounces', 'uint64'), col('visits', 'uint64'), col('visit_duration', 'uint64')],
  imported_sources: [
    DATE,
    col('source', 'string'),
    col('channel', 'string', true),
    col('referrer', 'string', true),
    col('utm_source', 'string', true),
    col('utm_medium', 'string', true),
    col('utm_campaign', 'string', true),
    col('utm_content', 'string', true),
    col('utm_term', 'string', true),
    ...visitTotals(),
  ],
  imported_pages: [
    DATE,
    col('hostname', 'string'),
    col('page', 'string'),
    col('visits', 'uint64'),
    col('visitors', 'uint64'),
    col('pageviews', 'uint64'),
    col('exits', 'uint64', true),
    col('total_scroll_depth', 'uint64', true),
    col('total_scroll_depth_visits', 'uint64', true),
    col('total_time_on_page', 'uint64', true),
    col('total_time_on_page_visits', 'uint64', true),
  ],
  imported_entry_pages: [DATE, col('entry_page', 'string'), col('visitors', 'uint64'), col('entrances', 'uint64'), col('visit_duration', 'uint64'), col('bounces', 'uint32'), col('pageviews', 'uint64', true)],
  imported_exit_pages: [
    DATE,
    col('exit_page', 'string'),
    col('visitors', 'uint64'),
    col('exits', 'uint64'),
    col('visit_duration', 'uint64', true),
    col('bounces', 'uint32', true),
    col('pageviews', 'uint64', true),
  ],
  imported_locations: [DATE, col('country', 'string'), col('region', 'string', true), col('city', 'uint64', true), ...visitTotals()],
  imported_devices: [DATE, col('device', 'string'), ...visitTotals()],
  imported_browsers: [DATE, col('browser', 'string'), col('browser_version', 'string', true), ...visitTotals()],
  imported_operating_systems: [DATE, col('operating_system', 'string'), col('operating_system_version', 'string', true), ...visitTotals()],
  imported_custom_events: [DATE, col('name', 'string'), col('link_url', 'string', true), col('path', 'string', true), col('visitors', 'uint64'), col('events', 'uint64')],
};

/** Columns of older exports under their current names. */
const COLUMN_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  imported_pages: { time_on_page: 'total_time_on_page' },
};

export interface ImportFileName {
  table: string;
  startDate: string;
  endDate: string;
}

const FILE_NAME = /^(?:.*[\\/])?(?:imported_)?([a-z_]+?)_(\d{8})_(\d{8})\.csv$/;

const isoDate = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** `imported_pages_20240101_20240131.csv` -> table and inclusive date range. */
export function parseFileName(name: string): ImportFileName {
  const match = FILE_NAME.exec(name);
  const expected = 'expected imported_<table>_<YYYYMMDD>_<YYYYMMDD>.csv';
  if (!match) throw new ImportFileError(`${name}: not a Plausible CSV export file name (${expected})`);
  const table = `imported_${match[1]!}`;
  if (!TABLE_COLUMNS[table]) {
    const known = Object.keys(TABLE_COLUMNS).map((t) => t.slice('imported_'.length)).join(', ');
    throw new ImportFileError(`${name}: unknown table "${match[1]}" (one of ${known})`);
  }
  const startDate = isoDate(match[2]!);
  const endDate = isoDate(match[3]!);
  if (!isValidDate(startDate) || !isValidDate(endDate)) throw new ImportFileError(`${name}: the dates in the file name are not valid dates (${expected})`);
  if (startDate > endDate) throw new ImportFileError(`${name}: the start date ${startDate} is after the end date ${endDate}`);
  return { table, startDate, endDate };
}

const MAX = { uint32: 4_294_967_295, uint64: Number.MAX_SAFE_INTEGER } as const;

export interface ParseOptions {
  /** The first day with data Qusto collected itself: imported days must come before it. */
  nativeStart?: string | null;
}

/** Parses one file into rows for its table (without site_id and import_id). */
export function parseImportFile(
  name: string,
  content: string,
  options: ParseOptions = {},
): { file: ImportFileName; rows: Array<Record<string, string | number>> } {
  const file = parseFileName(name);
  const specs = TABLE_COLUMNS[file.table]!;
  let records;
  try {
    records = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportFileError(`${name}: ${error.message}`);
    throw error;
  }
  const header = records.shift();
  if (!header) throw new ImportFileError(`${name}: the file is empty (expected a header row: ${specs.map((s) => s.name).join(',')})`);

  const aliases = COLUMN_ALIASES[file.table] ?? {};
  const columns = header.fields.map((raw) => {
    const trimmed = raw.trim();
    return aliases[trimmed] ?? trimmed;
  });
  const known = new Set(specs.map((s) => s.name));
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new ImportFileError(`${name}: line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} for ${file.table}`);
  }
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate) throw new ImportFileError(`${name}: line 1: column "${duplicate}" appears twice`);
  const missing = specs.filter((s) => !s.optional && !columns.includes(s.name)).map((s) => s.name);
  if (missing.length > 0) throw new ImportFileError(`${name}: line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);

  const rows = records.map(({ line, fields }) => {
    if (fields.length !== columns.length) {
      throw new ImportFileError(`${name}: line ${line}: expected ${columns.length} fields like the header, found ${fields.length}`);
    }
    const row: Record<string, string | number> = {};
    for (const spec of specs) {
      const index = columns.indexOf(spec.name);
      row[spec.name] = index === -1 ? (spec.type === 'string' ? '' : 0) : convert(fields[index]!, spec, `${name}: line ${line}, column ${spec.name}`, file, options);
    }
    return row;
  });
  return { file, rows };
}

function convert(value: string, spec: ColumnSpec, where: string, file: ImportFileName, options: ParseOptions): string | number {
  switch (spec.type) {
    case 'string':
      return value;
    case 'date':
      if (!isValidDate(value)) throw new ImportFileError(`${where}: "${value}" is not a date (expected YYYY-MM-DD)`);
      if (value < file.startDate || value > file.endDate) {
        throw new ImportFileError(`${where}: ${value} is outside the file's range ${file.startDate} to ${file.endDate}`);
      }
      // Plausible imports only up to the first native day: a day is never counted twice.
      if (options.nativeStart && value >= options.nativeStart) {
        throw new ImportFileError(
          `${where}: ${value} is not before ${options.nativeStart}, the first day Qusto has its own data for (imported days must end before it)`,
        );
      }
      return value;
    case 'uint32':
    case 'uint64': {
      const trimmed = value.trim();
      // Empty counts (older exports) are 0.
      if (trimmed === '') return 0;
      if (!/^\d+$/.test(trimmed) || Number(trimmed) > MAX[spec.type]) {
        throw new ImportFileError(`${where}: "${value}" is not a whole number between 0 and ${MAX[spec.type]}`);
      }
      return Number(trimmed);
    }
  }
}
