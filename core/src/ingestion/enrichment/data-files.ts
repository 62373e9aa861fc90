// Reads the data files kept in core/data/ (vendored lists; see core/data/README.md).
import { readFileSync } from 'node:fs';

const DATA_DIR = new URL('../../../data/', import.meta.url);

/** Absolute URL of a file in core/data/. */
export function dataFileUrl(name: string): URL {
  return new URL(name, DATA_DIR);
}

export function readDataFile(name: string): string {
  return readFileSync(dataFileUrl(name), 'utf8');
}

/** Memoises a loader so a data file is read and indexed once, on first use (never at import time). */
export function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T;
  };
}
