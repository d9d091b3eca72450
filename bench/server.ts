// Benchmark of the reference server at national scale (SPEC §11): 20,000 devices × 12 months over a
// three-level tree, bulk-loaded (bench/server-load.ts), on SQLite and, when PostgreSQL is at hand, on
// PostgreSQL. The server runs as its own process, as in production, so the load generator does not share its
// event loop. Measured: a national, a province's and a district's month roll-up (median and p99 over
// sequential reads), reports accepted per second with ten readers reading the national roll-up at the same
// time, and the server's CPU time per report of 500 cells.
// Alone: `npx tsx bench/server.ts` (PostgreSQL: set PELITA_DATABASE_URL to an empty database, or run as root
// where .ci/postgres can start a throwaway cluster).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BREAKDOWNS, REPORT_SCHEMA } from '../src/sync/protocol';
import { DISAGGREGATIONS } from '../src/tally/indicators';
import {
  benchToken,
  COUNTRY,
  DEVICES,
  deviceIdOf,
  districtCode,
  generate,
  loadPostgres,
  loadSqlite,
  provinceCode,
} from './server-load';

const INGEST_MS = 5_000;
const WRITERS = 32;
const READERS = 10;
const READS_PER_LEVEL = 200;
const BIG_REPORTS = 200;
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

async function startServer(
  store: { dbPath: string } | { url: string },
): Promise<{ child: ChildProcess; port: number }> {
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
        ...('dbPath' in store
          ? { PELITA_DB: store.dbPath, PELITA_DATABASE_URL: '' }
          : { PELITA_DATABASE_URL: store.url, PELITA_DB_POOL: '20' }),
        PELITA_ENROLMENT_CODE: 'bench-enrolment-code',
        PELITA_ADMIN_TOKEN: ADMIN,
        PELITA_RATE_PER_S: '1000000',
        PELITA_RATE_BURST: '1000000',
        PELITA_MAX_PAIRS: '1000000',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  for (let waited = 0; waited < 120_000; waited += 100) {
    if (exited !== undefined) throw new Error(`server exited with ${exited} before listening`);
    const up = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, port };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not answer within 120 s');
}

const ADMIN = 'bench-admin-token-0123456789';

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

/** A realistic month of ~20 cells: children by sex × age band × nationality, inspections, trainings. */
function body(variant: number, revision = 1): string {
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
  ];
  return JSON.stringify({ schema: REPORT_SCHEMA, revision, generatedAt: new Date().toISOString(), values });
}

/** 500 distinct cells of children identified (the first of its 8,800 breakdown combinations). */
function bigBody(variant: number): string {
  const keys = BREAKDOWNS.CHILDREN_IDENTIFIED;
  const values: unknown[] = [];
  const walk = (i: number, d: Record<string, string>) => {
    if (values.length >= 500) return;
    if (i === keys.length) {
      values.push({
        indicator: 'CHILDREN_IDENTIFIED',
        disaggregation: { ...d },
        value: 1 + ((variant + values.length) % 9),
      });
      return;
    }
    for (const v of DISAGGREGATIONS[keys[i]!]) walk(i + 1, { ...d, [keys[i]!]: v });
  };
  walk(0, {});
  return JSON.stringify({
    schema: REPORT_SCHEMA,
    revision: 1,
    generatedAt: new Date().toISOString(),
    values,
  });
}

const round = (x: number) => Math.round(x * 10) / 10;

async function read(agent: Agent, port: number, orgUnit: string): Promise<number> {
  const t0 = performance.now();
  const res = await send(agent, port, 'GET', `/api/v1/tallies?period=2026-06&orgUnit=${orgUnit}`, '', ADMIN);
  if (res.status !== 200) throw new Error(`tally ${orgUnit}: ${res.status} ${res.text.slice(0, 200)}`);
  return performance.now() - t0;
}

/** Every key a fresh pair (period before 2026, so never one of the loaded months): each PUT a real insert. */
function pairPath(i: number): string {
  const device = i % DEVICES;
  const month = Math.floor(i / DEVICES);
  const period = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
  return `/api/v1/reports/${deviceIdOf(device)}/${period}/${districtCode(device % 20, Math.floor(device / 20) % 10)}`;
}

export async function measure(
  label: string,
  store: { dbPath: string } | { url: string },
): Promise<BenchResult[]> {
  const { child, port } = await startServer(store);
  const agent = new Agent({ keepAlive: true, maxSockets: WRITERS + READERS });
  try {
    const levels: [string, string][] = [
      ['national', COUNTRY],
      ['province', provinceCode(3)],
      ['district', districtCode(3, 4)],
    ];
    // Warm-up: the JIT, the page cache, the agent's sockets.
    for (let i = 0; i < 50; i++) for (const [, code] of levels) await read(agent, port, code);
    const rows: BenchResult[] = [];
    for (const [name, code] of levels) {
      const times: number[] = [];
      for (let i = 0; i < READS_PER_LEVEL; i++) times.push(await read(agent, port, code));
      times.sort((a, b) => a - b);
      const median = round(percentile(times, 0.5));
      const p99 = round(percentile(times, 0.99));
      rows.push(
        {
          what: `${label}: ${name} month roll-up, median`,
          value: median,
          unit: 'ms',
          budget: name === 'national' ? '≤ 50' : '—',
          ok: median <= 50,
        },
        {
          what: `${label}: ${name} month roll-up, p99`,
          value: p99,
          unit: 'ms',
          budget: name === 'national' ? '≤ 50' : '—',
          ok: name !== 'national' || p99 <= 50,
        },
      );
    }

    // Ingest with ten readers reading the national roll-up all the while.
    let next = 0;
    let accepted = 0;
    let refused = 0;
    let reads = 0;
    const deadline = performance.now() + INGEST_MS;
    const bodies = Array.from({ length: 16 }, (_, i) => body(i));
    const writer = async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const res = await send(agent, port, 'PUT', pairPath(i), bodies[i % 16]!, benchToken(i % DEVICES));
        if (res.status === 200) accepted++;
        else if (refused++ < 3) console.error(`  refused: ${res.status} ${res.text.slice(0, 200)}`);
      }
    };
    const reader = async () => {
      while (performance.now() < deadline) {
        await read(agent, port, COUNTRY);
        reads++;
      }
    };
    const started = performance.now();
    await Promise.all([
      ...Array.from({ length: WRITERS }, writer),
      ...Array.from({ length: READERS }, reader),
    ]);
    const perSecond = Math.round(accepted / ((performance.now() - started) / 1000));
    rows.push(
      {
        what: `${label}: reports accepted per second, ${READERS} readers reading`,
        value: perSecond,
        unit: 'reports/s',
        budget: '≥ 1000',
        ok: perSecond >= 1000 && refused === 0,
      },
      {
        what: `${label}: national roll-ups read meanwhile`,
        value: Math.round(reads / (INGEST_MS / 1000)),
        unit: 'reads/s',
        budget: '—',
        ok: true,
      },
    );

    // CPU per report of 500 cells: one at a time, so nothing else runs in the server.
    const big = Array.from({ length: 8 }, (_, i) => bigBody(i));
    for (let i = 0; i < 20; i++)
      await send(agent, port, 'PUT', pairPath(next++), big[i % 8]!, benchToken((next - 1) % DEVICES));
    const cpuBefore = cpuSeconds(child.pid);
    let bigAccepted = 0;
    for (let i = 0; i < BIG_REPORTS; i++) {
      const k = next++;
      const res = await send(agent, port, 'PUT', pairPath(k), big[i % 8]!, benchToken(k % DEVICES));
      if (res.status === 200) bigAccepted++;
    }
    const cpuAfter = cpuSeconds(child.pid);
    if (cpuBefore !== null && cpuAfter !== null && bigAccepted > 0) {
      const ms = round(((cpuAfter - cpuBefore) / bigAccepted) * 1000);
      rows.push({
        what: `${label}: server CPU per report of 500 cells`,
        value: ms,
        unit: 'ms',
        budget: '≤ 2',
        ok: ms <= 2 && bigAccepted === BIG_REPORTS,
      });
    }
    return rows;
  } finally {
    agent.destroy();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

/** An empty PostgreSQL database for the bench: PELITA_DATABASE_URL, or a throwaway cluster (.ci/postgres). */
function postgres(): { url: string; stop: () => void } | null {
  if (process.env.PELITA_DATABASE_URL) return { url: process.env.PELITA_DATABASE_URL, stop: () => {} };
  try {
    const out = execFileSync(join(root, '.ci/postgres'), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const url = /PELITA_DATABASE_URL='([^']+)'/.exec(out)![1]!;
    const stop = /PELITA_PG_STOP='([^']+)'/.exec(out)![1]!;
    return { url, stop: () => execFileSync('bash', ['-c', stop], { stdio: 'ignore' }) };
  } catch {
    return null;
  }
}

export default async function benchServer(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pelita-bench-'));
  try {
    let t = performance.now();
    const data = generate();
    const dbPath = join(dir, 'bench.sqlite');
    loadSqlite(dbPath, data);
    console.log(
      `  SQLite: ${data.reports.length.toLocaleString('en')} reports, ${data.sums.size.toLocaleString('en')} sums loaded in ${Math.round((performance.now() - t) / 1000)} s`,
    );
    const rows = await measure('SQLite', { dbPath });
    rmSync(dir, { recursive: true, force: true });
    const pg = postgres();
    if (!pg) {
      rows.push({
        what: 'PostgreSQL: not measured (no PELITA_DATABASE_URL, and no cluster could be started)',
        value: 0,
        unit: '',
        budget: 'both stores',
        ok: false,
      });
      return rows;
    }
    try {
      t = performance.now();
      await loadPostgres(pg.url, data);
      console.log(`  PostgreSQL: loaded in ${Math.round((performance.now() - t) / 1000)} s`);
      rows.push(...(await measure('PostgreSQL', { url: pg.url })));
    } finally {
      pg.stop();
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchServer()) {
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.what}: ${r.value} ${r.unit} (budget ${r.budget})`);
  }
}
