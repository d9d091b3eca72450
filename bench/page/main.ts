// The storage benchmark, run inside real Chromium against real IndexedDB: the app's own database, repos and
// tally, with 100,000 records on the device (SPEC §11). Exposed on `window.pelitaBench` for bench/db.ts.
import { caseKind } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { saveRecord } from '../../src/records/repo-core';
import { monthValues } from '../../src/tally/repo';
import { bigInput, makeCase, rng } from '../../test/helpers/golden';

const MONTHS = Array.from(
  { length: 36 },
  (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);

async function seed(total: number) {
  await db.delete();
  await db.open();
  const perMonth = Math.ceil(total / MONTHS.length);
  let n = 0;
  for (const [i, month] of MONTHS.entries()) {
    const input = bigInput(perMonth, month, 100 + i);
    const fresh = <T extends { id: string }>(xs: readonly T[]) =>
      xs.map((x) => ({ ...x, id: crypto.randomUUID() }));
    const cases = fresh(input.cases).map((c) => ({
      ...c,
      caseCode: `KH-12-${month.slice(0, 4)}-${String(++n).padStart(6, '0')}`,
    }));
    await db.transaction('rw', db.cases, db.inspections, db.trainings, db.activities, async () => {
      await db.cases.bulkPut(cases);
      await db.inspections.bulkPut(fresh(input.inspections));
      await db.trainings.bulkPut(fresh(input.trainings));
      await db.activities.bulkPut(fresh(input.activities));
    });
  }
  const counts = await Promise.all([
    db.cases.count(),
    db.inspections.count(),
    db.trainings.count(),
    db.activities.count(),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const everywhere = (o: string) => o.startsWith('KH') || o.startsWith('TH') || o.startsWith('PH');

/**
 * One month's tally for a whole area, as the report screen gets it. The first read of a month that has no
 * stored counts yet (records imported in bulk, or counting rules changed) counts it from its records
 * through the index; every later read uses the stored counts that each save keeps up to date.
 */
async function monthTally(period: string, runs = 9) {
  const t0 = performance.now();
  await monthValues(period, everywhere, 'ASEAN');
  const first = performance.now() - t0;
  // A few saves in that month between reads, as in real use.
  const r = rng(5);
  const times: number[] = [];
  let values = 0;
  for (let i = 0; i < runs; i++) {
    await saveRecord(caseKind, {
      ...makeCase(r, { identifiedOn: `${period}-03`, orgUnit: 'KH-2' }),
      id: crypto.randomUUID(),
      caseCode: `KH-2-2025-8${String(i).padStart(5, '0')}`,
    });
    const t1 = performance.now();
    values = (await monthValues(period, everywhere, 'ASEAN')).length;
    times.push(performance.now() - t1);
  }
  return { first, median: median(times), max: Math.max(...times), values };
}

/** Saving a new case through the repo (schema check, derived fields, outbox and tally, one transaction). */
async function saves(runs = 41) {
  const r = rng(99);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = makeCase(r, { identifiedOn: '2026-06-15', orgUnit: 'KH-12' });
    const t0 = performance.now();
    await saveRecord(caseKind, {
      ...c,
      id: crypto.randomUUID(),
      caseCode: `KH-12-2026-9${String(i).padStart(5, '0')}`,
    });
    times.push(performance.now() - t0);
  }
  return { median: median(times), max: Math.max(...times) };
}

(window as unknown as { pelitaBench: unknown }).pelitaBench = { seed, monthTally, saves };
document.body.dataset.ready = 'true';
