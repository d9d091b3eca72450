// Inspections on the device: what is derived on save (months, due date), what sync is told, the list's
// filters and paging, the Due list, soft delete with undo, and linking a child found to a case.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import {
  deleteInspection,
  dueInspections,
  getInspection,
  linkChildToCase,
  listInspections,
  saveInspection,
  undoDeleteInspection,
} from '../../src/inspections/repo';
import type { InspectionInput } from '../../src/inspections/schema';
import { PelitaError } from '../../src/lib/errors';
import { pending } from '../../src/records/outbox';

const CHILD = '0b9f3a52-2d7e-4c1b-9a6f-3e8d1c2b4a50';
const CASE = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

function fields(over: Partial<InspectionInput> = {}): InspectionInput {
  return {
    orgUnit: 'KH-12',
    date: '2026-03-14',
    type: 'routine',
    announced: true,
    establishment: { name: 'Sok brick kiln', isic: 'C', formality: 'informal', hardToReach: false },
    childLabourToolUsed: true,
    children: [
      { key: CHILD, sex: 'male', age: 12, ageEstimated: false, hazardous: 'yes', worstForm: 'none' },
    ],
    outcomes: ['warning'],
    ...over,
  };
}

const outboxKeys = async () => (await pending()).map((r) => r.key).sort();

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('inspection repo', () => {
  it('saves an inspection with its months, due date and outbox marks', async () => {
    const saved = await saveInspection(
      fields({
        registration: { authority: 'mediation', date: '2026-04-03' },
        followUpDue: '2026-05-10',
      }),
    );
    expect(saved.periods).toEqual(['2026-03', '2026-04']);
    const stored = await db.inspections.get(saved.id);
    expect(stored?.dueOn).toBe('2026-05-10');
    expect(await outboxKeys()).toEqual(['2026-03|KH-12', '2026-04|KH-12']);
  });

  it('keeps a fine only when "administrative fine" is ticked, in the ISO code', async () => {
    const fined = await saveInspection(
      fields({ outcomes: ['administrative_fine'], fine: { amount: 250, currency: 'usd' } }),
    );
    expect(fined.fine).toEqual({ amount: 250, currency: 'USD' });
    const notFined = await saveInspection(fields({ fine: { amount: 250, currency: 'USD' } }));
    expect(notFined.fine).toBeUndefined();
  });

  it('refuses an invalid inspection and stores nothing', async () => {
    const bad = fields({ outcomes: ['administrative_fine'] });
    await expect(saveInspection(bad)).rejects.toMatchObject({ code: 'errors.invalidRecord' });
    await expect(saveInspection(bad)).rejects.toBeInstanceOf(PelitaError);
    expect(await db.inspections.count()).toBe(0);
    expect(await pending()).toEqual([]);
  });

  it('edits in place: keeps the id and first save time, and re-sends the month it left', async () => {
    const first = await saveInspection(fields());
    const edited = await saveInspection(fields({ date: '2026-02-27', orgUnit: 'KH-8' }), first.id);
    expect(edited.id).toBe(first.id);
    expect(edited.createdAt).toBe(first.createdAt);
    expect(await db.inspections.count()).toBe(1);
    expect(await outboxKeys()).toEqual(['2026-02|KH-8', '2026-03|KH-12']);
  });

  it('lists newest first, filtered by month, location (with sub-locations) and establishment name', async () => {
    await saveInspection(
      fields({ date: '2026-01-05', establishment: { ...fields().establishment, name: 'Alpha farm' } }),
    );
    await saveInspection(
      fields({ date: '2026-03-01', establishment: { ...fields().establishment, name: 'beta boat' } }),
    );
    await saveInspection(
      fields({
        date: '2026-03-20',
        orgUnit: 'TH-10',
        establishment: { ...fields().establishment, name: 'Bangkok garment' },
      }),
    );
    const names = (rows: Array<{ establishment: { name: string } }>) => rows.map((r) => r.establishment.name);

    expect(names(await listInspections())).toEqual(['Bangkok garment', 'beta boat', 'Alpha farm']);
    expect(names(await listInspections({ month: '2026-03' }))).toEqual(['Bangkok garment', 'beta boat']);
    // KH-12 (Phnom Penh) lies within KH (Cambodia): the country shows its provinces' inspections.
    expect(names(await listInspections({ orgUnit: 'KH' }))).toEqual(['beta boat', 'Alpha farm']);
    expect(names(await listInspections({ orgUnit: 'TH' }))).toEqual(['Bangkok garment']);
    expect(names(await listInspections({ search: 'B' }))).toEqual(['Bangkok garment', 'beta boat']);
    expect(names(await listInspections({ search: 'bet', month: '2026-01' }))).toEqual([]);
    expect(names(await listInspections({ offset: 1, limit: 1 }))).toEqual(['beta boat']);
  });

  it('soft-deletes with undo; the list and sync both see it', async () => {
    const saved = await saveInspection(fields());
    await db.outbox.clear();
    await deleteInspection(saved.id);
    expect(await listInspections()).toEqual([]);
    expect((await getInspection(saved.id))?.deletedAt).not.toBeNull();
    expect(await outboxKeys()).toEqual(['2026-03|KH-12']);
    await undoDeleteInspection(saved.id);
    expect((await listInspections()).map((r) => r.id)).toEqual([saved.id]);
  });

  it('lists live inspections whose follow-up is due by a date, soonest first', async () => {
    const late = await saveInspection(fields({ followUpDue: '2026-04-20' }));
    const soon = await saveInspection(fields({ followUpDue: '2026-04-01' }));
    await saveInspection(fields({ followUpDue: '2026-06-01' }));
    await saveInspection(fields());
    const gone = await saveInspection(fields({ followUpDue: '2026-03-30' }));
    await deleteInspection(gone.id);
    expect((await dueInspections('2026-04-20')).map((r) => r.id)).toEqual([soon.id, late.id]);
    // Editing the follow-up date moves it in or out of the Due list.
    await saveInspection(fields({ followUpDue: '2026-07-01' }), late.id);
    expect((await dueInspections('2026-04-20')).map((r) => r.id)).toEqual([soon.id]);
  });

  it('links a child found to the case made for it, and tells sync', async () => {
    const saved = await saveInspection(fields());
    await db.outbox.clear();
    await linkChildToCase(saved.id, CHILD, CASE);
    expect((await getInspection(saved.id))?.children[0]?.caseId).toBe(CASE);
    expect(await outboxKeys()).toEqual(['2026-03|KH-12']);
    await expect(linkChildToCase(saved.id, 'f'.repeat(8), CASE)).rejects.toMatchObject({
      code: 'errors.notFound',
    });
  });
});
