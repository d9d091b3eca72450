// Starts a real server on a free loopback port with its own temporary database, and speaks its API with fetch
// the way a device does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../server/app';
import { type ServerConfig, testConfig } from '../../server/config';
import { type Cell, REPORT_SCHEMA } from '../../src/sync/protocol';

export const CODE = 'test-enrolment-code';
export const ADMIN = 'test-admin-token-0123456789';

export interface Running {
  url: string;
  dbPath: string;
  app: Awaited<ReturnType<typeof buildServer>>;
  close(): Promise<void>;
}

export function tempDbPath(): { dir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pelita-server-'));
  return { dir, dbPath: join(dir, 'data', 'pelita.sqlite') };
}

export async function startServer(overrides: Partial<ServerConfig> = {}, dbPath?: string): Promise<Running> {
  const temp = dbPath ? null : tempDbPath();
  const path = dbPath ?? temp!.dbPath;
  const app = await buildServer(
    testConfig({ dbPath: path, enrolmentCode: CODE, adminToken: ADMIN, ...overrides }),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    dbPath: path,
    app,
    async close() {
      await app.close();
      if (temp) rmSync(temp.dir, { recursive: true, force: true });
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

export async function tally(url: string, token: string, period: string, orgUnit: string) {
  const q = new URLSearchParams({ period, orgUnit });
  const res = await fetch(`${url}/api/v1/tallies?${q}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`tally failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { period: string; orgUnit: string; devices: number; values: Cell[] };
}
