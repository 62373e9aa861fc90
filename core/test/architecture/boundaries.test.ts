import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/check-boundaries.mjs');
const check = (root?: string) => spawnSync(process.execPath, root ? [SCRIPT, root] : [SCRIPT], { encoding: 'utf8' });

describe('architecture boundaries', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('hold in this repository', () => {
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each([
    // Written as [statement, specifier] so this file's own text holds no such import.
    ['core/src/x.ts', ['import goals from', '../../plugins/goals/server/index.ts'], 'core never imports a plugin'],
    ['plugins/acme/server/index.ts', ['import { buildApp } from', '@qusto/core'], 'plugins import only @qusto/sdk'],
    ['shell/src/App.tsx', ['import Panel from', '@qusto/plugin-goals/ui'], "the shell never imports a plugin's UI"],
    ['sdk/src/x.ts', ['export * from', '../../core/src/app.ts'], 'the MIT sdk must not depend on AGPL code'],
  ] as const)('catch %s', async (file, [statement, specifier], why) => {
    const source = `${statement} '${specifier}';`;
    const root = await mkdtemp(path.join(os.tmpdir(), 'qusto-boundaries-'));
    dirs.push(root);
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), `${source}\n`);
    const result = check(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(why);
  });
});
