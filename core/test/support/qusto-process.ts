import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { ENV_SCHEMA } from '../../src/config/env-schema.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/qusto.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface QustoProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
}

/** Runs the real `qusto` command as a child process; `nodeArgs` go to node (the benchmark's profiler flags). */
export function runQusto(args: string[], env: Record<string, string>, nodeArgs: string[] = []): QustoProcess {
  // The child sees only the Qusto variables the test gives it: not the runner's DATABASE_URL,
  // nor Vite's BASE_URL=/ (which vitest sets and Qusto would read as its public URL).
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !(name in ENV_SCHEMA)));
  const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async waitForOutput(text, timeoutMs = 90_000) {
      const started = Date.now();
      while (!stdout.includes(text)) {
        if (child.exitCode !== null) throw new Error(`qusto exited (${child.exitCode}) before printing "${text}": ${stderr}${stdout}`);
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for "${text}"`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
