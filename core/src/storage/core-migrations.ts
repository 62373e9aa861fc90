import path from 'node:path';

/** Core's migration sets; plugins' sets are applied after these. */
export const CORE_METADATA_MIGRATIONS = [{ owner: 'core', dir: path.join(import.meta.dirname, 'metadata', 'migrations') }];
export const CORE_EVENT_MIGRATIONS = [{ owner: 'core', dir: path.join(import.meta.dirname, 'events', 'migrations') }];
