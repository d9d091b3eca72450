// Keeping one device from hurting the others, and telling an operator the truth: per-device limits with clear
// 4xx answers, a health check that fails when the store cannot write, and a start on a read-only path that
// says why in one JSON line.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { precheckReport } from '../../server/api';
import {
  ADMIN,
  cell,
  databaseUrlFor,
  enrolAs,
  newInstall,
  put,
  type Running,
  report,
  startServer,
  tally,
  usingPostgres,
} from './helpers';

let s: Running;
afterEach(() => s.close());

const girls = cell('CHILDREN_IDENTIFIED', { sex: 'female', ageBand: '12-14' }, 2);

describe('per-device limits', () => {
  it('refuses a new (period, orgUnit) pair past the cap with 422 too_many_pairs; replaces still pass', async () => {
    s = await startServer({ maxPairs: 2 });
    const d = await enrolAs(s.url, newInstall());
    expect((await put(s.url, d, '2026-01', 'KH-12', report([girls]))).status).toBe(200);
    expect((await put(s.url, d, '2026-02', 'KH-12', report([girls]))).status).toBe(200);
    const third = await put(s.url, d, '2026-03', 'KH-12', report([girls]));
    expect(third.status).toBe(422);
    expect(await third.json()).toEqual({ error: 'too_many_pairs', limit: 2 });
    expect((await put(s.url, d, '2026-01', 'KH-12', report([{ ...girls, value: 5 }], 2))).status).toBe(200);
    expect((await tally(s.url, ADMIN, '2026-03', 'KH')).devices).toBe(0);
    // Another device has its own allowance.
    const other = await enrolAs(s.url, newInstall());
    expect((await put(s.url, other, '2026-03', 'KH-12', report([girls]))).status).toBe(200);
  });

  it('refuses more cells than the cap with 400 before the full check', async () => {
    s = await startServer({ maxCells: 3 });
    const d = await enrolAs(s.url, newInstall());
    const cells = ['female', 'male', 'other', 'unknown'].map((sex) =>
      cell('CHILDREN_IDENTIFIED', { sex, ageBand: '12-14' }, 1),
    );
    const res = await put(s.url, d, '2026-01', 'KH-12', report(cells));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_body',
      issues: [{ path: ['values'], code: 'too_big', message: 'errors.tooManyCounts' }],
    });
  });

  it('refuses 10,000 copies of one cell by their duplicates alone, before checking each cell', async () => {
    s = await startServer();
    const d = await enrolAs(s.url, newInstall());
    // Each copy is also malformed (value -1): the full check would list that; the early one lists duplicates.
    const copies = Array.from({ length: 10_000 }, () => ({ ...girls, value: -1 }));
    const res = await put(s.url, d, '2026-01', 'KH-12', report(copies));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: unknown[]; message: string }[] };
    expect(body.issues).toHaveLength(100);
    expect(new Set(body.issues.map((i) => i.message))).toEqual(new Set(['errors.duplicateCount']));
    expect(body.issues[0]!.path).toEqual(['values', 1]);
  });

  it('leaves malformed cells to the full check', () => {
    expect(
      precheckReport({ values: [null, 3, { indicator: 1 }, { indicator: 'X', disaggregation: 'x' }] }, 10),
    ).toEqual([]);
    expect(precheckReport({ values: 'nope' }, 10)).toEqual([]);
    // A small report is left to the full check, which lists every problem in order.
    expect(precheckReport({ values: [girls, girls] }, 10)).toEqual([]);
  });
});

/** Holds the store's write lock from another connection until released: reads still work, writes cannot. */
async function holdWriteLock(server: Running): Promise<() => Promise<void>> {
  if (usingPostgres) {
    const client = new pg.Client({ connectionString: (await databaseUrlFor(server.dbPath))! });
    await client.connect();
    await client.query('BEGIN');
    await client.query('LOCK TABLE settings IN EXCLUSIVE MODE');
    return async () => {
      await client.query('ROLLBACK');
      await client.end();
    };
  }
  const db = new Database(server.dbPath);
  db.prepare('BEGIN IMMEDIATE').run();
  return async () => {
    db.prepare('ROLLBACK').run();
    db.close();
  };
}

describe('health', () => {
  it('is 503 while the store can be read but not written, and 200 again after', async () => {
    s = await startServer();
    expect((await fetch(`${s.url}/api/v1/health`)).status).toBe(200);
    const release = await holdWriteLock(s);
    try {
      const res = await fetch(`${s.url}/api/v1/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable' });
      // Reading still works: this is exactly the case a read-only check would call healthy.
      expect((await tally(s.url, ADMIN, '2026-01', 'KH')).devices).toBe(0);
    } finally {
      await release();
    }
    expect((await fetch(`${s.url}/api/v1/health`)).status).toBe(200);
  });
});

describe('connections', () => {
  it('closes connections past the cap at accept, and takes new ones once a slot is free', async () => {
    s = await startServer({ maxConnections: 1 });
    const { port } = new URL(s.url);
    const first = connect(Number(port), '127.0.0.1');
    await new Promise((r) => first.once('connect', r));
    // The server counts the socket once it has accepted it: wait for its count to say so.
    await expect.poll(() => connectionsOf(s)).toBe(1);
    await expect(fetch(`${s.url}/api/v1/health`)).rejects.toThrow();
    first.destroy();
    await expect.poll(() => connectionsOf(s)).toBe(0);
    expect((await fetch(`${s.url}/api/v1/health`)).status).toBe(200);
  });
});

function connectionsOf(server: Running): Promise<number> {
  return new Promise((resolve, reject) =>
    server.app.server.getConnections((err, n) => (err ? reject(err) : resolve(n))),
  );
}

describe('start-up', () => {
  it('on a read-only path logs one JSON line with the reason and exits 1', async () => {
    s = await startServer();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: join(import.meta.dirname, '../..'),
      // /sys is read-only, even for root: the database file cannot be made there.
      env: {
        ...process.env,
        PELITA_DB: '/sys/pelita-test.sqlite',
        PELITA_DATABASE_URL: '',
        PELITA_STATIC: '',
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(err).toBe('');
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: 60, msg: 'could not start', code: 'SQLITE_CANTOPEN' });
    expect(line.reason).toContain('unable to open database file');
    expect(out).not.toContain('    at ');
  }, 30_000);
});
