import type { MetadataDb } from '@qusto/sdk';

/** One import as the API returns it. */
export interface SiteImport {
  id: string;
  source: 'csv';
  start_date: string | null;
  end_date: string | null;
  status: 'importing' | 'completed' | 'failed';
  /** imported_<table> -> rows imported into it. */
  row_counts: Record<string, number>;
  files: string[];
  created_by: string | null;
  created_at: string;
}

const COLUMNS = `id::text AS id, source, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date,
  status, row_counts, files, created_by, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`;

/** The site_imports records, through the store interface the sdk hands plugins. */
export class ImportRepository {
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  list(siteId: string): Promise<SiteImport[]> {
    return this.metadataDb.query<SiteImport>(`SELECT ${COLUMNS} FROM site_imports WHERE site_id = $1 ORDER BY created_at DESC, id DESC`, [siteId]);
  }

  async find(siteId: string, id: string): Promise<SiteImport | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows = await this.metadataDb.query<SiteImport>(`SELECT ${COLUMNS} FROM site_imports WHERE site_id = $1 AND id = $2`, [siteId, id]);
    return rows[0] ?? null;
  }

  async create(siteId: string, createdBy: string | null): Promise<SiteImport> {
    const rows = await this.metadataDb.query<SiteImport>(
      `INSERT INTO site_imports (site_id, source, status, created_by) VALUES ($1, 'csv', 'importing', $2) RETURNING ${COLUMNS}`,
      [siteId, createdBy],
    );
    return rows[0]!;
  }

  setStatus(id: string, status: SiteImport['status']): Promise<unknown> {
    return this.metadataDb.query('UPDATE site_imports SET status = $2 WHERE id = $1', [id, status]);
  }

  /** Records a file's rows: widens the date range, adds the row count, completes the import. */
  async addFile(id: string, file: { name: string; table: string; startDate: string; endDate: string; rows: number }): Promise<SiteImport> {
    const rows = await this.metadataDb.query<SiteImport>(
      `UPDATE site_imports SET
         start_date = LEAST(COALESCE(start_date, $2::date), $2::date),
         end_date = GREATEST(COALESCE(end_date, $3::date), $3::date),
         row_counts = jsonb_set(row_counts, ARRAY[$4::text], to_jsonb(COALESCE((row_counts ->> $4::text)::bigint, 0) + $5::bigint)),
         files = files || to_jsonb($6::text),
         status = 'completed'
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, file.startDate, file.endDate, file.table, file.rows, file.name],
    );
    return rows[0]!;
  }

  async delete(siteId: string, id: string): Promise<boolean> {
    const rows = await this.metadataDb.query('DELETE FROM site_imports WHERE site_id = $1 AND id = $2 RETURNING id', [siteId, id]);
    return rows.length > 0;
  }

  deleteAllForSite(siteId: string): Promise<unknown> {
    return this.metadataDb.query('DELETE FROM site_imports WHERE site_id = $1', [siteId]);
  }
}
