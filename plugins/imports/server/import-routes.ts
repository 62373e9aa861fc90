import type { FastifyInstance, FastifyReply, FastifyRequest, PluginContainer } from '@qusto/sdk';
import { ImportFileError } from './import-files.ts';
import type { ImportRepository } from './import-repository.ts';
import { ImportNotFoundError, type ImportService, type UploadedFile } from './import-service.ts';

const READ = { config: { auth: { action: 'read', subject: 'SiteImport' } } } as const;
const MANAGE = (action: 'create' | 'delete') => ({ config: { auth: { action, subject: 'SiteImport' } } }) as const;

/** Exports of busy sites are large: a year of pages can be tens of megabytes. */
const UPLOAD_LIMIT = 100 * 1024 * 1024;
const FILE_NAME_HINT = 'imported_<table>_<YYYYMMDD>_<YYYYMMDD>.csv';

interface CsvQuery {
  filename?: string;
  import_id?: string;
}

function failed(reply: FastifyReply, error: unknown) {
  if (error instanceof ImportFileError) return reply.code(400).send({ error: error.message });
  if (error instanceof ImportNotFoundError) return reply.code(404).send({ error: error.message });
  throw error;
}

const createdBy = (request: FastifyRequest) => request.principal.user?.id ?? null;

/**
 * Imports over HTTP, under `/api/sites/:domain/imports`. Core's auth resolves and checks the
 * site from `config.auth` before each handler.
 *
 * - `POST .../imports/csv?filename=<name>[&import_id=<id>]`, body `text/csv`: one file; the
 *   file name may also come in an `x-filename` header. With `import_id`, the file joins an
 *   earlier upload (one import from several requests, as the dashboard uploads).
 * - `POST .../imports`, JSON `{ files: [{ name, content }], import_id? }`: several files as
 *   one import, all validated before any is written (the dashboard sends one file per request,
 *   joined by `import_id`, to show progress per file).
 */
export function importRoutes(container: PluginContainer) {
  const service = () => container.resolve<ImportService>('importService');
  const repository = () => container.resolve<ImportRepository>('importRepository');
  return async (app: FastifyInstance) => {
    app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: UPLOAD_LIMIT }, (_request, body, done) => done(null, body));

    app.get('/api/sites/:domain/imports', READ, async (request) => {
      const site = request.authorizedSite!;
      const [imports, nativeStart] = await Promise.all([repository().list(site.id), service().nativeStart(site)]);
      return { imports, native_start_date: nativeStart };
    });

    app.post<{ Querystring: CsvQuery }>('/api/sites/:domain/imports/csv', { ...MANAGE('create'), bodyLimit: UPLOAD_LIMIT }, async (request, reply) => {
      if (typeof request.body !== 'string') {
        return reply.code(400).send({ error: 'Send the CSV file as the request body with Content-Type: text/csv' });
      }
      const header = request.headers['x-filename'];
      const name = request.query.filename ?? (typeof header === 'string' ? decodeURIComponent(header) : undefined);
      if (!name) return reply.code(400).send({ error: `Name the file with ?filename=${FILE_NAME_HINT} (or an x-filename header)` });
      const importId = request.query.import_id;
      if (importId !== undefined && !/^\d{1,18}$/.test(importId)) return reply.code(400).send({ error: 'import_id must be the id of an import' });
      try {
        const result = await service().importFiles(request.authorizedSite!, [{ name, content: request.body }], {
          createdBy: createdBy(request),
          ...(importId !== undefined ? { importId } : {}),
        });
        return reply.code(importId !== undefined ? 200 : 201).send({ import: result.import, file: result.files[0] });
      } catch (error) {
        return failed(reply, error);
      }
    });

    app.post<{ Body: { files?: unknown; import_id?: unknown } }>('/api/sites/:domain/imports', { ...MANAGE('create'), bodyLimit: UPLOAD_LIMIT }, async (request, reply) => {
      const files = request.body?.files;
      const importId = request.body?.import_id;
      const valid =
        Array.isArray(files) &&
        files.length > 0 &&
        files.every((f) => typeof f === 'object' && f !== null && typeof (f as UploadedFile).name === 'string' && typeof (f as UploadedFile).content === 'string');
      if (!valid) return reply.code(400).send({ error: `files: expected a non-empty list of { name: "${FILE_NAME_HINT}", content: "<CSV text>" }` });
      if (importId !== undefined && (typeof importId !== 'string' || !/^\d{1,18}$/.test(importId))) {
        return reply.code(400).send({ error: 'import_id must be the id of an import (a string of digits)' });
      }
      try {
        const result = await service().importFiles(request.authorizedSite!, files as UploadedFile[], {
          createdBy: createdBy(request),
          ...(importId !== undefined ? { importId } : {}),
        });
        return reply.code(importId !== undefined ? 200 : 201).send(result);
      } catch (error) {
        return failed(reply, error);
      }
    });

    app.delete<{ Params: { importId: string } }>('/api/sites/:domain/imports/:importId', MANAGE('delete'), async (request, reply) => {
      const deleted = await service().deleteImport(request.authorizedSite!, request.params.importId);
      return deleted ? reply.code(204).send() : reply.code(404).send({ error: `Import ${request.params.importId} does not exist` });
    });
  };
}
