import type { EventStore, SiteRef } from '@qusto/sdk';
import type { PlainDate } from '../query/timezone.ts';
import { IMPORTED_TABLES } from './imported-tables.ts';

/**
 * The last day any import of the site covers, or null when nothing was imported. Read on every
 * query that asks for imports (one primary-key read per table), so an import or its deletion
 * shows at once.
 */
export async function lastImportedDate(eventStore: EventStore, site: SiteRef): Promise<PlainDate | null> {
  const perTable = IMPORTED_TABLES.map((table) => `SELECT max(date) AS last FROM ${table} WHERE site_id = {site:UInt64}`);
  const rows = await eventStore.query<{ last: string }>(`SELECT toString(max(last)) AS last FROM (${perTable.join(' UNION ALL ')})`, { site: site.id });
  const last = rows[0]?.last;
  // max() over no rows is the zero date.
  return last && last !== '1970-01-01' ? last : null;
}
