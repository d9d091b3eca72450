// Bulk data for the server benchmark (SPEC §11, issue "National scale"): a three-level tree (1 country, 20
// provinces, 10 districts each), 20,000 devices spread over the 200 districts, 12 months of reports each with a
// realistic spread of 4–20 cells from a pool of ~400 breakdowns. Loaded straight into the store's tables (not
// through HTTP), with the kept sums computed here once, so loading takes seconds rather than hours.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { openDb } from '../server/db';
import { migratePg } from '../server/pg-store';
import type { StoredCell } from '../server/rows';
import { canonicalDisaggregation, type Disaggregation } from '../src/sync/protocol';

export const COUNTRY = 'BX';
export const PROVINCES = 20;
export const DISTRICTS_PER_PROVINCE = 10;
export const DEVICES = 20_000;
export const MONTHS = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`);

const pad = (n: number) => String(n).padStart(2, '0');
export const provinceCode = (p: number) => `${COUNTRY}-${pad(p + 1)}`;
export const districtCode = (p: number, d: number) => `${provinceCode(p)}-${pad(d + 1)}`;

export function benchTree() {
  const list = [{ code: COUNTRY, name: 'Benchland', parent: null as string | null }];
  for (let p = 0; p < PROVINCES; p++) {
    list.push({ code: provinceCode(p), name: `Province ${p + 1}`, parent: COUNTRY });
    for (let d = 0; d < DISTRICTS_PER_PROVINCE; d++)
      list.push({ code: districtCode(p, d), name: `District ${p + 1}.${d + 1}`, parent: provinceCode(p) });
  }
  return list;
}

export const benchToken = (i: number) => `bench-token-${i}`;
export const deviceIdOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** ~400 breakdowns a district's month may have. */
function cellPool(): [string, string][] {
  const pool: [string, string][] = [];
  const add = (indicator: string, d: Disaggregation) => pool.push([indicator, canonicalDisaggregation(d)]);
  for (const sex of ['female', 'male'])
    for (const ageBand of ['5-11', '12-14', '15-17'])
      for (const nationalityGroup of ['national', 'foreign'])
        for (const category of ['hazardous', 'worst_forms', 'below_minimum_age'])
          for (const sector of ['A', 'C', 'F', 'G', 'I', 'T'])
            add('CHILDREN_IDENTIFIED', { sex, ageBand, nationalityGroup, category, sector });
  for (const hardToReach of ['yes', 'no'])
    for (const sector of ['A', 'C', 'F', 'G', 'I', 'T']) add('INSPECTIONS', { hardToReach, sector });
  for (const sex of ['female', 'male'])
    for (const agency of ['police', 'labour_inspectorate']) add('PEOPLE_TRAINED', { sex, agency });
  add('INSPECTIONS_CL_TOOL', {});
  return pool;
}

/** A tiny deterministic generator, so both stores get the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchData {
  devices: { id: string; tokenHash: Buffer; district: string }[];
  reports: { period: string; orgUnit: string; deviceId: string; cells: string }[];
  sums: Map<string, number>;
  reach: Map<string, number>;
  lineage: Map<string, string[]>;
}

export function generate(): BenchData {
  const tree = benchTree();
  const parent = new Map(tree.map((l) => [l.code, l.parent]));
  const lineage = new Map(
    tree.map((l) => {
      const chain: string[] = [];
      for (let at: string | null | undefined = l.code; at; at = parent.get(at)) chain.push(at);
      return [l.code, chain];
    }),
  );
  const pool = cellPool();
  const rnd = random(7);
  const devices: BenchData['devices'] = [];
  const reports: BenchData['reports'] = [];
  const sums = new Map<string, number>();
  const reach = new Map<string, number>();
  for (let i = 0; i < DEVICES; i++) {
    const p = i % PROVINCES;
    const d = Math.floor(i / PROVINCES) % DISTRICTS_PER_PROVINCE;
    const district = districtCode(p, d);
    const id = deviceIdOf(i);
    devices.push({ id, tokenHash: sha256(benchToken(i)), district });
    for (const period of MONTHS) {
      const n = 4 + Math.floor(rnd() * 17);
      const chosen = new Set<number>();
      while (chosen.size < n) chosen.add(Math.floor(rnd() * pool.length));
      const cells: StoredCell[] = [...chosen].map((k) => [
        pool[k]![0],
        pool[k]![1],
        1 + Math.floor(rnd() * 6),
      ]);
      reports.push({ period, orgUnit: district, deviceId: id, cells: JSON.stringify(cells) });
      for (const above of lineage.get(district)!) {
        reach.set(`${period}\u0000${above}\u0000${id}`, 1);
        for (const [ind, dis, v] of cells) {
          const key = `${period}\u0000${above}\u0000${ind}\u0000${dis}`;
          sums.set(key, (sums.get(key) ?? 0) + v);
        }
      }
    }
  }
  return { devices, reports, sums, reach, lineage };
}

const settingsRows = () => [
  ['locations', JSON.stringify(benchTree())],
  ['tree_version', '2'],
  ['sums_version', '2'],
  [
    'config',
    JSON.stringify({
      version: 2,
      homeCountry: COUNTRY,
      thresholds: null,
      dhis2Mapping: null,
      defaultLocations: false,
    }),
  ],
];

export function loadSqlite(path: string, data: BenchData) {
  const db = openDb(path);
  db.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  db.transaction(() => {
    const dev = db.prepare(
      'INSERT INTO devices (id, label, token_hash, enrolled_at, scope, pairs) VALUES (?, ?, ?, ?, NULL, 12)',
    );
    for (const d of data.devices) dev.run(d.id, `bench ${d.id.slice(-5)}`, d.tokenHash, now);
    const rep = db.prepare(
      `INSERT INTO reports (period, org_unit, device_id, revision, generated_at, received_at, cells)
       VALUES (?, ?, ?, 1, ?, ?, ?)`,
    );
    for (const r of data.reports) rep.run(r.period, r.orgUnit, r.deviceId, now, now, r.cells);
    const sum = db.prepare(
      'INSERT INTO sums (period, org_unit, indicator, disaggregation, value) VALUES (?, ?, ?, ?, ?)',
    );
    for (const [k, v] of data.sums) sum.run(...(k.split('\u0000') as [string, string, string, string]), v);
    const rch = db.prepare('INSERT INTO reach (period, org_unit, device_id, reports) VALUES (?, ?, ?, 1)');
    for (const k of data.reach.keys()) rch.run(...(k.split('\u0000') as [string, string, string]));
    const set = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
    for (const [k, v] of settingsRows()) set.run(k, v);
  })();
  db.exec('ANALYZE');
  db.close();
}

/** Inserts rows in batches through unnest: one statement per few thousand rows. */
async function batched<T>(
  c: pg.ClientBase,
  rows: Iterable<T>,
  sql: string,
  columns: (row: T) => unknown[],
  width: number,
) {
  let batch: unknown[][] = Array.from({ length: width }, () => []);
  let n = 0;
  const flush = async () => {
    if (n) await c.query(sql, batch);
    batch = Array.from({ length: width }, () => []);
    n = 0;
  };
  for (const row of rows) {
    const cols = columns(row);
    for (let i = 0; i < width; i++) batch[i]!.push(cols[i]);
    if (++n === 5_000) await flush();
  }
  await flush();
}

export async function loadPostgres(url: string, data: BenchData) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await migratePg(c as unknown as pg.PoolClient);
    await c.query('SET synchronous_commit = off');
    await c.query('BEGIN');
    const now = new Date().toISOString();
    await batched(
      c,
      data.devices,
      // `now` is this script's own ISO timestamp, not input: safe inside the SQL text.
      `INSERT INTO devices (id, label, token_hash, enrolled_at, pairs)
       SELECT id, 'bench', h, '${now}', 12 FROM unnest($1::text[], $2::bytea[]) AS t(id, h)`,
      (d) => [d.id, d.tokenHash],
      2,
    );
    await batched(
      c,
      data.reports,
      `INSERT INTO reports (period, org_unit, device_id, revision, generated_at, received_at, cells)
       SELECT p, o, d, 1, '${now}', '${now}', x::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       AS t(p, o, d, x)`,
      (r) => [r.period, r.orgUnit, r.deviceId, r.cells],
      4,
    );
    await batched(
      c,
      data.sums,
      `INSERT INTO sums (period, org_unit, indicator, disaggregation, value)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])`,
      ([k, v]) => [...k.split('\u0000'), v],
      5,
    );
    await batched(
      c,
      data.reach.keys(),
      `INSERT INTO reach (period, org_unit, device_id, reports)
       SELECT p, o, d, 1 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(p, o, d)`,
      (k) => k.split('\u0000'),
      3,
    );
    for (const [k, v] of settingsRows())
      await c.query(
        'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [k, v],
      );
    await c.query('COMMIT');
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
}
