// The Store on PostgreSQL (pg 8), for deployments that outgrow one process (SPEC §13): several servers behind a
// load balancer share one database, replicated and backed up with PostgreSQL's own tools. The same tables and
// the same arithmetic as sqlite-store.ts, in PostgreSQL's SQL. Concurrency, because requests now interleave:
// - every write of a device locks its `devices` row first (FOR UPDATE), so a device's replaces are serial and
//   "compare the revision, then adjust the sums" cannot double-count;
// - sums and reach rows are upserted in one global order (location, indicator, breakdown), so two devices'
//   transactions touching the same rows wait for each other instead of deadlocking; a deadlock or
//   serialisation failure all the same is retried;
// - a report write holds a shared advisory lock on the tree, a tree replace the exclusive one: no report is
//   summed along a lineage that another process has just replaced. Processes reload the tree when it changed.
//   (An advisory lock, not FOR SHARE on the version row: shared row locks on one hot row cost a MultiXact and
//   a WAL write each, and halved ingest.)
import pg from 'pg';
import type { Location } from '../src/locations/locations';
import type { Disaggregation } from '../src/sync/protocol';
import { MIGRATIONS, type Migration } from './migrations';
import {
  type CodeRow,
  cellDelta,
  type DeviceRow,
  type StoredCell,
  storedCells,
  toCode,
  toDevice,
} from './rows';
import type { AbsorbResult, ConfigState, EnrolResult, PutResult, Store, Tally } from './store';
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

const DEFAULT_CONFIG: ConfigState = {
  version: 1,
  homeCountry: null,
  thresholds: null,
  dhis2Mapping: null,
  defaultLocations: true,
};

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
      await applyCells(
        c,
        r.period,
        r.org_unit,
        r.cells.map(([i, g, v]) => [i, g, -v]),
      );
      await addReach(c, r.period, r.org_unit, deviceId, -1);
    }
    await c.query('DELETE FROM reach WHERE device_id = $1 AND reports <= 0', [deviceId]);
    await c.query('DELETE FROM reports WHERE device_id = $1', [deviceId]);
    await c.query('UPDATE devices SET pairs = 0 WHERE id = $1', [deviceId]);
  }

  async function rebuildSums(c: Client) {
    await c.query('LOCK TABLE sums, reach IN EXCLUSIVE MODE');
    await c.query('DELETE FROM sums');
    await c.query('DELETE FROM reach');
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
          if (!code || code.revoked_at) return { ok: false, error: 'wrong_enrolment_code' };
          if (code.expires_at && code.expires_at <= req.now)
            return { ok: false, error: 'enrolment_code_expired' };
          if (code.max_uses !== null && code.uses >= code.max_uses)
            return { ok: false, error: 'enrolment_code_used_up' };
          scope = code.org_unit;
          codeId = code.id;
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
          if (!known.install_key_hash || !req.install!.keyHash.equals(known.install_key_hash))
            return { ok: false, error: 'install_conflict' };
          if (known.absorbed_by) return { ok: false, error: 'install_absorbed' };
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
      // Five round trips: BEGIN; the locks; the stored report; every write in one statement; COMMIT.
      // Only `sums` rows are shared between devices, and they are written in one global order.
      return tx(async (c): Promise<PutResult> => {
        // The device's row lock first, then (a new snapshot, under READ COMMITTED) its stored report: read in
        // the locking statement, the report could be one a transaction that held the lock has since replaced.
        const locked = (
          await c.query<{ tv: string | null; pairs: number }>(
            `SELECT pg_advisory_xact_lock_shared($1) AS locked,
               (SELECT value FROM settings WHERE key = 'tree_version') AS tv, pairs
             FROM devices WHERE id = $2 FOR UPDATE`,
            [TREE_LOCK, deviceId],
          )
        ).rows[0];
        if (!locked) throw new Error(`no device ${deviceId}`);
        if (Number(locked.tv ?? 1) !== treeVersion) await refresh(c, '', false);
        const state = {
          pairs: locked.pairs,
          ...((
            await c.query<{ revision: number; cells: StoredCell[] }>(
              'SELECT revision, cells FROM reports WHERE period = $1 AND org_unit = $2 AND device_id = $3',
              [period, orgUnit, deviceId],
            )
          ).rows[0] ?? { revision: null, cells: null }),
        };
        const stored = state.revision;
        if (stored !== null && report.revision < stored) return { status: 'stale', currentRevision: stored };
        if (stored === report.revision) return { status: 'unchanged', revision: stored };
        const fresh = stored === null;
        if (fresh && state.pairs >= maxPairs) return { status: 'too_many_pairs', limit: maxPairs };
        const cells = storedCells(report);
        const delta = cellDelta(state.cells ?? [], cells);
        await c.query(
          `WITH pairs AS (
             UPDATE devices SET pairs = pairs + 1 WHERE id = $3 AND $8::boolean RETURNING 1
           ), reached AS (
             INSERT INTO reach (period, org_unit, device_id, reports)
             SELECT $1, a.code, $3, 1 FROM jsonb_array_elements_text($9::jsonb) AS a(code) WHERE $8::boolean
             ORDER BY 2
             ON CONFLICT (period, org_unit, device_id) DO UPDATE SET reports = reach.reports + 1
             RETURNING 1
           ), stored AS (
             INSERT INTO reports (period, org_unit, device_id, revision, generated_at, received_at, cells)
             VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
             ON CONFLICT (period, org_unit, device_id) DO UPDATE SET
               revision = excluded.revision, generated_at = excluded.generated_at,
               received_at = excluded.received_at, cells = excluded.cells
             RETURNING 1
           )
           INSERT INTO sums (period, org_unit, indicator, disaggregation, value)
           SELECT $1, a.code, x ->> 0, x ->> 1, (x ->> 2)::bigint
           FROM jsonb_array_elements_text($9::jsonb) AS a(code), jsonb_array_elements($10::jsonb) AS x
           ORDER BY 2, 3, 4
           ON CONFLICT (period, org_unit, indicator, disaggregation)
           DO UPDATE SET value = sums.value + excluded.value`,
          [
            period,
            orgUnit,
            deviceId,
            report.revision,
            report.generatedAt,
            now,
            JSON.stringify(cells),
            fresh,
            JSON.stringify(tree.lineage(orgUnit)),
            JSON.stringify(delta),
          ],
        );
        return { status: 'stored', revision: report.revision };
      });
    },

    async tallies(period, orgUnits) {
      // One snapshot: the device counts and the sums agree.
      return tx(async (c): Promise<Tally[]> => {
        const sums = await c.query<{
          org_unit: string;
          indicator: string;
          disaggregation: string;
          value: number;
        }>(
          `SELECT org_unit, indicator, disaggregation, value FROM sums
           WHERE period = $1 AND org_unit = ANY($2::text[]) AND value > 0
           ORDER BY indicator COLLATE "C", disaggregation COLLATE "C"`,
          [period, orgUnits],
        );
        const counts = await c.query<{ org_unit: string; n: number }>(
          `SELECT org_unit, count(*) AS n FROM reach WHERE period = $1 AND org_unit = ANY($2::text[])
           GROUP BY org_unit`,
          [period, orgUnits],
        );
        const devices = new Map(counts.rows.map((r) => [r.org_unit, r.n]));
        const values = new Map<string, Tally['values']>(orgUnits.map((o) => [o, []]));
        for (const r of sums.rows) {
          values.get(r.org_unit)!.push({
            indicator: r.indicator as Tally['values'][number]['indicator'],
            disaggregation: JSON.parse(r.disaggregation) as Disaggregation,
            value: r.value,
          });
        }
        return orgUnits.map((orgUnit) => ({
          orgUnit,
          devices: devices.get(orgUnit) ?? 0,
          values: values.get(orgUnit)!,
        }));
      }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    },

    async absorb(deviceId, install, mayTake, now) {
      return tx(async (c): Promise<AbsorbResult> => {
        await lockTree(c, true);
        await refresh(c, '', false);
        const target = (
          await c.query<DeviceRow>('SELECT * FROM devices WHERE install_id = $1 FOR UPDATE', [install.id])
        ).rows[0];
        if (!target) return { ok: true, absorbed: null };
        if (!target.install_key_hash || !install.keyHash.equals(target.install_key_hash))
          return { ok: false, error: 'install_conflict' };
        if (target.id === deviceId) return { ok: false, error: 'cannot_absorb_self' };
        if (target.absorbed_by) return { ok: true, absorbed: target.id };
        if (!mayTake(target.scope)) return { ok: false, error: 'out_of_scope' };
        await removeNumbers(c, target.id);
        await c.query(
          `UPDATE devices SET absorbed_by = $1, retired_at = coalesce(retired_at, $2), numbers = 'removed'
           WHERE id = $3`,
          [deviceId, now, target.id],
        );
        return { ok: true, absorbed: target.id };
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
        const kept = numbers === 'keep' && row.numbers !== 'removed' ? 'kept' : 'removed';
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
