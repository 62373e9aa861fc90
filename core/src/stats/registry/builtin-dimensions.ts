import type { DimensionDefinition, StatsRegistrar } from '@qusto/sdk';
import { countryNameTable } from './countries.ts';
import { cityNameSql, regionNameSql } from './location-names.ts';

const NO_REF = 'Direct / None';
const NOT_SET = '(not set)';

/** A column that exists with the same meaning on both tables (session attributes are copied onto events). */
const visitColumn = (name: string, column: string, emptyLabel?: string, emptyValues: string[] = [NOT_SET]): DimensionDefinition => ({
  name,
  table: 'either',
  sql: () => column,
  ...(emptyLabel ? { emptyLabel } : {}),
  emptyValues,
});

/** FixedString(2) holds '\0\0' when unknown: report it as ''. */
const COUNTRY = "if(empty(country_code), '', toString(country_code))";

/** Core's dimensions (Plausible's event:*, visit:*); time dimensions are handled by the planner. */
export function registerBuiltinDimensions(stats: StatsRegistrar): void {
  stats.defineDimension({ name: 'event:name', table: 'events', sql: () => 'name' });
  stats.defineDimension({ name: 'event:page', table: 'events', sql: () => 'pathname' });
  stats.defineDimension({ name: 'event:hostname', table: 'events', sql: () => 'hostname' });
  stats.defineDimension({
    name: 'event:props:',
    prefix: true,
    table: 'events',
    // Missing key and empty value both read as '' and are reported as "(none)".
    sql: (ctx) => `\`meta.value\`[indexOf(\`meta.key\`, ${ctx.param(ctx.key, 'String')})]`,
    emptyLabel: '(none)',
  });

  // As in Plausible, "(not set)" in a filter stands for '' on every visit attribute.
  const notSet = [NOT_SET];
  stats.defineDimension({ name: 'visit:entry_page', table: 'sessions', sql: () => 'entry_page', emptyValues: notSet });
  stats.defineDimension({ name: 'visit:exit_page', table: 'sessions', sql: () => 'exit_page', emptyValues: notSet });
  stats.defineDimension({ name: 'visit:entry_page_hostname', table: 'sessions', sql: () => 'hostname', emptyValues: notSet });
  stats.defineDimension({ name: 'visit:exit_page_hostname', table: 'sessions', sql: () => 'exit_page_hostname', emptyValues: notSet });

  stats.defineDimension(visitColumn('visit:source', 'referrer_source', NO_REF, [NO_REF, NOT_SET]));
  stats.defineDimension(visitColumn('visit:referrer', 'referrer', NO_REF, [NO_REF, NOT_SET]));
  // Channel is never empty for new data ("Direct" is a real value), so "Direct" is not an alias of ''.
  stats.defineDimension(visitColumn('visit:channel', 'acquisition_channel', 'Direct'));
  for (const utm of ['utm_medium', 'utm_source', 'utm_campaign', 'utm_content', 'utm_term']) {
    stats.defineDimension(visitColumn(`visit:${utm}`, utm, NOT_SET, [NOT_SET, NO_REF]));
  }
  stats.defineDimension(visitColumn('visit:device', 'screen_size', NOT_SET));
  stats.defineDimension(visitColumn('visit:screen', 'screen_size', NOT_SET));
  stats.defineDimension(visitColumn('visit:browser', 'browser', NOT_SET));
  stats.defineDimension(visitColumn('visit:browser_version', 'browser_version', NOT_SET));
  stats.defineDimension(visitColumn('visit:os', 'operating_system', NOT_SET));
  stats.defineDimension(visitColumn('visit:os_version', 'operating_system_version', NOT_SET));

  stats.defineDimension({ name: 'visit:country', table: 'either', sql: () => COUNTRY, emptyValues: notSet });
  stats.defineDimension({ name: 'visit:region', table: 'either', sql: () => 'subdivision1_code', emptyValues: notSet });
  stats.defineDimension({ name: 'visit:city', table: 'either', sql: () => 'city_geoname_id', valueType: 'integer' });
  stats.defineDimension({
    name: 'visit:country_name',
    table: 'either',
    sql: (ctx) => {
      const { codes, names } = countryNameTable();
      return `transform(${COUNTRY}, ${ctx.param(codes, 'Array(String)')}, ${ctx.param(names, 'Array(String)')}, '')`;
    },
    emptyValues: notSet,
  });
  // Names recorded from the city database; a place without one reads as its code.
  stats.defineDimension({ name: 'visit:region_name', table: 'either', sql: () => regionNameSql('subdivision1_code'), emptyValues: notSet });
  stats.defineDimension({ name: 'visit:city_name', table: 'either', sql: () => cityNameSql('city_geoname_id'), emptyValues: notSet });
}
