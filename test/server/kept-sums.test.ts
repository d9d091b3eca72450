// The sums kept as reports arrive (SPEC §13) must always equal a fresh sum of the reports that count. Thousands
// of random replaces, stale retries, retirements (keep and remove), absorbs and re-enrolments go through the
// store; a model of each device's latest reports is summed from scratch over the tree and compared with every
// location's roll-up, at the end and along the way. Seeded, so a failure replays.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/auth';
import { type Cell, canonicalDisaggregation } from '../../src/sync/protocol';
import { loadLocations, type Running, report, startServer } from './helpers';

let s: Running;
beforeEach(async () => {
  s = await startServer();
});
afterEach(() => s.close());

/** mulberry32: small, fast, good enough to shuffle test operations. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TREE = [
  { code: 'C', name: 'Country', parent: null },
  { code: 'P1', name: 'Province 1', parent: 'C' },
  { code: 'P2', name: 'Province 2', parent: 'C' },
  { code: 'D11', name: 'District 11', parent: 'P1' },
  { code: 'D12', name: 'District 12', parent: 'P1' },
  { code: 'D21', name: 'District 21', parent: 'P2' },
];
const PARENT = new Map(TREE.map((l) => [l.code, l.parent]));
const lineage = (code: string) => {
  const out: string[] = [];
  for (let at: string | null | undefined = code; at; at = PARENT.get(at)) out.push(at);
  return out;
};
const PERIODS = ['2026-01', '2026-02', '2026-03'];
const CELLS: Omit<Cell, 'value'>[] = [
  { indicator: 'CHILDREN_IDENTIFIED', disaggregation: { sex: 'female', ageBand: '12-14' } },
  { indicator: 'CHILDREN_IDENTIFIED', disaggregation: { sex: 'male', ageBand: '5-11' } },
  { indicator: 'INSPECTIONS', disaggregation: { hardToReach: 'yes', sector: 'A' } },
  { indicator: 'INSPECTIONS_CL_TOOL', disaggregation: {} },
];

interface ModelDevice {
  id: string;
  install: { id: string; key: string };
  /** period|orgUnit → latest revision and cells; emptied when its numbers leave the sums. */
  reports: Map<string, { revision: number; cells: Cell[] }>;
  retired: boolean;
  absorbed: boolean;
}

describe('kept sums', () => {
  it('equal a fresh sum after thousands of replaces, retirements, absorbs and re-enrolments', async () => {
    await loadLocations(s.url, TREE);
    const store = s.app.store;
    const rnd = random(20260202);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const now = () => new Date().toISOString();
    const devices: ModelDevice[] = [];
    let made = 0;

    async function newDevice() {
      const install = { id: crypto.randomUUID(), key: `k${made++}` };
      const r = await store.enrol({
        code: { bootstrap: true },
        label: `D${made}`,
        install: { id: install.id, keyHash: sha256(install.key) },
        newDeviceId: crypto.randomUUID(),
        tokenHash: sha256(`token-${made}`),
        now: now(),
      });
      if (!r.ok) throw new Error(r.error);
      devices.push({ id: r.deviceId, install, reports: new Map(), retired: false, absorbed: false });
    }

    async function check() {
      for (const period of PERIODS) {
        const codes = TREE.map((l) => l.code);
        const kept = await store.tallies(period, codes);
        for (const t of kept) {
          const fresh = new Map<string, number>();
          const reached = new Set<string>();
          for (const d of devices) {
            for (const [key, r] of d.reports) {
              const [p, orgUnit] = key.split('|') as [string, string];
              if (p !== period || !lineage(orgUnit).includes(t.orgUnit)) continue;
              reached.add(d.id);
              for (const c of r.cells) {
                const k = `${c.indicator}${canonicalDisaggregation(c.disaggregation)}`;
                fresh.set(k, (fresh.get(k) ?? 0) + c.value);
              }
            }
          }
          const got = new Map(
            t.values.map((v) => [`${v.indicator}${canonicalDisaggregation(v.disaggregation)}`, v.value]),
          );
          const want = new Map([...fresh].filter(([, v]) => v > 0));
          expect({ orgUnit: t.orgUnit, period, devices: t.devices, values: Object.fromEntries(got) }).toEqual(
            {
              orgUnit: t.orgUnit,
              period,
              devices: reached.size,
              values: Object.fromEntries(want),
            },
          );
        }
      }
    }

    for (let i = 0; i < 6; i++) await newDevice();
    const OPERATIONS = 3_000;
    for (let op = 0; op < OPERATIONS; op++) {
      const roll = rnd();
      const live = devices.filter((d) => !d.retired);
      if (roll < 0.9) {
        const d = pick(live);
        const period = pick(PERIODS);
        const orgUnit = pick(TREE).code;
        const key = `${period}|${orgUnit}`;
        const had = d.reports.get(key);
        // Mostly the next revision; sometimes a late, stale retry or the same revision again.
        const r = rnd();
        const revision = had ? (r < 0.8 ? had.revision + 1 : r < 0.9 ? had.revision - 1 : had.revision) : 1;
        const cells = CELLS.filter(() => rnd() < 0.6).map((c) => ({
          ...c,
          value: rnd() < 0.15 ? 0 : Math.floor(rnd() * 20),
        }));
        const result = await store.putReport(d.id, period, orgUnit, report(cells, revision) as never, now(), {
          maxPairs: 1_000,
        });
        if (result.status === 'stored') d.reports.set(key, { revision, cells });
        else if (had && revision < had.revision)
          expect(result).toEqual({ status: 'stale', currentRevision: had.revision });
        else expect(result.status).toBe('unchanged');
      } else if (roll < 0.94 && live.length > 2) {
        const d = pick(live);
        const numbers = rnd() < 0.5 ? 'keep' : 'remove';
        await store.retire(d.id, numbers, now());
        d.retired = true;
        if (numbers === 'remove') d.reports.clear();
      } else if (roll < 0.97 && live.length > 2) {
        const [b, a] = [pick(live), pick(devices.filter((x) => !x.absorbed))];
        if (a === b) continue;
        const result = await store.absorb(
          b.id,
          { id: a.install.id, keyHash: sha256(a.install.key) },
          () => true,
          now(),
        );
        expect(result).toEqual({ ok: true, absorbed: a.id });
        a.reports.clear();
        a.retired = true;
        a.absorbed = true;
      } else if (roll < 0.985) {
        // A retired (not absorbed) installation enrols again: same device, its kept reports still its own.
        const back = devices.find((d) => d.retired && !d.absorbed);
        if (back) {
          const r = await store.enrol({
            code: { bootstrap: true },
            label: 'back',
            install: { id: back.install.id, keyHash: sha256(back.install.key) },
            newDeviceId: crypto.randomUUID(),
            tokenHash: sha256(`token-back-${op}`),
            now: now(),
          });
          expect(r).toMatchObject({ ok: true, deviceId: back.id });
          back.retired = false;
        }
      } else {
        await newDevice();
      }
      if (op % 500 === 499) await check();
    }
    await check();
    expect(devices.length).toBeGreaterThan(6);
    expect(devices.some((d) => d.absorbed)).toBe(true);
  }, 120_000);
});
