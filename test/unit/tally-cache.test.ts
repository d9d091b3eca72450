// The stored monthly counts must always equal a fresh count of the records: after random creates, edits that
// move records between months and places, deletes and undos, and after the home country changes.
import { beforeEach, describe, expect, it } from 'vitest';
import { activityKind } from '../../src/activities/repo';
import { caseKind } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { inspectionKind } from '../../src/inspections/repo';
import type { RecordBase } from '../../src/records/fields';
import { type RecordKind, saveRecord, softDelete, undoDelete } from '../../src/records/repo-core';
import { saveSetting } from '../../src/settings/repo';
import { loadMonth, monthValues, pairValues } from '../../src/tally/repo';
import { type DataValue, tally, tallyByOrgUnit } from '../../src/tally/tally';
import { trainingKind } from '../../src/trainings/repo';
import {
  MONTHS,
  makeActivity,
  makeCase,
  makeInspection,
  makeTraining,
  ORG_UNITS,
  rng,
} from '../helpers/golden';

const sorted = (values: DataValue[]) =>
  values
    .map((v) => `${v.period} ${v.orgUnit} ${v.indicator} ${JSON.stringify(v.disaggregation)} = ${v.value}`)
    .sort();

async function expectCacheMatchesRecords() {
  for (const period of MONTHS) {
    const fresh = tally(await loadMonth(period), period, {
      within: () => true,
      orgUnit: 'ALL',
      homeCountry: 'KH',
    });
    expect(sorted(await monthValues(period, () => true, 'ALL'))).toEqual(sorted(fresh));
    const byOrgUnit = tallyByOrgUnit(await loadMonth(period), period, { homeCountry: 'KH' });
    for (const orgUnit of ORG_UNITS) {
      expect(sorted(await pairValues(period, orgUnit))).toEqual(sorted(byOrgUnit.get(orgUnit) ?? []));
    }
  }
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  await saveSetting('homeCountry', 'KH');
});

describe('stored tallies', () => {
  it('stay equal to a fresh count through creates, moves, edits, deletes and undos', async () => {
    const r = rng(4242);
    // Read every month once first, so later changes adjust stored counts rather than fill empty months.
    for (const period of MONTHS) await monthValues(period, () => true, 'ALL');
    const kinds = [
      [caseKind, makeCase],
      [inspectionKind, makeInspection],
      [trainingKind, makeTraining],
      [activityKind, makeActivity],
    ] as unknown as Array<[RecordKind<RecordBase>, (r: ReturnType<typeof rng>, over?: object) => RecordBase]>;
    const saved: Array<[RecordKind<RecordBase>, RecordBase]> = [];
    for (let step = 0; step < 120; step++) {
      const roll = r.next();
      if (roll < 0.5 || saved.length === 0) {
        const [kind, make] = r.pick(kinds);
        const record = make(r);
        saved.push([
          kind,
          await saveRecord(kind, {
            ...record,
            caseCode: `KH-12-2026-${String(step).padStart(4, '0')}`,
          } as never),
        ]);
      } else if (roll < 0.75) {
        // Replace a record with a new one of the same kind under the same id: months and places move.
        const i = r.int(0, saved.length - 1);
        const [kind, old] = saved[i]!;
        const make = kinds.find(([k]) => k === kind)![1];
        const next = { ...make(r), id: old.id, caseCode: (old as { caseCode?: string }).caseCode };
        saved[i] = [kind, await saveRecord(kind, next as never)];
      } else if (roll < 0.9) {
        const [kind, old] = r.pick(saved);
        await softDelete(kind, old.id);
      } else {
        const [kind, old] = r.pick(saved);
        await undoDelete(kind, old.id);
      }
    }
    await expectCacheMatchesRecords();
  });

  it('count a month from its records the first time it is read, and again when the home country changes', async () => {
    const r = rng(7);
    await db.cases.bulkPut(
      Array.from({ length: 30 }, (_, i) => ({
        ...makeCase(r),
        caseCode: `KH-12-2026-${String(i).padStart(4, '0')}`,
      })),
    );
    await expectCacheMatchesRecords();
    const national = (await monthValues(MONTHS[0], () => true, 'ALL')).filter(
      (v) => v.indicator === 'CHILDREN_IDENTIFIED' && v.disaggregation.nationalityGroup === 'national',
    );
    await saveSetting('homeCountry', 'TH');
    const after = (await monthValues(MONTHS[0], () => true, 'ALL')).filter(
      (v) => v.indicator === 'CHILDREN_IDENTIFIED' && v.disaggregation.nationalityGroup === 'national',
    );
    expect(sorted(after)).not.toEqual(sorted(national));
    const fresh = tally(await loadMonth(MONTHS[0]), MONTHS[0], {
      within: () => true,
      orgUnit: 'ALL',
      homeCountry: 'TH',
    });
    expect(sorted(await monthValues(MONTHS[0], () => true, 'ALL'))).toEqual(sorted(fresh));
  });
});
