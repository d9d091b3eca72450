// Benchmark of the reference server (SPEC §11: ≥ 1,000 reports accepted per second on 2 cores). The server
// runs as its own process, as in production, so the load generator does not share its event loop; requests
// go over loopback with keep-alive and at most CONCURRENCY in flight, each a distinct (period, orgUnit) so
// every one is a real replace, with ~20 cells like a busy month. Bounded: a 1 s warm-up, then DURATION_MS
// or MAX_REQUESTS, whichever comes first.
// Alone: `npx tsx bench/server.ts`.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPORT_SCHEMA } from '../src/sync/protocol';

const DURATION_MS = 5_000;
const WARMUP_MS = 1_000;
const WARMUP_REQUESTS = 2_000;
const MAX_REQUESTS = 100_000;
const CONCURRENCY = 32;
const DEVICES = 8;
const CODE = 'bench-enrolment-code';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchResult {
  what: string;
  value: number;
  unit: string;
  budget: string;
  ok: boolean;
}

/** A port nobody listens on right now (the OS picks it), for the server process to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(dbPath: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : []),
      '--import',
      'tsx',
      'server/main.ts',
    ],
    {
      cwd: root,
      // Production settings but for the rate limit, which would otherwise (rightly) stop a single client.
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        PELITA_STATIC: '',
        PELITA_DB: dbPath,
        PELITA_ENROLMENT_CODE: CODE,
        PELITA_RATE_PER_S: '1000000',
        PELITA_RATE_BURST: '1000000',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      },
      // Logs go to /dev/null: the server writes them as in production, nobody has to read them.
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (exited !== undefined) throw new Error(`server exited with ${exited} before listening`);
    const up = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, port };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not answer within 20 s');
}

function send(agent: Agent, port: number, method: string, path: string, body: string, token?: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A realistic month: children by sex × age band × nationality, inspections by sector, trainings by agency. */
function body(variant: number): string {
  const sexes = ['female', 'male'];
  const bands = ['5-11', '12-14', '15-17'];
  const values = [
    ...sexes.flatMap((sex) =>
      bands.flatMap((ageBand) =>
        ['national', 'foreign'].map((nationalityGroup) => ({
          indicator: 'CHILDREN_IDENTIFIED',
          disaggregation: { sex, ageBand, nationalityGroup, category: 'hazardous', sector: 'A' },
          value: 1 + ((variant + ageBand.length) % 7),
        })),
      ),
    ),
    ...['A', 'C', 'G', 'I'].map((sector) => ({
      indicator: 'INSPECTIONS',
      disaggregation: { hardToReach: 'no', sector },
      value: 2 + (variant % 5),
    })),
    ...sexes.map((sex) => ({
      indicator: 'PEOPLE_TRAINED',
      disaggregation: { sex, agency: 'police' },
      value: 9,
    })),
    { indicator: 'INSPECTIONS_CL_TOOL', disaggregation: {}, value: 3 },
    { indicator: 'ACTIVITIES', disaggregation: { kind: 'campaign_activity' }, value: 1 },
  ];
  return JSON.stringify({
    schema: REPORT_SCHEMA,
    revision: 1,
    generatedAt: new Date().toISOString(),
    values,
  });
}

/** CPU seconds a process has used so far (Linux /proc; null elsewhere). Ticks are 1/100 s on Linux. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

interface Load {
  port: number;
  agent: Agent;
  devices: { deviceId: string; token: string }[];
  bodies: string[];
}

/** Sends report PUTs with CONCURRENCY in flight until `ms` have passed or `max` were sent. */
async function drive({ port, agent, devices, bodies }: Load, ms: number, max: number, prefix: string) {
  let next = 0;
  let accepted = 0;
  let refused = 0;
  const latencies: number[] = [];
  const start = performance.now();
  const deadline = start + ms;
  const worker = async () => {
    while (performance.now() < deadline && next < max) {
      const i = next++;
      const device = devices[i % devices.length]!;
      // Distinct keys, so every PUT is a real replace: 1,200 months × as many orgUnits as needed.
      const period = `${2000 + Math.floor((i % 1200) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      const path = `/api/v1/reports/${device.deviceId}/${period}/${prefix}-${Math.floor(i / 1200)}`;
      const t0 = performance.now();
      const res = await send(agent, port, 'PUT', path, bodies[i % bodies.length]!, device.token);
      latencies.push(performance.now() - t0);
      if (res.status === 200 && res.text.includes('"stored"')) accepted++;
      else refused++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { accepted, refused, latencies, seconds: (performance.now() - start) / 1000 };
}

export default async function benchServer(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pelita-bench-'));
  const { child, port } = await startServer(join(dir, 'bench.sqlite'));
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const devices: Load['devices'] = [];
    for (let i = 0; i < DEVICES; i++) {
      const label = JSON.stringify({ enrolmentCode: CODE, label: `bench ${i}` });
      const res = await send(agent, port, 'POST', '/api/v1/devices', label);
      if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${res.text}`);
      devices.push(JSON.parse(res.text));
    }
    const load: Load = { port, agent, devices, bodies: Array.from({ length: 16 }, (_, i) => body(i)) };
    // Warm-up, not counted: the server's JIT compiles the hot path, the agent opens its sockets.
    await drive(load, WARMUP_MS, WARMUP_REQUESTS, 'WARM');

    const cpuBefore = cpuSeconds(child.pid);
    const { accepted, refused, latencies, seconds } = await drive(load, DURATION_MS, MAX_REQUESTS, 'KH');
    const cpuAfter = cpuSeconds(child.pid);
    // What the server itself spent per report: unlike the rate, this barely moves when other work shares
    // the machine.
    const cpuPerReport =
      cpuBefore !== null && cpuAfter !== null && accepted > 0
        ? ((cpuAfter - cpuBefore) / accepted) * 1e6
        : null;
    latencies.sort((a, b) => a - b);
    const ms = (p: number) => Math.round(percentile(latencies, p) * 10) / 10;
    const perSecond = Math.round(accepted / seconds);
    return [
      {
        what: 'reference server: reports accepted per second',
        value: perSecond,
        unit: 'reports/s',
        budget: '≥ 1000',
        ok: perSecond >= 1000 && refused === 0,
      },
      {
        what: 'reference server: report PUT latency, median',
        value: ms(0.5),
        unit: 'ms',
        budget: `${CONCURRENCY} in flight`,
        ok: true,
      },
      {
        what: 'reference server: report PUT latency, p99',
        value: ms(0.99),
        unit: 'ms',
        budget: `${CONCURRENCY} in flight`,
        ok: true,
      },
      ...(cpuPerReport === null
        ? []
        : [
            {
              what: 'reference server: server CPU time per accepted report',
              value: Math.round(cpuPerReport),
              unit: 'µs',
              budget: '≤ 1000 (one core keeps up with 1,000/s)',
              ok: cpuPerReport <= 1000,
            },
          ]),
      {
        what: 'reference server: reports refused during the run',
        value: refused,
        unit: 'reports',
        budget: '0',
        ok: refused === 0,
      },
    ];
  } finally {
    agent.destroy();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchServer()) {
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.what}: ${r.value} ${r.unit} (budget ${r.budget})`);
  }
}
