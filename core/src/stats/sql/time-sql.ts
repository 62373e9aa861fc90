import type { StatsTable } from '@qusto/sdk';
import type { TimeDimension } from '../query/query.ts';
import { localDate } from '../query/timezone.ts';
import type { WhereContext } from './where-sql.ts';
import { timeBounds } from './where-sql.ts';

export interface TimeSql {
  /** Bucket label: `YYYY-MM-DD HH:00:00`, `YYYY-MM-DD`, ... in the site's zone. */
  select: string;
  /** Extra clause after FROM (visits spread over the time slots they were active in). */
  arrayJoin?: string;
}

const HOUR = "'%Y-%m-%d %H:00:00'";
const MINUTE = "'%Y-%m-%d %H:%i:00'";

/**
 * Time buckets. Events bucket by their timestamp. Visits bucket by last activity (clamped to the
 * range end, so no bucket falls outside the range), except for hours and minutes, where a visit
 * counts in every slot it was active in (Plausible smears visits across 15-minute time slots,
 * then groups the slots by hour, which also works for zones with 30/45-minute offsets).
 */
export function timeDimensionSql(dimension: Exclude<TimeDimension, 'time'>, table: StatsTable, timezone: string, ctx: WhereContext): TimeSql {
  const tz = ctx.binder.param(timezone, 'String');
  const { from, to } = timeBounds(ctx);
  if (table === 'sessions' && (dimension === 'time:hour' || dimension === 'time:minute')) {
    const hour = dimension === 'time:hour';
    const slots = `timeSlots(start, toUInt32(timeDiff(start, timestamp)), toUInt32(${hour ? 900 : 60}))`;
    const inRange = `arrayFilter(s -> s >= ${hour ? `toStartOfFifteenMinutes(${from})` : `toStartOfMinute(${from})`} AND s <= ${to}, ${slots})`;
    const bucket = hour ? `toStartOfHour(toTimeZone(s, ${tz}))` : `toStartOfMinute(toTimeZone(s, ${tz}))`;
    // One row per visit and bucket, so sums over sign count each visit once per hour.
    return {
      arrayJoin: `ARRAY JOIN arrayDistinct(arrayMap(s -> ${bucket}, ${inRange})) AS __bucket`,
      select: `formatDateTime(__bucket, ${hour ? HOUR : MINUTE})`,
    };
  }
  const ts = table === 'events' ? `toTimeZone(timestamp, ${tz})` : `toTimeZone(least(timestamp, ${to}), ${tz})`;
  switch (dimension) {
    case 'time:minute':
      return { select: `formatDateTime(toStartOfMinute(${ts}), ${MINUTE})` };
    case 'time:hour':
      return { select: `formatDateTime(toStartOfHour(${ts}), ${HOUR})` };
    case 'time:day':
      return { select: `toString(toDate(${ts}))` };
    case 'time:week': {
      // Weeks start on Monday, but the first bucket never starts before the range does.
      const firstDay = ctx.binder.param(localDate(ctx.query.range.first, timezone), 'Date');
      return { select: `toString(greatest(toMonday(toDate(${ts})), ${firstDay}))` };
    }
    case 'time:month':
      return { select: `toString(toStartOfMonth(${ts}))` };
  }
}
