/**
 * The ingestion benchmark's load generators: wrk (C, when installed) or autocannon (JavaScript,
 * in this process). Both send the same requests in the same order over keep-alive connections
 * and report the same figures, so one ratio between two servers is meaningful whichever runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import type { BenchRequest } from './payloads.ts';
import { cpuSeconds } from './process-stats.ts';

export interface LoadRun {
  port: number;
  connections: number;
  durationS: number;
  requests: BenchRequest[];
}

export interface LoadResult {
  /** 2xx answers. */
  accepted: number;
  non2xx: number;
  /** Requests without a counted answer (errors, timeouts): the server may still have accepted them. */
  unanswered: number;
  p50Ms: number;
  p99Ms: number;
  elapsedS: number;
  /** CPU the load generator itself used: near 100% of a core, it (not the server) is the limit. */
  cpuSeconds: number;
}

export interface LoadGenerator {
  readonly name: string;
  run(load: LoadRun): Promise<LoadResult>;
}

const PATH = '/api/event';

export const autocannonGenerator: LoadGenerator = {
  name: 'autocannon (in the bench process)',
  async run({ port, connections, durationS, requests }) {
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: durationS,
      requests: requests.map((r) => ({ method: 'POST' as const, path: PATH, body: r.body, headers: r.headers })),
    });
    const cpu = process.cpuUsage(cpuBefore);
    return {
      accepted: result['2xx'],
      non2xx: result.non2xx,
      unanswered: result.errors + result.timeouts,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      elapsedS: (Date.now() - started) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  },
};

/**
 * Cycles through pre-built raw requests read from a file (NUL-separated) and prints the run's
 * figures as one JSON line. Latencies are in microseconds.
 */
const WRK_SCRIPT = `
local requests = {}
local index = 0
function init(args)
  local file = assert(io.open(args[1], "rb"))
  local data = file:read("*a")
  file:close()
  for request in string.gmatch(data, "([^%z]+)") do requests[#requests + 1] = request end
end
function request()
  index = index % #requests + 1
  return requests[index]
end
function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"status":%d,"unanswered":%d,"p50Us":%d,"p99Us":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

function rawRequest(request: BenchRequest, port: number): string {
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `POST ${PATH} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n${headers.join('')}content-length: ${Buffer.byteLength(request.body)}\r\n\r\n${request.body}`;
}

/** wrk when it is installed (`apt-get install wrk`), else null; it keeps its script and requests in `workDir`. */
export function findWrk(workDir: string): LoadGenerator | null {
  if (spawnSync('wrk', ['--version']).error) return null;
  return {
    name: 'wrk (1 thread)',
    async run({ port, connections, durationS, requests }) {
      const script = path.join(workDir, 'wrk-events.lua');
      const data = path.join(workDir, `wrk-requests-${port}.bin`);
      await writeFile(script, WRK_SCRIPT);
      await writeFile(data, requests.map((r) => rawRequest(r, port)).join('\0'));

      const wrk = spawn('wrk', ['-t1', `-c${connections}`, `-d${durationS}s`, '-s', script, `http://127.0.0.1:${port}`, '--', data], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      wrk.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      // wrk's CPU, sampled until it exits (its /proc entry goes with it): off by at most one interval.
      let cpu = 0;
      const sample = setInterval(() => {
        try {
          cpu = cpuSeconds(wrk.pid!);
        } catch {
          /* exited */
        }
      }, 200);
      const code = await new Promise<number | null>((resolve) => wrk.on('exit', resolve));
      clearInterval(sample);
      const line = /WRK_RESULT (\{.*\})/.exec(output)?.[1];
      if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}): ${output}`);
      const result = JSON.parse(line) as { requests: number; durationUs: number; status: number; unanswered: number; p50Us: number; p99Us: number };
      return {
        // wrk counts statuses above 399 as errors; /api/event never redirects, so the rest are 2xx.
        accepted: result.requests - result.status,
        non2xx: result.status,
        unanswered: result.unanswered,
        p50Ms: result.p50Us / 1000,
        p99Ms: result.p99Us / 1000,
        elapsedS: result.durationUs / 1e6,
        cpuSeconds: cpu,
      };
    },
  };
}
