// Starts a real server on a free loopback port with its own temporary database, and speaks its API with fetch
// the way a device does.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { buildServer } from '../../server/app';
import { type ServerConfig, testConfig } from '../../server/config';
import { type Cell, REPORT_SCHEMA } from '../../src/sync/protocol';

export const CODE = 'test-enrolment-code';
export const ADMIN = 'test-admin-token-0123456789';

export interface Running {
  url: string;
  dbPath: string;
  app: Awaited<ReturnType<typeof buildServer>>;
  /** Reads the server's database directly (SQLite or PostgreSQL), for checks of what is stored. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Set (by .ci/run, or by hand) to run the whole server suite against PostgreSQL instead of SQLite. */
const PG_URL = process.env.PELITA_DATABASE_URL || null;
export const usingPostgres = PG_URL !== null;

async function pgQuery(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/**
 * Under PostgreSQL, the database a server "at" `dbPath` uses: its own schema, named after the path, so each
 * test starts empty and a restart on the same path finds its data, as with a SQLite file. Null under SQLite.
 */
export async function databaseUrlFor(dbPath: string): Promise<string | null> {
  if (!PG_URL) return null;
  const schema = `t_${createHash('sha256').update(dbPath).digest('hex').slice(0, 20)}`;
  await pgQuery(PG_URL, `CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function dropSchema(url: string) {
  const schema = /search_path=(\w+)/.exec(new URL(url).searchParams.get('options') ?? '')?.[1];
  if (schema && PG_URL) await pgQuery(PG_URL, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

export function tempDbPath(): { dir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pelita-server-'));
  return { dir, dbPath: join(dir, 'data', 'pelita.sqlite') };
}

export async function startServer(overrides: Partial<ServerConfig> = {}, dbPath?: string): Promise<Running> {
  const temp = dbPath ? null : tempDbPath();
  const path = dbPath ?? temp!.dbPath;
  const databaseUrl = 'databaseUrl' in overrides ? overrides.databaseUrl! : await databaseUrlFor(path);
  const app = await buildServer(
    testConfig({ dbPath: path, databaseUrl, enrolmentCode: CODE, adminToken: ADMIN, ...overrides }),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    dbPath: path,
    app,
    async query(sql) {
      if (databaseUrl) return pgQuery(databaseUrl, sql);
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare(sql).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    async close() {
      await app.close();
      if (temp) {
        if (databaseUrl) await dropSchema(databaseUrl);
        rmSync(temp.dir, { recursive: true, force: true });
      }
    },
  };
}

export interface Device {
  deviceId: string;
  token: string;
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function enrol(url: string, label = 'Tablet 1'): Promise<Device> {
  const res = await postJson(`${url}/api/v1/devices`, { enrolmentCode: CODE, label });
  if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Device;
}

/** An installation's identity, as the app makes it on first start. */
export interface Install {
  installId: string;
  installKey: string;
}
export const newInstall = (): Install => ({
  installId: randomUUID(),
  installKey: randomBytes(32).toString('base64url'),
});

export interface Enrolled extends Device {
  scope: string | null;
  resend: boolean;
  configVersion: number;
}

/** Enrols with an installation identity and a code (the bootstrap one by default); throws unless 201. */
export async function enrolAs(
  url: string,
  install: Install,
  { code = CODE, label = 'Tablet' }: { code?: string; label?: string } = {},
): Promise<Enrolled> {
  const res = await postJson(`${url}/api/v1/devices`, { enrolmentCode: code, label, ...install });
  if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Enrolled;
}

export function admin(url: string, method: string, path: string, body?: unknown, token = ADMIN) {
  return fetch(`${url}/api/v1/admin${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Makes an enrolment code for a subtree through the admin API; returns the code itself. */
export async function makeCode(
  url: string,
  body: { orgUnit: string | null; expiresAt?: string; maxUses?: number; label?: string },
): Promise<string> {
  const res = await admin(url, 'POST', '/enrolment-codes', body);
  if (res.status !== 201) throw new Error(`code failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { code: string }).code;
}

/** Replaces the server's location tree (JSON); throws unless 200. */
export async function loadLocations(
  url: string,
  locations: { code: string; name: string; parent: string | null }[],
) {
  const res = await fetch(`${url}/api/v1/admin/locations`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(locations),
  });
  if (res.status !== 200) throw new Error(`locations failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { version: number; count: number };
}

export const cell = (
  indicator: Cell['indicator'],
  disaggregation: Cell['disaggregation'],
  value: number,
) => ({
  indicator,
  disaggregation,
  value,
});

export function report(values: unknown[], revision = 1) {
  return { schema: REPORT_SCHEMA, revision, generatedAt: '2026-02-03T08:00:00Z', values };
}

export function put(
  url: string,
  device: Device,
  period: string,
  orgUnit: string,
  body: unknown,
  { deviceId = device.deviceId, token = device.token }: { deviceId?: string; token?: string | null } = {},
) {
  return fetch(
    `${url}/api/v1/reports/${encodeURIComponent(deviceId)}/${encodeURIComponent(period)}/${encodeURIComponent(orgUnit)}`,
    {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
  );
}

export async function tally(url: string, token: string, period: string, orgUnit: string, children = false) {
  const q = new URLSearchParams({ period, orgUnit, ...(children ? { children: 'true' } : {}) });
  const res = await fetch(`${url}/api/v1/tallies?${q}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`tally failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as TallyAnswer;
}

export interface TallyPart {
  orgUnit: string;
  devices: number;
  values: Cell[];
}
export interface TallyAnswer extends TallyPart {
  period: string;
  children?: TallyPart[];
}
