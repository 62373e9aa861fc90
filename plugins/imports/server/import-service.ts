import { createHash } from 'node:crypto';
import type { EventStore, PluginLogger, SiteRef } from '@qusto/sdk';
import { ImportFileError, parseImportFile, TABLE_COLUMNS } from './import-files.ts';
import type { ImportRepository, SiteImport } from './import-repository.ts';

export interface UploadedFile {
  name: string;
  content: string;
}

export interface ImportedFile {
  name: string;
  table: string;
  start_date: string;
  end_date: string;
  rows: number;
}

export class ImportNotFoundError extends Error {}

/** Rows per insert: large exports go in several requests, each with its own deduplication token. */
const INSERT_CHUNK = 50_000;

/**
 * Imports Plausible CSV exports: validates every file first (nothing is written when one is
 * bad), checks that imported days end before the site's own data begins, inserts each file
 * into its imported_* table tagged with the import's id, and records the import.
 */
export class ImportService {
  private readonly eventStore: EventStore;
  private readonly importRepository: ImportRepository;
  private readonly logger: PluginLogger;

  constructor(deps: { eventStore: EventStore; importRepository: ImportRepository; logger: PluginLogger }) {
    this.eventStore = deps.eventStore;
    this.importRepository = deps.importRepository;
    this.logger = deps.logger;
  }

  /** The first local day with native events, or null when the site has none. */
  async nativeStart(site: SiteRef): Promise<string | null> {
    const rows = await this.eventStore.query<{ first: string; events: string }>(
      'SELECT toString(toDate(min(timestamp), {tz:String})) AS first, count() AS events FROM events WHERE site_id = {site:UInt64}',
      { site: site.id, tz: site.timezone },
    );
    return rows[0] && Number(rows[0].events) > 0 ? rows[0].first : null;
  }

  /** Imports files into a new import, or into `importId` (an earlier upload of the same batch). */
  async importFiles(site: SiteRef, files: readonly UploadedFile[], options: { importId?: string; createdBy: string | null }): Promise<{ import: SiteImport; files: ImportedFile[] }> {
    if (files.length === 0) throw new ImportFileError('no files to import');
    const nativeStart = await this.nativeStart(site);
    const parsed = files.map((file) => ({ name: file.name, content: file.content, ...parseImportFile(file.name, file.content, { nativeStart }) }));

    let record: SiteImport;
    if (options.importId !== undefined) {
      const existing = await this.importRepository.find(site.id, options.importId);
      if (!existing) throw new ImportNotFoundError(`Import ${options.importId} does not exist`);
      record = existing;
    } else {
      record = await this.importRepository.create(site.id, options.createdBy);
    }

    const imported: ImportedFile[] = [];
    try {
      for (const file of parsed) {
        const digest = createHash('sha256').update(file.content).digest('hex').slice(0, 32);
        const rows = file.rows.map((row) => ({ site_id: site.id, import_id: record.id, ...row }));
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          await this.eventStore.insert(file.file.table, rows.slice(start, start + INSERT_CHUNK), {
            deduplicationToken: `import-${record.id}-${file.file.table}-${digest}-${start}`,
          });
        }
        record = await this.importRepository.addFile(record.id, { name: file.name, ...file.file, rows: rows.length });
        imported.push({ name: file.name, table: file.file.table, start_date: file.file.startDate, end_date: file.file.endDate, rows: rows.length });
      }
    } catch (error) {
      await this.importRepository.setStatus(record.id, 'failed');
      throw error;
    }
    this.logger.info({ site: site.domain, import: record.id, files: imported.length }, 'imported CSV files');
    return { import: record, files: imported };
  }

  /** Deletes an import's rows from every imported table, then its record. */
  async deleteImport(site: SiteRef, id: string): Promise<boolean> {
    const record = await this.importRepository.find(site.id, id);
    if (!record) return false;
    await this.deleteRows(site, record.id);
    return this.importRepository.delete(site.id, record.id);
  }

  async deleteAllForSite(site: SiteRef): Promise<void> {
    for (const table of Object.keys(TABLE_COLUMNS)) {
      await this.eventStore.command(`DELETE FROM ${table} WHERE site_id = {site:UInt64}`, { site: site.id });
    }
    await this.importRepository.deleteAllForSite(site.id);
  }

  private async deleteRows(site: SiteRef, importId: string): Promise<void> {
    // Table names come from the fixed list of imported tables, never from a request.
    for (const table of Object.keys(TABLE_COLUMNS)) {
      await this.eventStore.command(`DELETE FROM ${table} WHERE site_id = {site:UInt64} AND import_id = {id:UInt64}`, { site: site.id, id: importId });
    }
  }
}
