/**
 * `npm run bench:ingest`: accepted events/s, latency, CPU and memory of POST /api/event on the
 * embedded stores with the spool's fsync on, against a bare Fastify route that only validates
 * the same body. Both servers run in their own processes and get the same load from the same
 * generator: wrk when installed, else autocannon in this process (which, on a small machine,
 * is slower than the bare route and so understates the gap). Afterwards the event store is
 * checked to hold every accepted event. Prints figures; not a test.
 *
 * BENCH_DURATION_S, BENCH_CONNECTIONS; BENCH_LOAD_GENERATOR=autocannon to force it;
 * BENCH_SERVER_NODE_ARGS for node flags of both servers (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openChdbEventStore } from '../src/storage/events/create-event-store.ts';
import { freePort, runQusto } from '../test/support/qusto-process.ts';
import { autocannonGenerator, findWrk, type LoadGenerator } from './load-generators.ts';
import { makeRequests, type BenchRequest } from './payloads.ts';
import { cpuSeconds, mainThreadCpuSeconds, rssMiB } from './process-stats.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DOMAIN = 'bench.example';
const WARM_UP_S = 2;
const WARM_UP_CONNECTIONS = 8;
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

interface Figures {
  name: string;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The server process, all threads (100 = one core). */
  cpuPercent: number;
  /** The server's event loop thread alone: near 100 means it, not the machine, is the limit. */
  mainThreadCpuPercent: number;
  /** Server CPU (all threads) per accepted event: less sensitive to a busy machine than events/s. */
  cpuMicrosPerEvent: number;
  /** Near 100 means the load generator, not the server, is the limit. */
  loadGeneratorCpuPercent: number;
  rssMiB: number;
  non2xx: number;
  /** 2xx answers including the warm-up. */
  acceptedTotal: number;
  /** Requests without an answer the load generator counted (errors, timeouts): the server may still have accepted them. */
  unanswered: number;
}

async function load(generator: LoadGenerator, name: string, port: number, pid: number, requests: BenchRequest[]): Promise<Figures> {
  // Warm-up so JIT and caches settle before measuring.
  const warmUp = await generator.run({ port, connections: WARM_UP_CONNECTIONS, durationS: WARM_UP_S, requests: requests.slice(0, 500) });
  const cpuBefore = cpuSeconds(pid);
  const mainThreadBefore = mainThreadCpuSeconds(pid);
  const result = await generator.run({ port, connections: CONNECTIONS, durationS: DURATION_S, requests });
  const serverCpu = cpuSeconds(pid) - cpuBefore;
  const percentOfRun = (seconds: number) => (seconds / result.elapsedS) * 100;
  return {
    name,
    perSecond: result.accepted / result.elapsedS,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    cpuPercent: percentOfRun(serverCpu),
    mainThreadCpuPercent: percentOfRun(mainThreadCpuSeconds(pid) - mainThreadBefore),
    cpuMicrosPerEvent: (serverCpu / Math.max(1, result.accepted)) * 1e6,
    loadGeneratorCpuPercent: percentOfRun(result.cpuSeconds),
    rssMiB: rssMiB(pid),
    non2xx: result.non2xx,
    acceptedTotal: result.accepted + warmUp.accepted,
    unanswered: result.unanswered + warmUp.unanswered,
  };
}

function chooseGenerator(workDir: string): LoadGenerator {
  if (process.env.BENCH_LOAD_GENERATOR === 'autocannon') return autocannonGenerator;
  const wrk = findWrk(workDir);
  if (wrk) return wrk;
  console.warn(
    'wrk is not installed (Debian: apt-get install wrk): falling back to autocannon in this process. ' +
      'On a small machine autocannon cannot load the bare route fully, so the ratio below flatters Qusto.',
  );
  return autocannonGenerator;
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qusto-bench-ingest-'));
  const requests = makeRequests(20_000, DOMAIN);
  const generator = chooseGenerator(dataDir);
  const env = { QUSTO_DATA_DIR: dataDir, QUSTO_PLUGINS: '', LOG_LEVEL: 'warn', TRUSTED_PROXIES: 'true' };
  try {
    const create = runQusto(['create-site', '--domain', DOMAIN], env);
    if ((await create.exited) !== 0) throw new Error(`create-site failed: ${create.output().stderr}`);

    const barePort = await freePort();
    const bare = spawn(process.execPath, [...SERVER_NODE_ARGS, path.join(import.meta.dirname, '..', 'bin', 'run-ts.js'), path.join(import.meta.dirname, 'bare-event-server.ts')], {
      env: { ...process.env, PORT: String(barePort) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => bare.stdout!.on('data', (d: Buffer) => d.toString().includes('BARE_READY') && resolve()));
    const bareFigures = await load(generator, 'bare Fastify route (validate + 202)', barePort, bare.pid!, requests);
    bare.kill('SIGTERM');
    await new Promise((resolve) => bare.once('exit', resolve));

    const port = await freePort();
    const qusto = runQusto(['start'], { ...env, PORT: String(port), LOG_LEVEL: 'info' }, SERVER_NODE_ARGS);
    await qusto.waitForOutput('Qusto is ready');
    const idleRss = rssMiB(qusto.child.pid!);
    const qustoFigures = await load(generator, 'Qusto /api/event (pipeline + fsync spool)', port, qusto.child.pid!, requests);
    qusto.child.kill('SIGTERM');
    await qusto.exited;

    const store = await openChdbEventStore(path.join(dataDir, 'events'));
    const [row] = await store.query<{ n: string }>('SELECT count() AS n FROM events');
    await store.close();
    const stored = Number(row!.n);
    const table = [bareFigures, qustoFigures].map((f) => ({
      server: f.name,
      'events/s': Math.round(f.perSecond),
      'p50 ms': Number(f.p50Ms.toFixed(1)),
      'p99 ms': Number(f.p99Ms.toFixed(1)),
      'CPU %': Math.round(f.cpuPercent),
      'main thread CPU %': Math.round(f.mainThreadCpuPercent),
      'CPU µs/event': Math.round(f.cpuMicrosPerEvent),
      'RSS MiB': Math.round(f.rssMiB),
      'load generator CPU %': Math.round(f.loadGeneratorCpuPercent),
      'non-2xx': f.non2xx,
    }));
    console.log(
      `\nIngestion benchmark: ${DURATION_S}s, ${CONNECTIONS} connections, ${requests.length} distinct payloads, loopback, ` +
        `${os.cpus().length} CPUs, load from ${generator.name}`,
    );
    console.table(table);
    console.log(`Qusto idle RSS before load: ${Math.round(idleRss)} MiB`);
    console.log(`Ratio Qusto / bare route: ${(qustoFigures.perSecond / bareFigures.perSecond).toFixed(2)}x (target >= 0.6x)`);
    // When the warm-up and the timed run stop, up to one request per connection is in flight: the
    // server accepts it but the load generator no longer counts the answer; so may requests it
    // gave up on (errors, timeouts).
    const extra = stored - qustoFigures.acceptedTotal;
    const allowance = CONNECTIONS + WARM_UP_CONNECTIONS + qustoFigures.unanswered;
    const verdict = extra >= 0 && extra <= allowance ? 'all present' : 'MISMATCH';
    console.log(
      `Events in the store after shutdown: ${stored}; answered 202 (incl. warm-up): ${qustoFigures.acceptedTotal}; ` +
        `accepted without a counted answer: ${extra} (<= ${allowance}: in flight at the two stops + ${qustoFigures.unanswered} errors/timeouts) -> ${verdict}`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
