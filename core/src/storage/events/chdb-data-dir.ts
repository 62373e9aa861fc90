import path from 'node:path';

/** chdb binds one data directory per process; a second, different one cannot be opened. */
export class ChdbDataDirError extends Error {
  constructor(openDir: string, requestedDir: string) {
    super(
      `chdb allows one data directory per process: ${openDir} is open, so ${requestedDir} cannot be opened. ` +
        'Close the event store on the first directory, or use a separate process (or a ClickHouse server via CLICKHOUSE_URL).',
    );
    this.name = 'ChdbDataDirError';
  }
}

let bound: { dir: string; refs: number } | undefined;

/**
 * Claims chdb's process-wide data directory. The same directory may be claimed again (chdb shares
 * its engine between connections on one path); a different one throws until every claim is released.
 * Returns an idempotent release function.
 */
export function claimChdbDataDir(dir: string): () => void {
  const resolved = path.resolve(dir);
  if (bound && bound.dir !== resolved) throw new ChdbDataDirError(bound.dir, resolved);
  bound ??= { dir: resolved, refs: 0 };
  bound.refs += 1;
  let released = false;
  return () => {
    if (released || !bound) return;
    released = true;
    bound.refs -= 1;
    if (bound.refs === 0) bound = undefined;
  };
}
