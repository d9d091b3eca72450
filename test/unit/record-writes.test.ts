// Every write goes through the record type's schema and stores what the schema returned (issue 11.10):
// inspections and cases too (their schema loads on the first write), a child's link to its case, and the
// raw saveRecord a restore or another repo may call.
import { beforeEach, describe, expect, it } from 'vitest';
import { caseKind, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { inspectionKind, linkChildToCase, saveInspection } from '../../src/inspections/repo';
import type { InspectionInput } from '../../src/inspections/schema';
import { newId } from '../../src/lib/ids';
import { saveRecord } from '../../src/records/repo-core';

const CHILD = '0b9f3a52-2d7e-4c1b-9a6f-3e8d1c2b4a50';

const caseFields = () => ({
  orgUnit: 'KH-12',
  identifiedOn: '2026-03-01',
  channel: 'school' as const,
  child: { sex: 'female', ageYears: 10, ageEstimated: false, nationality: 'KH', disability: 'no' } as const,
  settlement: 'rural' as const,
  work: {
    isic: 'A',
    workStatus: 'contributing_family',
    economicHours: 10,
    choreHours: null,
    nightWork: 'no',
    worstForm: 'none',
    hazards: [],
    inSchool: 'yes',
  } as const,
  consent: true,
  referrals: [],
  followUps: [],
  status: 'identified' as const,
});

const inspectionFields = (): InspectionInput => ({
  orgUnit: 'KH-12',
  date: '2026-03-14',
  type: 'routine',
  announced: true,
  establishment: { name: 'Sok brick kiln', isic: 'C', formality: 'informal', hardToReach: false },
  childLabourToolUsed: true,
  children: [{ key: CHILD, sex: 'male', age: 12, ageEstimated: false, hazardous: 'yes', worstForm: 'none' }],
  outcomes: ['warning'],
});

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('record writes', () => {
  it('refuses an inspection that fails its schema, and stores nothing', async () => {
    const id = newId();
    const bad = { ...inspectionFields(), id, date: 'yesterday' };
    await expect(saveRecord(inspectionKind, bad)).rejects.toMatchObject({ code: 'errors.invalidRecord' });
    expect(await db.inspections.get(id)).toBeUndefined();
  });

  it('stores what the schema returned: a field it does not know is not kept', async () => {
    const id = newId();
    await saveRecord(inspectionKind, { ...inspectionFields(), id, smuggled: 'x' } as never);
    expect(await db.inspections.get(id)).not.toHaveProperty('smuggled');
  });

  it('refuses a case that fails its schema through saveRecord', async () => {
    const id = newId();
    const bad = { ...caseFields(), id, caseCode: 'not a code' } as never;
    await expect(saveRecord(caseKind, bad)).rejects.toMatchObject({ code: 'errors.invalidRecord' });
    expect(await db.cases.get(id)).toBeUndefined();
  });

  it('validates the link from a child found to its case', async () => {
    const saved = await saveInspection(inspectionFields());
    await expect(linkChildToCase(saved.id, CHILD, 'not-an-id')).rejects.toMatchObject({
      code: 'errors.invalidRecord',
    });
    expect((await db.inspections.get(saved.id))?.children[0]?.caseId).toBeUndefined();
  });

  it('still saves a valid case inside its own transaction (code assigned, schema loaded first)', async () => {
    const c = await saveCase({ ...caseFields(), id: newId() } as never);
    expect((await db.cases.get(c.id))?.caseCode).toMatch(/^KH-12-2026-0001$/);
  });
});

describe('a case made from a child found in an inspection', () => {
  it('is saved with its row linked, in one transaction', async () => {
    const inspection = await saveInspection(inspectionFields());
    const c = await saveCase({ ...caseFields(), id: newId() } as never, {
      inspectionId: inspection.id,
      childKey: CHILD,
    });
    expect((await db.inspections.get(inspection.id))?.children[0]?.caseId).toBe(c.id);
  });

  it('is not saved when its row cannot be linked: no case the row does not know of', async () => {
    const inspection = await saveInspection(inspectionFields());
    const link = { inspectionId: inspection.id, childKey: '0b9f3a52-2d7e-4c1b-9a6f-3e8d1c2b4a99' };
    await expect(saveCase({ ...caseFields(), id: newId() } as never, link)).rejects.toMatchObject({
      code: 'errors.notFound',
    });
    expect(await db.cases.count()).toBe(0);
  });

  it('is refused for a child who already has a case: never a second case for one child', async () => {
    const inspection = await saveInspection(inspectionFields());
    const link = { inspectionId: inspection.id, childKey: CHILD };
    const first = await saveCase({ ...caseFields(), id: newId() } as never, link);
    await expect(saveCase({ ...caseFields(), id: newId() } as never, link)).rejects.toMatchObject({
      code: 'errors.childHasCase',
    });
    expect((await db.cases.toArray()).map((c) => c.id)).toEqual([first.id]);
    // Saving the first case again (an edit) is fine.
    await saveCase({ ...caseFields(), id: first.id } as never, link);
  });
});
