// The Store on embedded SQLite (better-sqlite3): synchronous calls inside one connection, so each method's
// transaction is atomic without locks of our own. Sums are kept as reports arrive: a replace adds the
// difference between the new cells and the old to `sums` for the report's location and every one above it
// (`Tree.lineage`), in the same transaction that stores the report. Bulk work runs in SQL over json_each.
import { randomBytes } from 'node:crypto';
import type { Location } from '../src/locations/locations';
import type { ReportBody } from '../src/sync/protocol';
import type { Db } from './db';
import {
  type AccountRow,
  type CodeRow,
  cellDelta,
  type DeviceRow,
  type PushRow,
  placesByDevice,
  pushColumns,
  type ReportPlaceRow,
  type StoredCell,
  storedCells,
  toAccount,
  toCode,
  toDevice,
  toPush,
  toReportRow,
} from './rows';
import {
  absorbVerdict,
  codeRefusal,
  DEFAULT_CONFIG,
  installRefusal,
  negated,
  numbersAfterRetire,
  replaceRefusal,
  toValue,
} from './rules';
import type {
  AbsorbResult,
  ConfigState,
  ConsoleData,
  EnrolRequest,
  EnrolResult,
  PutResult,
  Store,
  Tally,
} from './store';
import { missingCodes } from './store';
import { DEFAULT_LOCATIONS, Tree } from './tree';

export function createSqliteStore(db: Db): Store {
  const get = <T>(sql: string) => db.prepare<unknown[], T>(sql);

  const settingOf = get<{ value: string }>('SELECT value FROM settings WHERE key = ?');
  const putSetting = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const readSetting = <T>(k: string): T | undefined => {
    const row = settingOf.get(k);
    return row ? (JSON.parse(row.value) as T) : undefined;
  };

  let config: ConfigState = readSetting<ConfigState>('config') ?? DEFAULT_CONFIG;
  let tree = new Tree(readSetting<Location[]>('locations') ?? DEFAULT_LOCATIONS);

  const deviceById = get<DeviceRow>('SELECT * FROM devices WHERE id = ?');
  const deviceByInstall = get<DeviceRow>('SELECT * FROM devices WHERE install_id = ?');
  const pairsOf = get<{ pairs: number }>('SELECT pairs FROM devices WHERE id = ?');
  const authByHash = get<{ id: string; token_hash: Buffer; scope: string | null }>(
    'SELECT id, token_hash, scope FROM devices WHERE token_hash = ? AND retired_at IS NULL',
  );
  const insertDevice = db.prepare(
    `INSERT INTO devices (id, label, token_hash, enrolled_at, install_id, install_key_hash, scope, code_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const reenrolDevice = db.prepare(
    `UPDATE devices SET token_hash = ?, label = ?, scope = ?, code_id = ?, retired_at = NULL, numbers = NULL
     WHERE id = ?`,
  );
  const codeByHash = get<CodeRow>('SELECT * FROM enrolment_codes WHERE code_hash = ?');
  const useCode = db.prepare('UPDATE enrolment_codes SET uses = uses + 1 WHERE id = ?');

  const reportOf = get<{ revision: number; cells: string }>(
    'SELECT revision, cells FROM reports WHERE period = ? AND org_unit = ? AND device_id = ?',
  );
  const upsertReport = db.prepare(
    `INSERT INTO reports (period, org_unit, device_id, revision, generated_at, received_at, cells)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (period, org_unit, device_id) DO UPDATE SET
       revision = excluded.revision, generated_at = excluded.generated_at,
       received_at = excluded.received_at, cells = excluded.cells`,
  );
  const addPairs = db.prepare('UPDATE devices SET pairs = pairs + ? WHERE id = ?');
  // One statement per report: every (location above, changed cell) pair, in C rather than a JS loop. The
  // cells are read from their JSON once (MATERIALIZED), not once per location above: a fifth less work on a
  // report of 500 cells. `WHERE true` lets SQLite read ON CONFLICT as the upsert clause, not a join constraint.
  const addSums = db.prepare<[string, string, string]>(
    `WITH c AS MATERIALIZED (SELECT value ->> 0 AS i, value ->> 1 AS g, value ->> 2 AS v FROM json_each(?))
     INSERT INTO sums (period, org_unit, indicator, disaggregation, value)
     SELECT ?, a.value, c.i, c.g, c.v FROM json_each(?) a, c WHERE true
     ON CONFLICT (period, org_unit, indicator, disaggregation) DO UPDATE SET value = value + excluded.value`,
  );
  const addReach = db.prepare(
    `INSERT INTO reach (org_unit, period, device_id, reports)
     SELECT a.value, ?, ?, ? FROM json_each(?) a WHERE true
     ON CONFLICT (period, org_unit, device_id) DO UPDATE SET reports = reports + excluded.reports`,
  );
  const dropEmptyReach = db.prepare('DELETE FROM reach WHERE device_id = ? AND reports <= 0');
  // The device counts follow reach rows as they appear and go.
  const newReach = db.prepare<[string, string, string], string>(
    `SELECT a.value FROM json_each(?) a
     WHERE NOT EXISTS (SELECT 1 FROM reach r WHERE r.period = ? AND r.org_unit = a.value AND r.device_id = ?)`,
  );
  const countUp = db.prepare(
    `INSERT INTO devices_under (period, org_unit, devices) SELECT ?, a.value, 1 FROM json_each(?) a WHERE true
     ON CONFLICT (period, org_unit) DO UPDATE SET devices = devices + 1`,
  );
  const countDownEmpty = db.prepare(
    `UPDATE devices_under SET devices = devices - 1
     WHERE (period, org_unit) IN (SELECT period, org_unit FROM reach WHERE device_id = ? AND reports <= 0)`,
  );
  const reportsOfDevice = get<{ period: string; org_unit: string; cells: string }>(
    'SELECT period, org_unit, cells FROM reports WHERE device_id = ?',
  );
  const deleteReportsOf = db.prepare('DELETE FROM reports WHERE device_id = ?');
  const sumsOf = get<{ indicator: string; disaggregation: string; value: number }>(
    `SELECT indicator, disaggregation, value FROM sums
     WHERE period = ? AND org_unit = ? AND value > 0 ORDER BY indicator, disaggregation`,
  );
  const devicesUnder = get<{ n: number }>(
    'SELECT devices AS n FROM devices_under WHERE period = ? AND org_unit = ?',
  );

  function applyCells(period: string, orgUnit: string, cells: readonly StoredCell[]) {
    if (cells.length) addSums.run(JSON.stringify(cells), period, JSON.stringify(tree.lineage(orgUnit)));
  }

  /** Takes every report of a device out of the sums and deletes it. */
  function removeNumbers(deviceId: string) {
    for (const r of reportsOfDevice.all(deviceId)) {
      const cells = JSON.parse(r.cells) as StoredCell[];
      applyCells(r.period, r.org_unit, negated(cells));
      addReach.run(r.period, deviceId, -1, JSON.stringify(tree.lineage(r.org_unit)));
    }
    countDownEmpty.run(deviceId);
    dropEmptyReach.run(deviceId);
    deleteReportsOf.run(deviceId);
    db.prepare('UPDATE devices SET pairs = 0 WHERE id = ?').run(deviceId);
  }

  /** Every sum again from the reports, for the tree now (after a tree change, or an older database). */
  function rebuildSums() {
    db.exec(
      'DELETE FROM sums; DELETE FROM reach; DELETE FROM devices_under; DROP TABLE IF EXISTS temp.lineage',
    );
    db.exec('CREATE TEMP TABLE lineage (code TEXT NOT NULL, above TEXT NOT NULL)');
    const addLine = db.prepare('INSERT INTO temp.lineage (code, above) VALUES (?, ?)');
    for (const l of tree.list) for (const above of tree.lineage(l.code)) addLine.run(l.code, above);
    db.exec(`
      INSERT INTO sums (period, org_unit, indicator, disaggregation, value)
      SELECT r.period, l.above, c.value ->> 0, c.value ->> 1, sum(c.value ->> 2)
      FROM reports r JOIN temp.lineage l ON l.code = r.org_unit, json_each(r.cells) c
      GROUP BY 1, 2, 3, 4;
      INSERT INTO reach (period, org_unit, device_id, reports)
      SELECT r.period, l.above, r.device_id, count(*)
      FROM reports r JOIN temp.lineage l ON l.code = r.org_unit
      GROUP BY 1, 2, 3;
      INSERT INTO devices_under (period, org_unit, devices)
      SELECT period, org_unit, count(*) FROM reach GROUP BY 1, 2;
      DROP TABLE temp.lineage;
    `);
    putSetting.run('sums_version', JSON.stringify(treeVersion));
  }

  // Sums built for another tree (or a database from before sums were kept): build them now, once.
  let treeVersion = readSetting<number>('tree_version') ?? 1;
  if (readSetting<number>('sums_version') !== treeVersion) {
    db.transaction(rebuildSums).immediate();
  }

  function saveConfig(next: ConfigState) {
    config = next;
    putSetting.run('config', JSON.stringify(next));
  }

  const enrol = db.transaction((req: EnrolRequest): EnrolResult => {
    let scope: string | null = null;
    let codeId: string | null = null;
    if (!req.code.bootstrap) {
      const code = codeByHash.get(req.code.hash);
      const refused = codeRefusal(code, req.now);
      if (refused) return refused;
      scope = code!.org_unit;
      codeId = code!.id;
    }
    const known = req.install ? deviceByInstall.get(req.install.id) : undefined;
    if (known) {
      const refused = installRefusal(known, req.install!.keyHash);
      if (refused) return refused;
      if (codeId) useCode.run(codeId);
      reenrolDevice.run(req.tokenHash, req.label, scope, codeId, known.id);
      return { ok: true, deviceId: known.id, scope, resend: known.numbers === 'removed' };
    }
    if (codeId) useCode.run(codeId);
    insertDevice.run(
      req.newDeviceId,
      req.label,
      req.tokenHash,
      req.now,
      req.install?.id ?? null,
      req.install?.keyHash ?? null,
      scope,
      codeId,
    );
    return { ok: true, deviceId: req.newDeviceId, scope, resend: true };
  });

  const put = db.transaction(
    (
      deviceId: string,
      period: string,
      orgUnit: string,
      report: ReportBody,
      now: string,
      maxPairs: number,
    ): PutResult => {
      const stored = reportOf.get(period, orgUnit, deviceId);
      const pairs = stored ? 0 : (pairsOf.get(deviceId)?.pairs ?? 0);
      const refused = replaceRefusal(stored?.revision ?? null, report.revision, pairs, maxPairs);
      if (refused) return refused;
      if (!stored) {
        addPairs.run(1, deviceId);
        const lineage = JSON.stringify(tree.lineage(orgUnit));
        const first = newReach.pluck().all(lineage, period, deviceId);
        if (first.length) countUp.run(period, JSON.stringify(first));
        addReach.run(period, deviceId, 1, lineage);
      }
      const cells = storedCells(report);
      const old = stored ? (JSON.parse(stored.cells) as StoredCell[]) : [];
      applyCells(period, orgUnit, cellDelta(old, cells));
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

  const readTallies = db.transaction((period: string, orgUnits: readonly string[]): Tally[] =>
    orgUnits.map((orgUnit) => ({
      orgUnit,
      devices: devicesUnder.get(period, orgUnit)?.n ?? 0,
      values: sumsOf.all(period, orgUnit).map(toValue),
    })),
  );

  const absorb = db.transaction(
    (
      deviceId: string,
      install: { id: string; keyHash: Buffer },
      mayTake: (scope: string | null) => boolean,
      now: string,
    ): AbsorbResult => {
      const target = deviceByInstall.get(install.id);
      const verdict = absorbVerdict(target, install.keyHash, deviceId, mayTake);
      if (verdict !== 'take') return verdict;
      removeNumbers(target!.id);
      db.prepare(
        `UPDATE devices SET absorbed_by = ?, retired_at = coalesce(retired_at, ?), numbers = 'removed'
         WHERE id = ?`,
      ).run(deviceId, now, target!.id);
      return { ok: true, absorbed: target!.id };
    },
  );

  const retire = db.transaction((deviceId: string, numbers: 'keep' | 'remove', now: string) => {
    const row = deviceById.get(deviceId);
    if (!row) return null;
    if (numbers === 'remove') removeNumbers(deviceId);
    const kept = numbersAfterRetire(numbers, row.numbers);
    // The token dies at once: authentication reads only devices that are not retired.
    db.prepare('UPDATE devices SET retired_at = coalesce(retired_at, ?), numbers = ? WHERE id = ?').run(
      now,
      kept,
      deviceId,
    );
    return toDevice(deviceById.get(deviceId)!);
  });

  const replaceLocations = db.transaction((list: readonly Location[] | null) => {
    if (list) putSetting.run('locations', JSON.stringify(list));
    else db.prepare("DELETE FROM settings WHERE key = 'locations'").run();
    tree = new Tree(list ?? DEFAULT_LOCATIONS);
    treeVersion += 1;
    putSetting.run('tree_version', JSON.stringify(treeVersion));
    saveConfig({ ...config, version: config.version + 1, defaultLocations: list === null });
    rebuildSums();
    return config;
  });

  const probe = db.prepare(
    "INSERT INTO settings (key, value) VALUES ('health', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );

  return {
    tree: () => tree,
    config: () => config,
    console: sqliteConsole(db),
    async enrol(req) {
      return enrol.immediate(req);
    },
    async deviceByTokenHash(hash) {
      const row = authByHash.get(hash);
      return row ? { id: row.id, tokenHash: row.token_hash, scope: row.scope } : null;
    },
    async putReport(deviceId, period, orgUnit, report, now, { maxPairs }) {
      // IMMEDIATE takes the write lock up front, so a second process (a backup, a tool) cannot make the
      // read-then-write upgrade fail half way.
      return put.immediate(deviceId, period, orgUnit, report, now, maxPairs);
    },
    async tallies(period, orgUnits) {
      // One read transaction: the device counts and the sums come from the same snapshot.
      return readTallies.deferred(period, orgUnits);
    },
    async absorb(deviceId, install, mayTake, now) {
      return absorb.immediate(deviceId, install, mayTake, now);
    },
    async setStatus(deviceId, s, now) {
      db.prepare(
        `UPDATE devices SET last_heard_at = ?, app_version = ?, pending = ?, oldest_pending_period = ?,
         synced_at = ? WHERE id = ?`,
      ).run(now, s.appVersion, s.pending, s.oldestPendingPeriod, s.syncedAt, deviceId);
    },
    async devices() {
      return get<DeviceRow>('SELECT * FROM devices ORDER BY enrolled_at DESC, id').all().map(toDevice);
    },
    async retire(deviceId, numbers, now) {
      return retire.immediate(deviceId, numbers, now);
    },
    async addCode(c) {
      db.prepare(
        `INSERT INTO enrolment_codes (id, code_hash, label, org_unit, expires_at, max_uses, uses, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
      ).run(c.id, c.hash, c.label, c.orgUnit, c.expiresAt, c.maxUses, c.createdAt);
    },
    async codes() {
      return get<CodeRow>('SELECT * FROM enrolment_codes ORDER BY created_at DESC, id').all().map(toCode);
    },
    async revokeCode(id, now) {
      db.prepare('UPDATE enrolment_codes SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').run(now, id);
      const row = get<CodeRow>('SELECT * FROM enrolment_codes WHERE id = ?').get(id);
      return row ? toCode(row) : null;
    },
    async locationsInUse(list) {
      const used = db
        .prepare<[], string>(
          `SELECT DISTINCT org_unit FROM reports
           UNION SELECT scope FROM devices WHERE scope IS NOT NULL AND retired_at IS NULL
           UNION SELECT org_unit FROM enrolment_codes WHERE org_unit IS NOT NULL AND revoked_at IS NULL`,
        )
        .pluck()
        .all();
      return missingCodes(list, used);
    },
    async replaceLocations(list) {
      return replaceLocations.immediate(list);
    },
    async updateConfig(patch) {
      db.transaction(() => saveConfig({ ...config, ...patch, version: config.version + 1 })).immediate();
      return config;
    },
    async healthy() {
      // A write, not only a read: a full disk or a read-only file must make the server unhealthy.
      try {
        if (!db.open) return false;
        // Asked often by a load balancer: wait for the write lock a moment, not the requests' 5 s.
        const wait = db.pragma('busy_timeout', { simple: true }) as number;
        db.pragma('busy_timeout = 200');
        try {
          probe.run(JSON.stringify(randomBytes(4).toString('hex')));
        } finally {
          db.pragma(`busy_timeout = ${wait}`);
        }
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/** The console's tables (migrations 4 and 5) on SQLite. */
function sqliteConsole(db: Db): ConsoleData {
  const account = (sql: string) => db.prepare<unknown[], AccountRow>(sql);
  const insertAccount = account(
    `INSERT INTO console_accounts (username, password_hash, role, scope, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (username) DO NOTHING RETURNING *`,
  );
  const byName = account('SELECT * FROM console_accounts WHERE username = ?');
  const byId = account('SELECT * FROM console_accounts WHERE id = ?');
  const all = account('SELECT * FROM console_accounts ORDER BY username');
  const remove = db.prepare('DELETE FROM console_accounts WHERE id = ?');
  const setHash = db.prepare('UPDATE console_accounts SET password_hash = ? WHERE id = ?');
  const endAll = db.prepare('DELETE FROM console_sessions WHERE account_id = ?');
  const insertSession = db.prepare(
    'INSERT INTO console_sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const sweep = db.prepare('DELETE FROM console_sessions WHERE expires_at <= ?');
  const sessionAccount = account(
    `SELECT a.* FROM console_sessions s JOIN console_accounts a ON a.id = s.account_id
     WHERE s.token_hash = ? AND s.expires_at > ?`,
  );
  const endSession = db.prepare('DELETE FROM console_sessions WHERE token_hash = ?');
  const reports = db.prepare<[string, string], ReportPlaceRow>(
    'SELECT device_id, period, org_unit, received_at FROM reports WHERE period BETWEEN ? AND ?',
  );
  const lastReceived = db.prepare<[], { device_id: string; at: string }>(
    'SELECT device_id, max(received_at) AS at FROM reports GROUP BY device_id',
  );
  const places = db.prepare<[], { device_id: string; org_unit: string }>(
    'SELECT DISTINCT device_id, org_unit FROM reports',
  );
  const readDhis2 = db.prepare<[], { base_url: string; token: string; updated_at: string }>(
    'SELECT base_url, token, updated_at FROM console_dhis2 WHERE id = 1',
  );
  const writeDhis2 = db.prepare(
    `INSERT INTO console_dhis2 (id, base_url, token, updated_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET base_url = excluded.base_url, token = excluded.token,
       updated_at = excluded.updated_at`,
  );
  const log = db.prepare(
    `INSERT INTO console_push_log (at, account, period, org_unit, dry_run, ok, summary, sent)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const lastGood = db.prepare<[string, string, number], { at: string; sent: string | null }>(
    `SELECT at, sent FROM console_push_log WHERE period = ? AND org_unit = ? AND dry_run = ? AND ok = 1
     ORDER BY id DESC LIMIT 1`,
  );
  const recent = db.prepare<[number], PushRow>(
    `SELECT id, at, account, period, org_unit, dry_run, ok, summary, sent FROM console_push_log
     ORDER BY id DESC LIMIT ?`,
  );
  const one = (r: AccountRow | undefined) => (r ? toAccount(r) : null);

  return {
    async addAccount(a) {
      return one(insertAccount.get(a.username, a.passwordHash, a.role, a.scope, a.createdAt));
    },
    async accountByName(username) {
      return one(byName.get(username));
    },
    async accountById(id) {
      return one(byId.get(id));
    },
    async accounts() {
      return all.all().map(toAccount);
    },
    async removeAccount(id) {
      return remove.run(id).changes > 0;
    },
    async setPasswordHash(id, hash) {
      db.transaction(() => {
        setHash.run(hash, id);
        endAll.run(id);
      }).immediate();
    },
    async openSession(x) {
      db.transaction(() => {
        sweep.run(x.createdAt);
        insertSession.run(x.tokenHash, x.accountId, x.createdAt, x.expiresAt);
      }).immediate();
    },
    async sessionAccount(tokenHash, now) {
      return one(sessionAccount.get(tokenHash, now));
    },
    async closeSession(tokenHash) {
      endSession.run(tokenHash);
    },
    async reportsBetween(from, to) {
      return reports.all(from, to).map(toReportRow);
    },
    async lastReceived() {
      return new Map(lastReceived.all().map((r) => [r.device_id, r.at]));
    },
    async placesOf() {
      return placesByDevice(places.all());
    },
    async dhis2Settings() {
      const r = readDhis2.get();
      return r ? { baseUrl: r.base_url, token: r.token, updatedAt: r.updated_at } : null;
    },
    async saveDhis2Settings(x) {
      writeDhis2.run(x.baseUrl, x.token, x.updatedAt);
    },
    async logPush(entry) {
      log.run(...pushColumns(entry));
    },
    async lastGoodPush(period, orgUnit, dryRun) {
      return lastGood.get(period, orgUnit, dryRun ? 1 : 0) ?? null;
    },
    async pushLog(limit) {
      return recent.all(limit).map(toPush);
    },
  };
}
