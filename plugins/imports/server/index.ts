import { asClass, definePlugin } from '@qusto/sdk';
import { addImportAbilities } from './import-abilities.ts';
import { ImportRepository } from './import-repository.ts';
import { importRoutes } from './import-routes.ts';
import { ImportService } from './import-service.ts';

/**
 * Imports of historical data: Plausible CSV exports into core's `imported_*` tables, which the
 * Stats API merges with `include.imports`. Built only on the public plugin API.
 */
export default definePlugin({
  name: 'imports',
  version: '0.1.0',
  migrations: { metadata: 'migrations/pg' },
  register(api) {
    api.container.register({
      importRepository: asClass(ImportRepository).singleton(),
      importService: asClass(ImportService).singleton(),
    });
    api.hooks.on('auth:abilities', addImportAbilities);
    api.hooks.on('site:deleted', async (site) => {
      await api.container.resolve<ImportService>('importService').deleteAllForSite(site);
      api.logger.info({ site: site.domain }, 'removed the imports of a deleted site');
    });
    api.routes(importRoutes(api.container));
  },
  ui: { remote: 'imports', slots: { 'site.settings': './ImportsPanel' } },
});
