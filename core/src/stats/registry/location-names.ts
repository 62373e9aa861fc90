/**
 * English names of regions and cities, from the location_names table that ingestion fills from
 * the configured city database. One scalar subquery reads a kind's codes and names together, so
 * the two arrays stay aligned; a place without a name reads as its code (a region's ISO 3166-2
 * code, a city's GeoNames id), and an unknown place stays ''. Only constants go into this SQL.
 */
export type LocationKind = 'subdivision' | 'city';

const namesOf = (kind: LocationKind) => `(SELECT (groupArray(code), groupArray(name)) FROM location_names FINAL WHERE kind = '${kind}')`;

/** `regionCode`: an SQL String expression holding `<CC>-<code>` or ''. */
export function regionNameSql(regionCode: string): string {
  const table = namesOf('subdivision');
  return `transform(${regionCode}, ${table}.1, ${table}.2, ${regionCode})`;
}

/** `cityId`: an SQL integer expression holding a GeoNames id, 0 when unknown. */
export function cityNameSql(cityId: string): string {
  const table = namesOf('city');
  const code = `if(${cityId} = 0, '', toString(${cityId}))`;
  return `transform(${code}, ${table}.1, ${table}.2, ${code})`;
}
