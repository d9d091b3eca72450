// Start-up and shut-down: migrations applied once and in order, data that survives a restart, static files
// beside the API, and a SIGTERM that lets a request in flight finish before the process exits 0.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../server/db';
import { MIGRATIONS } from '../../server/migrations';
import { ADMIN, CODE, cell, databaseUrlFor, enrol, report, startServer, tally, tempDbPath } from './helpers';

const good = cell('CHILDREN_IDENTIFIED', { sex: 'female', ageBand: '12-14' }, 3);
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function temp() {
  const t = tempDbPath();
  cleanups.push(() => rmSync(t.dir, { recursive: true, force: true }));
  return t;
}

describe('migrations', () => {
  it('creates the folder, applies each migration once, and keeps data across restarts', async () => {
    const { dbPath } = temp();
    const first = await startServer({}, dbPath);
    const d = await enrol(first.url);
    await fetch(`${first.url}/api/v1/reports/${d.deviceId}/2026-01/KH-12`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(report([good])),
    });
    await first.close();

    const second = await startServer({}, dbPath);
    cleanups.push(() => second.close());
    // The device enrolled before the restart still authenticates, and its numbers are there.
    expect(await tally(second.url, d.token, '2026-01', 'KH-12')).toMatchObject({
      devices: 1,
      values: [good],
    });

    const versions = await second.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('uses WAL with synchronous=NORMAL', () => {
    const db = openDb(temp().dbPath);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
  });

  it('rolls a failing migration back entirely and applies it later once fixed', () => {
    const { dbPath } = temp();
    openDb(dbPath).close();
    const broken = [
      ...MIGRATIONS,
      { version: 99, name: 'broken', sql: 'CREATE TABLE extra (x); SELECT * FROM nowhere;' },
    ];
    expect(() => openDb(dbPath, broken)).toThrow(/nowhere/);
    const db = openDb(dbPath);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").pluck().get()).toBe(0);
    db.close();

    const fixed = [...MIGRATIONS, { version: 99, name: 'fixed', sql: 'CREATE TABLE extra (x)' }];
    const again = openDb(dbPath, fixed);
    expect(again.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(99);
    again.close();
  });

  it('refuses to open a database newer than the server knows', () => {
    const { dbPath } = temp();
    openDb(dbPath, [...MIGRATIONS, { version: 50, name: 'future', sql: 'CREATE TABLE future (x)' }]).close();
    expect(() => openDb(dbPath)).toThrow(/version 50/);
  });
});

describe('backup', () => {
  it('copies the live database to a new file and refuses to overwrite one', async () => {
    const { dir, dbPath } = temp();
    // The SQLite tool: under PostgreSQL, backups are pg_dump's job (server/README.md).
    const s = await startServer({ databaseUrl: null }, dbPath);
    cleanups.push(() => s.close());
    const d = await enrol(s.url, 'Backed-up tablet');
    const dest = join(dir, 'backup.sqlite');
    const run = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'server/backup.ts', dest], {
          cwd: join(import.meta.dirname, '../..'),
          env: { ...process.env, PELITA_DB: dbPath },
          stdio: 'ignore',
        });
        child.once('exit', resolve);
      });
    expect(await run()).toBe(0);
    const copy = openDb(dest);
    expect(copy.prepare('SELECT id FROM devices').pluck().all()).toEqual([d.deviceId]);
    copy.close();
    expect(await run()).toBe(1);
  }, 30_000);
});

describe('static files', () => {
  it('serves the app and answers deep links with index.html, beside the API', async () => {
    const { dir, dbPath } = temp();
    const staticDir = join(dir, 'dist');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Pelita</title>');
    const s = await startServer({ staticDir }, dbPath);
    cleanups.push(() => s.close());
    for (const path of ['/', '/cases/new']) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Pelita</title>');
    }
    expect((await fetch(`${s.url}/api/v1/health`)).status).toBe(200);
    expect((await fetch(`${s.url}/api/v1/missing`)).status).toBe(404);
  });
});

/** Starts `server/main.ts` as its own process, as `npm start` does, and resolves with its URL. */
async function spawnServer(dbPath: string) {
  const databaseUrl = (await databaseUrlFor(dbPath)) ?? '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PELITA_STATIC: '',
      PELITA_DB: dbPath,
      PELITA_DATABASE_URL: databaseUrl,
      PELITA_ENROLMENT_CODE: CODE,
      PELITA_ADMIN_TOKEN: ADMIN,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
  const logs: string[] = [];
  const waiting: { test: (entry: Record<string, unknown>) => boolean; resolve: () => void }[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      logs.push(line);
      const entry = JSON.parse(line) as Record<string, unknown>;
      for (const w of waiting.filter((w) => w.test(entry))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  /** Resolves once the server has logged a matching line: the only reliable clock across processes. */
  const logged = (test: (entry: Record<string, unknown>) => boolean) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ test, resolve });
      child.once('exit', (code) => reject(new Error(`server exited ${code}: ${logs.join('\n')}`)));
    });
  const started = logged((e) => typeof e.msg === 'string' && e.msg.startsWith('Server listening at'));
  return started.then(() => {
    const line = logs.find((l) => l.includes('Server listening at'))!;
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
    return { child, url, logs, logged };
  });
}

describe('SIGTERM', () => {
  it('finishes the request in flight, closes the database and exits 0', async () => {
    const { dbPath } = temp();
    const { child, url, logs, logged } = await spawnServer(dbPath);
    const d = await enrol(url);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify(report([good]));
    const { port } = new URL(url);
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'PUT',
      path: `/api/v1/reports/${d.deviceId}/2026-01/KH-12`,
      agent: false,
      headers: {
        authorization: `Bearer ${d.token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
    });
    const arrived = logged(
      (e) => e.msg === 'incoming request' && (e.req as { method: string }).method === 'PUT',
    );
    req.write(body.slice(0, 20));
    await arrived;
    const closing = logged((e) => e.msg === 'shutting down');
    child.kill('SIGTERM');
    await closing;
    // Stopped accepting: a new request is refused (or, in the instant before the socket closes, told 503)
    // while the old one is still open.
    const late = await fetch(`${url}/api/v1/health`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(['refused', 503]).toContain(late);
    req.end(body.slice(20));

    expect(await answered).toEqual({ status: 200, text: JSON.stringify({ status: 'stored', revision: 1 }) });
    expect(await exited).toBe(0);
    // JSON logs that never carry the token or the body.
    const all = logs.join('\n');
    expect(all).not.toContain(d.token);
    expect(all).not.toContain('CHILDREN_IDENTIFIED');
    expect(logs.some((l) => JSON.parse(l).msg === 'shutting down')).toBe(true);

    // What it accepted before exiting is on disk for the next start.
    const next = await startServer({}, dbPath);
    cleanups.push(() => next.close());
    expect(await tally(next.url, ADMIN, '2026-01', 'KH-12')).toMatchObject({ devices: 1, values: [good] });
  }, 30_000);
});
