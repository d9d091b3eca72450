// Every read and write of the server's data, as prepared statements over one connection. better-sqlite3 is
// synchronous, so a transaction here can never interleave with another request's: "compare the revision,
// then replace" is atomic without locks of our own. A report is one row (migrations.ts says why).
import {
  type Cell,
  canonicalDisaggregation,
  type Disaggregation,
  type ReportBody,
} from '../src/sync/protocol';
import type { Db } from './db';

export type PutResult =
  | { status: 'stored'; revision: number }
  | { status: 'unchanged'; revision: number }
  | { status: 'stale'; currentRevision: number };

export interface Tally {
  devices: number;
  values: Cell[];
}

export function createStore(db: Db) {
  const insertDevice = db.prepare(
    'INSERT INTO devices (id, label, token_hash, enrolled_at) VALUES (?, ?, ?, ?)',
  );
  const deviceByHash = db.prepare<[Buffer], { id: string; token_hash: Buffer }>(
    'SELECT id, token_hash FROM devices WHERE token_hash = ?',
  );
  const revisionOf = db.prepare<[string, string, string], { revision: number }>(
    'SELECT revision FROM reports WHERE period = ? AND org_unit = ? AND device_id = ?',
  );
  const upsertReport = db.prepare(
    `INSERT INTO reports (period, org_unit, device_id, revision, generated_at, received_at, cells)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (period, org_unit, device_id) DO UPDATE SET
       revision = excluded.revision, generated_at = excluded.generated_at,
       received_at = excluded.received_at, cells = excluded.cells`,
  );
  const countDevices = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM reports WHERE period = ? AND org_unit = ?',
  );
  const sumValues = db.prepare<
    [string, string],
    { indicator: string; disaggregation: string; value: number }
  >(
    `SELECT c.value ->> 0 AS indicator, c.value ->> 1 AS disaggregation, sum(c.value ->> 2) AS value
     FROM reports r, json_each(r.cells) c
     WHERE r.period = ? AND r.org_unit = ?
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const selectOne = db.prepare('SELECT 1 AS ok');

  const put = db.transaction(
    (deviceId: string, period: string, orgUnit: string, report: ReportBody, now: string): PutResult => {
      const stored = revisionOf.get(period, orgUnit, deviceId)?.revision;
      if (stored !== undefined && report.revision < stored)
        return { status: 'stale', currentRevision: stored };
      if (stored === report.revision) return { status: 'unchanged', revision: stored };
      // Zero cells may be left out by the device (SPEC §6); storing them would only bloat the sums.
      const cells = report.values
        .filter((c) => c.value > 0)
        .map((c) => [c.indicator, canonicalDisaggregation(c.disaggregation), c.value]);
      upsertReport.run(
        period,
        orgUnit,
        deviceId,
        report.revision,
        report.generatedAt,
        now,
        JSON.stringify(cells),
      );
      return { status: 'stored', revision: report.revision };
    },
  );

  return {
    addDevice(id: string, label: string, tokenHash: Buffer, now: string) {
      insertDevice.run(id, label, tokenHash, now);
    },
    deviceByTokenHash(hash: Buffer) {
      const row = deviceByHash.get(hash);
      return row && { id: row.id, tokenHash: row.token_hash };
    },
    putReport(deviceId: string, period: string, orgUnit: string, report: ReportBody, now: string): PutResult {
      // IMMEDIATE takes the write lock up front, so a second process (a backup, a tool) cannot make the
      // read-then-write upgrade fail half way.
      return put.immediate(deviceId, period, orgUnit, report, now);
    },
    tally(period: string, orgUnit: string): Tally {
      const read = db.transaction(() => ({
        devices: countDevices.get(period, orgUnit)?.n ?? 0,
        values: sumValues.all(period, orgUnit).map((r) => ({
          indicator: r.indicator as Cell['indicator'],
          disaggregation: JSON.parse(r.disaggregation) as Disaggregation,
          value: r.value,
        })),
      }));
      // One read transaction: the device count and the sums come from the same snapshot.
      return read.deferred();
    },
    /** True when the database answers; false when it is closed or broken. */
    ping(): boolean {
      try {
        return db.open && (selectOne.get() as { ok: number }).ok === 1;
      } catch {
        return false;
      }
    },
    close() {
      if (db.open) db.close();
    },
  };
}
export type Store = ReturnType<typeof createStore>;
