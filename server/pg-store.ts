// The Store on PostgreSQL (pg 8), for deployments that outgrow one process (SPEC §13): several servers behind a
// load balancer share one database, replicated and backed up with PostgreSQL's own tools. The same tables and
// the same arithmetic as sqlite-store.ts, in PostgreSQL's SQL. Concurrency, because requests now interleave:
// - a report write is a read, then one statement that writes only if what was read still holds (the revision,
//   the tree version; `putStatement`), else it is read and tried again: no transaction spans a round trip, so
//   the rows every device shares (a province's sums) are locked only while that statement runs;
// - that statement locks the device's row first, so a device's writes, its retirement and its absorption
//   (which lock it too) are serial and "compare the revision, then adjust the sums" cannot double-count;
// - sums and reach rows are upserted in one global order (location, indicator, breakdown), so two devices'
//   statements touching the same rows wait for each other instead of deadlocking; a deadlock or
//   serialisation failure all the same is retried;
// - a tree replace holds the exclusive advisory lock on the tree (retire and absorb the shared one) and locks
//   the kept tables for its rebuild, so no report is summed along a lineage another process has just
//   replaced: a report statement waits for the rebuild and then finds the tree version changed. Processes
//   reload the tree when it changed.
import pg from 'pg';
import type { Location } from '../src/locations/locations';
import { MIGRATIONS, type Migration } from './migrations';
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
  type SumRow,
  toValue,
} from './rules';
import type { AbsorbResult, ConfigState, ConsoleData, EnrolResult, Store, Tally } from './store';
import { missingCodes } from './store';
import { DEFAULT_LOCATIONS, Tree } from './tree';

type Client = pg.PoolClient;

/** bigint (sums, counts) as a JS number: exact below 2^53, far above any count here. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20
      ? (v: string) => Number(v)
      : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as never,
};

const RETRYABLE = new Set(['40P01', '40001']);

export interface PgOptions {
  /** Connections this process may hold open. */
  poolSize: number;
  /** `full`: every commit waits for its WAL flush (synchronous_commit=on); `normal`: it does not (README). */
  sync: 'normal' | 'full';
}

/** The advisory lock the tree is guarded by (any constant no other application on the database uses). */
const TREE_LOCK = 7460202;

/** Applies every migration newer than the database, each in its own transaction, under an advisory lock so
 * several processes starting at once apply each one once. */
export async function migratePg(client: Client, migrations: readonly Migration[] = MIGRATIONS) {
  await client.query('SELECT pg_advisory_lock(7460201)');
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
    const current = Number(
      (await client.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations')).rows[0].v,
    );
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new Error(
        `database schema is version ${current}, this server knows up to ${latest}: upgrade the server`,
      );
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      if (!m.postgres) throw new Error(`migration ${m.version} has no PostgreSQL version`);
      await client.query('BEGIN');
      try {
        await client.query(m.postgres);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(7460201)');
  }
}

/**
 * The one statement that stores a report and adjusts every kept number, or does nothing (`stored` false) when
 * what its caller read has changed: `fresh`, a new pair ($8: the pair limit, counted again here) that must
 * still be absent; otherwise a replace of revision $8 that must still be stored. $11: the tree version the
 * lineage $9 was read from. The device's row is locked first, for the statement only: a device's writes, its
 * retirement and its absorption are serial, and a write that waited finds the report it read gone and is
 * tried again. A tree replace locks `sums` for its rebuild, so this statement waits for it at
 * parse time and its snapshot then sees the new version. Rows shared between devices (`sums`,
 * `devices_under`) are written in one global order, so two such statements wait rather than deadlock.
 */
function putStatement(fresh: boolean): string {
  const store = fresh
    ? `INSERT INTO reports (period, org_unit, device_id, revision, generated_at, received_at, cells)
       SELECT $1, $2, $3, $4, $5, $6, $7::jsonb FROM dev, tree WHERE dev.pairs < $8::integer
       ON CONFLICT (period, org_unit, device_id) DO NOTHING
       RETURNING 1`
    : `UPDATE reports SET revision = $4, generated_at = $5, received_at = $6, cells = $7::jsonb
       FROM dev, tree
       WHERE period = $1 AND org_unit = $2 AND device_id = $3 AND revision = $8::bigint
       RETURNING 1`;
  const firstReport = fresh
    ? `, pairs AS (
         UPDATE devices SET pairs = pairs + 1 WHERE id = $3 AND EXISTS (SELECT 1 FROM stored) RETURNING 1
       ), reached AS (
         INSERT INTO reach (period, org_unit, device_id, reports)
         SELECT $1, a.code, $3, 1 FROM jsonb_array_elements_text($9::jsonb) AS a(code)
         WHERE EXISTS (SELECT 1 FROM stored)
         ORDER BY 2
         ON CONFLICT (period, org_unit, device_id) DO UPDATE SET reports = reach.reports + 1
         RETURNING org_unit, (xmax = 0) AS inserted
       ), counted AS (
         INSERT INTO devices_under (period, org_unit, devices)
         SELECT $1, org_unit, 1 FROM reached WHERE inserted ORDER BY 2
         ON CONFLICT (period, org_unit) DO UPDATE SET devices = devices_under.devices + 1
         RETURNING 1
       )`
    : '';
  return `WITH dev AS (
      SELECT pairs FROM devices WHERE id = $3 FOR UPDATE
    ), tree AS (
      SELECT 1 FROM settings WHERE key = 'tree_version' AND value = $11
    ), stored AS (${store})${firstReport}, summed AS (
      INSERT INTO sums (period, org_unit, indicator, disaggregation, value)
      SELECT $1, a.code, x ->> 0, x ->> 1, (x ->> 2)::bigint
      FROM jsonb_array_elements_text($9::jsonb) AS a(code), jsonb_array_elements($10::jsonb) AS x
      WHERE EXISTS (SELECT 1 FROM stored)
      ORDER BY 2, 3, 4
      ON CONFLICT (period, org_unit, indicator, disaggregation) DO UPDATE SET value = sums.value + excluded.value
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM stored) AS stored, (SELECT count(*) FROM summed) AS cells`;
}

export async function createPgStore(url: string, { poolSize, sync }: PgOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    // A database that has gone away must make requests (and health) fail fast, not hang.
    connectionTimeoutMillis: 5_000,
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
    options: `-c synchronous_commit=${sync === 'full' ? 'on' : 'off'}`,
  });
  // An idle connection's error (the database restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  let closed = false;

  const setup = await pool.connect();
  try {
    await migratePg(setup);
    await setup.query(
      `INSERT INTO settings (key, value) VALUES ('tree_version', '1'), ('config', $1)
       ON CONFLICT (key) DO NOTHING`,
      [JSON.stringify(DEFAULT_CONFIG)],
    );
  } finally {
    setup.release();
  }

  let config: ConfigState = DEFAULT_CONFIG;
  let tree = new Tree(DEFAULT_LOCATIONS);
  let treeVersion = 0;

  const setting = async <T>(c: Client | pg.Pool, key: string, lock = ''): Promise<T | undefined> => {
    const r = await c.query(`SELECT value FROM settings WHERE key = $1 ${lock}`, [key]);
    return r.rows[0] ? (JSON.parse(r.rows[0].value) as T) : undefined;
  };
  const putSetting = (c: Client, key: string, value: unknown) =>
    c.query(
      `INSERT INTO settings (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [key, JSON.stringify(value)],
    );

  /**
   * Reads the tree again when another process (or this one) replaced it. `withConfig`: the settings too (the
   * poll and admin changes); a report write needs only the tree, one query.
   */
  async function refresh(c: Client | pg.Pool, lock = '', withConfig = true) {
    const version = (await setting<number>(c, 'tree_version', lock)) ?? 1;
    if (version !== treeVersion) {
      tree = new Tree((await setting<Location[]>(c, 'locations')) ?? DEFAULT_LOCATIONS);
      treeVersion = version;
      withConfig = true;
    }
    if (withConfig) config = (await setting<ConfigState>(c, 'config')) ?? DEFAULT_CONFIG;
  }

  async function tx<T>(work: (c: Client) => Promise<T>, mode = 'BEGIN'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const c = await pool.connect();
      try {
        await c.query(mode);
        const result = await work(c);
        await c.query('COMMIT');
        return result;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        if (attempt < 5 && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
        throw err;
      } finally {
        c.release();
      }
    }
  }

  const lockTree = (c: Client, shared: boolean) =>
    c.query(shared ? 'SELECT pg_advisory_xact_lock_shared($1)' : 'SELECT pg_advisory_xact_lock($1)', [
      TREE_LOCK,
    ]);

  const rebuildIfNeeded = async () => {
    await tx(async (c) => {
      await lockTree(c, false);
      await refresh(c);
      if ((await setting<number>(c, 'sums_version')) !== treeVersion) await rebuildSums(c);
    });
  };

  async function applyCells(c: Client, period: string, orgUnit: string, cells: readonly StoredCell[]) {
    if (!cells.length) return;
    await c.query(
      `INSERT INTO sums (period, org_unit, indicator, disaggregation, value)
       SELECT $1, a.code, x ->> 0, x ->> 1, (x ->> 2)::bigint
       FROM jsonb_array_elements_text($2::jsonb) AS a(code), jsonb_array_elements($3::jsonb) AS x
       ORDER BY 2, 3, 4
       ON CONFLICT (period, org_unit, indicator, disaggregation) DO UPDATE SET value = sums.value + excluded.value`,
      [period, JSON.stringify(tree.lineage(orgUnit)), JSON.stringify(cells)],
    );
  }

  async function addReach(c: Client, period: string, orgUnit: string, deviceId: string, n: number) {
    await c.query(
      `INSERT INTO reach (period, org_unit, device_id, reports)
       SELECT $1, a.code, $3, $4 FROM jsonb_array_elements_text($2::jsonb) AS a(code) ORDER BY 2
       ON CONFLICT (period, org_unit, device_id) DO UPDATE SET reports = reach.reports + excluded.reports`,
      [period, JSON.stringify(tree.lineage(orgUnit)), deviceId, n],
    );
  }

  async function removeNumbers(c: Client, deviceId: string) {
    const reports = await c.query<{ period: string; org_unit: string; cells: StoredCell[] }>(
      'SELECT period, org_unit, cells FROM reports WHERE device_id = $1 ORDER BY period, org_unit',
      [deviceId],
    );
    for (const r of reports.rows) {
      await applyCells(c, r.period, r.org_unit, negated(r.cells));
      await addReach(c, r.period, r.org_unit, deviceId, -1);
    }
    await c.query(
      `UPDATE devices_under u SET devices = u.devices - 1 FROM reach r
       WHERE r.device_id = $1 AND r.reports <= 0 AND u.period = r.period AND u.org_unit = r.org_unit`,
      [deviceId],
    );
    await c.query('DELETE FROM reach WHERE device_id = $1 AND reports <= 0', [deviceId]);
    await c.query('DELETE FROM reports WHERE device_id = $1', [deviceId]);
    await c.query('UPDATE devices SET pairs = 0 WHERE id = $1', [deviceId]);
  }

  async function rebuildSums(c: Client) {
    await c.query('LOCK TABLE sums, reach, devices_under IN EXCLUSIVE MODE');
    await c.query('DELETE FROM sums');
    await c.query('DELETE FROM reach');
    await c.query('DELETE FROM devices_under');
    const codes: string[] = [];
    const above: string[] = [];
    for (const l of tree.list)
      for (const a of tree.lineage(l.code)) {
        codes.push(l.code);
        above.push(a);
      }
    await c.query('CREATE TEMP TABLE lineage (code text NOT NULL, above text NOT NULL) ON COMMIT DROP');
    await c.query('INSERT INTO lineage SELECT * FROM unnest($1::text[], $2::text[])', [codes, above]);
    await c.query(`
      INSERT INTO sums (period, org_unit, indicator, disaggregation, value)
      SELECT r.period, l.above, x ->> 0, x ->> 1, sum((x ->> 2)::bigint)
      FROM reports r JOIN lineage l ON l.code = r.org_unit, jsonb_array_elements(r.cells) x
      GROUP BY 1, 2, 3, 4`);
    await c.query(`
      INSERT INTO reach (period, org_unit, device_id, reports)
      SELECT r.period, l.above, r.device_id, count(*)
      FROM reports r JOIN lineage l ON l.code = r.org_unit GROUP BY 1, 2, 3`);
    await c.query(`
      INSERT INTO devices_under (period, org_unit, devices)
      SELECT period, org_unit, count(*) FROM reach GROUP BY 1, 2`);
    await putSetting(c, 'sums_version', treeVersion);
  }

  await rebuildIfNeeded();
  // Another process may change the tree or the settings: look every few seconds (writes check on their own).
  const poll = setInterval(() => {
    if (!closed) refresh(pool).catch(() => {});
  }, 2_000);
  poll.unref();

  const deviceRow = async (c: Client | pg.Pool, id: string, lock = '') =>
    (await c.query<DeviceRow>(`SELECT * FROM devices WHERE id = $1 ${lock}`, [id])).rows[0];

  return {
    tree: () => tree,
    config: () => config,
    console: pgConsole(pool, tx),

    async enrol(req) {
      return tx(async (c): Promise<EnrolResult> => {
        let scope: string | null = null;
        let codeId: string | null = null;
        if (!req.code.bootstrap) {
          const code = (
            await c.query<CodeRow>('SELECT * FROM enrolment_codes WHERE code_hash = $1 FOR UPDATE', [
              req.code.hash,
            ])
          ).rows[0];
          const refused = codeRefusal(code, req.now);
          if (refused) return refused;
          scope = code!.org_unit;
          codeId = code!.id;
        }
        const known = req.install
          ? (
              await c.query<DeviceRow>('SELECT * FROM devices WHERE install_id = $1 FOR UPDATE', [
                req.install.id,
              ])
            ).rows[0]
          : undefined;
        const useCode = () =>
          codeId ? c.query('UPDATE enrolment_codes SET uses = uses + 1 WHERE id = $1', [codeId]) : null;
        if (known) {
          const refused = installRefusal(known, req.install!.keyHash);
          if (refused) return refused;
          await useCode();
          await c.query(
            `UPDATE devices SET token_hash = $1, label = $2, scope = $3, code_id = $4, retired_at = NULL,
             numbers = NULL WHERE id = $5`,
            [req.tokenHash, req.label, scope, codeId, known.id],
          );
          return { ok: true, deviceId: known.id, scope, resend: known.numbers === 'removed' };
        }
        await useCode();
        // Two enrolments of one new installation at once: the unique index makes the second wait, then fail.
        await c.query(
          `INSERT INTO devices (id, label, token_hash, enrolled_at, install_id, install_key_hash, scope, code_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            req.newDeviceId,
            req.label,
            req.tokenHash,
            req.now,
            req.install?.id ?? null,
            req.install?.keyHash ?? null,
            scope,
            codeId,
          ],
        );
        return { ok: true, deviceId: req.newDeviceId, scope, resend: true };
      });
    },

    async deviceByTokenHash(hash) {
      const r = await pool.query<{ id: string; token_hash: Buffer; scope: string | null }>(
        'SELECT id, token_hash, scope FROM devices WHERE token_hash = $1 AND retired_at IS NULL',
        [hash],
      );
      const row = r.rows[0];
      return row ? { id: row.id, tokenHash: row.token_hash, scope: row.scope } : null;
    },

    async putReport(deviceId, period, orgUnit, report, now, { maxPairs }) {
      // Two round trips and no transaction of ours: a read of what is stored, then every write in one
      // statement that does nothing unless what was read still holds (the same revision, or still no report;
      // the same tree). Row locks are then held only while that statement runs in PostgreSQL, never across a
      // round trip to this process, so the busiest `sums` rows (a province's) are not held while Node is busy
      // elsewhere. A statement that finds its condition gone (another request of the same device, a tree
      // replace) is read and tried again.
      for (let attempt = 1; ; attempt++) {
        const state = (
          await pool.query<{
            tv: string | null;
            pairs: number;
            revision: number | null;
            cells: StoredCell[] | null;
          }>(
            `SELECT (SELECT value FROM settings WHERE key = 'tree_version') AS tv, d.pairs, r.revision, r.cells
             FROM devices d
             LEFT JOIN reports r ON r.period = $1 AND r.org_unit = $2 AND r.device_id = d.id
             WHERE d.id = $3`,
            [period, orgUnit, deviceId],
          )
        ).rows[0];
        if (!state) throw new Error(`no device ${deviceId}`);
        const tv = Number(state.tv ?? 1);
        if (tv !== treeVersion) await refresh(pool, '', false);
        const refused = replaceRefusal(state.revision, report.revision, state.pairs, maxPairs);
        if (refused) return refused;
        const cells = storedCells(report);
        const fresh = state.revision === null;
        const written = await pool
          .query<{ stored: boolean }>(putStatement(fresh), [
            period,
            orgUnit,
            deviceId,
            report.revision,
            report.generatedAt,
            now,
            JSON.stringify(cells),
            fresh ? maxPairs : state.revision,
            JSON.stringify(tree.lineage(orgUnit)),
            JSON.stringify(cellDelta(state.cells ?? [], cells)),
            String(treeVersion),
          ])
          .catch((err: { code?: string }) => {
            // Two devices' statements that met in a deadlock all the same: one of them goes again.
            if (attempt < 20 && RETRYABLE.has(err.code ?? '')) return null;
            throw err;
          });
        if (written?.rows[0]?.stored) return { status: 'stored', revision: report.revision };
        if (attempt >= 20) throw new Error(`report ${deviceId}/${period}/${orgUnit}: kept changing under us`);
      }
    },

    async tallies(period, orgUnits) {
      // One statement, so one snapshot: the device counts and the sums agree, in one round trip.
      const r = await pool.query<{
        org_unit: string;
        indicator: string | null;
        disaggregation: string;
        value: number;
      }>(
        `SELECT * FROM (
           SELECT org_unit, indicator, disaggregation, value FROM sums
           WHERE period = $1 AND org_unit = ANY($2::text[]) AND value > 0
           UNION ALL
           SELECT org_unit, NULL, NULL, devices FROM devices_under
           WHERE period = $1 AND org_unit = ANY($2::text[])
         ) t ORDER BY indicator COLLATE "C", disaggregation COLLATE "C"`,
        [period, orgUnits],
      );
      const devices = new Map<string, number>();
      const values = new Map<string, Tally['values']>(orgUnits.map((o) => [o, []]));
      for (const row of r.rows) {
        if (row.indicator === null) devices.set(row.org_unit, row.value);
        else values.get(row.org_unit)!.push(toValue(row as SumRow));
      }
      return orgUnits.map((orgUnit) => ({
        orgUnit,
        devices: devices.get(orgUnit) ?? 0,
        values: values.get(orgUnit)!,
      }));
    },

    async absorb(deviceId, install, mayTake, now) {
      return tx(async (c): Promise<AbsorbResult> => {
        await lockTree(c, true);
        await refresh(c, '', false);
        const target = (
          await c.query<DeviceRow>('SELECT * FROM devices WHERE install_id = $1 FOR UPDATE', [install.id])
        ).rows[0];
        const verdict = absorbVerdict(target, install.keyHash, deviceId, mayTake);
        if (verdict !== 'take') return verdict;
        await removeNumbers(c, target!.id);
        await c.query(
          `UPDATE devices SET absorbed_by = $1, retired_at = coalesce(retired_at, $2), numbers = 'removed'
           WHERE id = $3`,
          [deviceId, now, target!.id],
        );
        return { ok: true, absorbed: target!.id };
      });
    },

    async setStatus(deviceId, s, now) {
      await pool.query(
        `UPDATE devices SET last_heard_at = $1, app_version = $2, pending = $3, oldest_pending_period = $4,
         synced_at = $5 WHERE id = $6`,
        [now, s.appVersion, s.pending, s.oldestPendingPeriod, s.syncedAt, deviceId],
      );
    },

    async devices() {
      const r = await pool.query<DeviceRow>('SELECT * FROM devices ORDER BY enrolled_at DESC, id');
      return r.rows.map(toDevice);
    },

    async retire(deviceId, numbers, now) {
      return tx(async (c) => {
        await lockTree(c, true);
        await refresh(c, '', false);
        const row = await deviceRow(c, deviceId, 'FOR UPDATE');
        if (!row) return null;
        if (numbers === 'remove') await removeNumbers(c, deviceId);
        const kept = numbersAfterRetire(numbers, row.numbers);
        await c.query(
          'UPDATE devices SET retired_at = coalesce(retired_at, $1), numbers = $2 WHERE id = $3',
          [now, kept, deviceId],
        );
        return toDevice((await deviceRow(c, deviceId))!);
      });
    },

    async addCode(code) {
      await pool.query(
        `INSERT INTO enrolment_codes (id, code_hash, label, org_unit, expires_at, max_uses, uses, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7)`,
        [code.id, code.hash, code.label, code.orgUnit, code.expiresAt, code.maxUses, code.createdAt],
      );
    },
    async codes() {
      const r = await pool.query<CodeRow>('SELECT * FROM enrolment_codes ORDER BY created_at DESC, id');
      return r.rows.map(toCode);
    },
    async revokeCode(id, now) {
      const r = await pool.query<CodeRow>(
        'UPDATE enrolment_codes SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2 RETURNING *',
        [now, id],
      );
      return r.rows[0] ? toCode(r.rows[0]) : null;
    },

    async locationsInUse(list) {
      const r = await pool.query<{ code: string }>(
        `SELECT DISTINCT org_unit AS code FROM reports
         UNION SELECT scope FROM devices WHERE scope IS NOT NULL AND retired_at IS NULL
         UNION SELECT org_unit FROM enrolment_codes WHERE org_unit IS NOT NULL AND revoked_at IS NULL`,
      );
      return missingCodes(
        list,
        r.rows.map((x) => x.code),
      );
    },

    async replaceLocations(list) {
      return tx(async (c) => {
        await lockTree(c, false);
        await refresh(c);
        if (list) await putSetting(c, 'locations', list);
        else await c.query("DELETE FROM settings WHERE key = 'locations'");
        treeVersion += 1;
        tree = new Tree(list ?? DEFAULT_LOCATIONS);
        await putSetting(c, 'tree_version', treeVersion);
        config = { ...config, version: config.version + 1, defaultLocations: list === null };
        await putSetting(c, 'config', config);
        await rebuildSums(c);
        return config;
      });
    },

    async updateConfig(patch) {
      return tx(async (c) => {
        const now = (await setting<ConfigState>(c, 'config', 'FOR UPDATE')) ?? DEFAULT_CONFIG;
        config = { ...now, ...patch, version: now.version + 1 };
        await putSetting(c, 'config', config);
        return config;
      });
    },

    async healthy() {
      if (closed) return false;
      try {
        // A write, not only a read: a read-only replica or a full disk must make this server unhealthy.
        await tx(async (c) => {
          // Asked often by a load balancer: a held lock or a stuck database answers "no" within a second.
          await c.query("SET LOCAL lock_timeout = '1s'");
          await c.query("SET LOCAL statement_timeout = '2s'");
          await c.query(
            `INSERT INTO settings (key, value) VALUES ('health', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
            [JSON.stringify(new Date().toISOString())],
          );
        });
        return true;
      } catch {
        return false;
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(poll);
      await pool.end();
    },
  };
}

/** The console's tables (migrations 4 and 5) on PostgreSQL. */
function pgConsole(pool: pg.Pool, tx: <T>(work: (c: Client) => Promise<T>) => Promise<T>): ConsoleData {
  const rows = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    (await pool.query<T>(sql, params)).rows;
  const one = async (sql: string, params: unknown[]) => {
    const r = (await rows<AccountRow>(sql, params))[0];
    return r ? toAccount(r) : null;
  };
  return {
    addAccount: (a) =>
      one(
        `INSERT INTO console_accounts (username, password_hash, role, scope, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING *`,
        [a.username, a.passwordHash, a.role, a.scope, a.createdAt],
      ),
    accountByName: (username) => one('SELECT * FROM console_accounts WHERE username = $1', [username]),
    accountById: (id) => one('SELECT * FROM console_accounts WHERE id = $1', [id]),
    async accounts() {
      return (await rows<AccountRow>('SELECT * FROM console_accounts ORDER BY username COLLATE "C"')).map(
        toAccount,
      );
    },
    async removeAccount(id) {
      return ((await pool.query('DELETE FROM console_accounts WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
    async setPasswordHash(id, hash) {
      await tx(async (c) => {
        await c.query('UPDATE console_accounts SET password_hash = $1 WHERE id = $2', [hash, id]);
        await c.query('DELETE FROM console_sessions WHERE account_id = $1', [id]);
      });
    },
    async openSession(x) {
      await tx(async (c) => {
        await c.query('DELETE FROM console_sessions WHERE expires_at <= $1', [x.createdAt]);
        await c.query(
          'INSERT INTO console_sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
          [x.tokenHash, x.accountId, x.createdAt, x.expiresAt],
        );
      });
    },
    sessionAccount: (tokenHash, now) =>
      one(
        `SELECT a.* FROM console_sessions s JOIN console_accounts a ON a.id = s.account_id
         WHERE s.token_hash = $1 AND s.expires_at > $2`,
        [tokenHash, now],
      ),
    async closeSession(tokenHash) {
      await pool.query('DELETE FROM console_sessions WHERE token_hash = $1', [tokenHash]);
    },
    async reportsBetween(from, to) {
      return (
        await rows<ReportPlaceRow>(
          'SELECT device_id, period, org_unit, received_at FROM reports WHERE period BETWEEN $1 AND $2',
          [from, to],
        )
      ).map(toReportRow);
    },
    async lastReceived() {
      const r = await rows<{ device_id: string; at: string }>(
        'SELECT device_id, max(received_at) AS at FROM reports GROUP BY device_id',
      );
      return new Map(r.map((x) => [x.device_id, x.at]));
    },
    async placesOf() {
      return placesByDevice(
        await rows<{ device_id: string; org_unit: string }>(
          'SELECT DISTINCT device_id, org_unit FROM reports',
        ),
      );
    },
    async dhis2Settings() {
      const r = (
        await rows<{ base_url: string; token: string; updated_at: string }>(
          'SELECT base_url, token, updated_at FROM console_dhis2 WHERE id = 1',
        )
      )[0];
      return r ? { baseUrl: r.base_url, token: r.token, updatedAt: r.updated_at } : null;
    },
    async saveDhis2Settings(x) {
      await pool.query(
        `INSERT INTO console_dhis2 (id, base_url, token, updated_at) VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET base_url = excluded.base_url, token = excluded.token,
           updated_at = excluded.updated_at`,
        [x.baseUrl, x.token, x.updatedAt],
      );
    },
    async logPush(entry) {
      await pool.query(
        `INSERT INTO console_push_log (at, account, period, org_unit, dry_run, ok, summary, sent)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [...pushColumns(entry)],
      );
    },
    async lastGoodPush(period, orgUnit, dryRun) {
      const r = await rows<{ at: string; sent: string | null }>(
        `SELECT at, sent FROM console_push_log WHERE period = $1 AND org_unit = $2 AND dry_run = $3 AND ok = 1
         ORDER BY id DESC LIMIT 1`,
        [period, orgUnit, dryRun ? 1 : 0],
      );
      return r[0] ?? null;
    },
    async pushLog(limit) {
      return (
        await rows<PushRow>(
          `SELECT id, at, account, period, org_unit, dry_run, ok, summary, sent FROM console_push_log
           ORDER BY id DESC LIMIT $1`,
          [limit],
        )
      ).map(toPush);
    },
  };
}
