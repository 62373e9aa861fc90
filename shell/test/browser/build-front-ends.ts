import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Vitest global setup of the browser project: builds the shell and every plugin UI once, so
 * the tests run against exactly what `npm start` serves. `QUSTO_SKIP_FRONTEND_BUILD=1` skips it
 * when the front ends were just built (several test runs sharing one checkout).
 */
export default function buildFrontEnds(): void {
  if (process.env.QUSTO_SKIP_FRONTEND_BUILD === '1') return;
  const root = path.resolve(import.meta.dirname, '../../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/@rspack/cli/bin/rspack.js'), 'build', '--config', 'rspack.config.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
