import { QueryError } from '../query/query-error.ts';
import { isPlainDate, type PlainDate } from '../query/timezone.ts';

export interface LegacyPeriod {
  /** v2 date_range. */
  dateRange: string | [string, string];
  /** v1 `date`: relative ranges count back from this day. */
  relativeDate: PlainDate | undefined;
}

const PERIODS = /^(day|month|year|all|realtime|30m|\d+d|\d+mo)$/;

/** v1 `period` + `date` to a v2 date range (`Nd` excludes the `date` day, as in v1). */
export function legacyPeriod(period: string | undefined, date: string | undefined): LegacyPeriod {
  const p = period ?? '30d';
  if (p === 'custom') {
    const [from, to] = (date ?? '').split(',');
    if (!from || !to || !isPlainDate(from) || !isPlainDate(to)) {
      throw new QueryError('Invalid date. Custom period requires `date` in the format `YYYY-MM-DD,YYYY-MM-DD`.');
    }
    return { dateRange: [from, to], relativeDate: undefined };
  }
  if (!PERIODS.test(p)) {
    throw new QueryError(`Error parsing \`period\` parameter: invalid period \`${p}\`. Please find accepted values in our docs: https://plausible.io/docs/stats-api#time-periods`);
  }
  if (date !== undefined && !isPlainDate(date)) {
    throw new QueryError(`Error parsing \`date\` parameter: invalid date \`${date}\`. Should be in ISO-8601 format YYYY-MM-DD.`);
  }
  return { dateRange: p, relativeDate: date };
}

/** v1 metric list: comma-separated, default `visitors`. */
export function legacyMetrics(metrics: string | undefined): string[] {
  const list = (metrics ?? 'visitors').split(',').map((m) => m.trim()).filter(Boolean);
  return list.length > 0 ? list : ['visitors'];
}

/** v1 timeseries interval to a time dimension. */
export function legacyInterval(interval: string | undefined, period: string | undefined): string {
  switch (interval) {
    case undefined:
    case '':
      if (period === 'day' || period === 'realtime' || period === '30m' || period === '24h') return 'time:hour';
      if (period === '6mo' || period === '12mo' || period === 'year') return 'time:month';
      return 'time:day';
    case 'date':
    case 'day':
      return 'time:day';
    case 'month':
    case 'week':
    case 'hour':
    case 'minute':
      return `time:${interval}`;
    default:
      throw new QueryError(`Error parsing \`interval\` parameter: invalid interval \`${interval}\`. Valid intervals are \`date\`, \`month\``);
  }
}

/** Key of a breakdown row: the property's last part (`visit:source` -> `source`, `event:props:plan` -> `plan`). */
export function legacyPropertyKey(property: string): string {
  if (property.startsWith('event:props:')) return property.slice('event:props:'.length);
  return property.slice(property.indexOf(':') + 1);
}
