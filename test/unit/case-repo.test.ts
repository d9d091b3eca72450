// The case repo: derived months and next visit, outbox marks, the list (newest first, by month, location and
// code), the Due list, and soft delete with undo.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type CaseInput,
  countCases,
  deleteCase,
  dueCases,
  getCase,
  listCases,
  saveCase,
  undoDeleteCase,
} from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { newId } from '../../src/lib/ids';

function input(over: Partial<CaseInput> = {}): CaseInput {
  return {
    id: newId(),
    orgUnit: 'KH-12',
    identifiedOn: '2026-03-01',
    channel: 'school',
    child: { sex: 'female', ageYears: 10, ageEstimated: false, nationality: 'KH', disability: 'no' },
    settlement: 'rural',
    work: {
      isic: 'A',
      workStatus: 'contributing_family',
      economicHours: 10,
      choreHours: null,
      nightWork: 'no',
      worstForm: 'none',
      hazards: [],
      inSchool: 'yes',
    },
    consent: true,
    referrals: [],
    followUps: [],
    status: 'identified',
    ...over,
  };
}

const followUp = (date: string, nextVisitDue?: string) => ({
  key: newId(),
  date,
  stillWorking: 'yes' as const,
  inSchool: 'yes' as const,
  serviceReceived: 'no' as const,
  ...(nextVisitDue ? { nextVisitDue } : {}),
});

beforeEach(async () => {
  await Promise.all([db.cases.clear(), db.outbox.clear()]);
});

describe('saveCase', () => {
  it('derives the months of identification, each referral and withdrawal, and marks them for sync', async () => {
    const saved = await saveCase(
      input({
        referrals: [{ key: newId(), service: 'health', referredOn: '2026-04-03', status: 'referred' }],
        status: 'withdrawn_verified',
        withdrawnOn: '2026-06-20',
      }),
    );
    expect(saved.periods).toEqual(['2026-03', '2026-04', '2026-06']);
    const marks = (await db.outbox.toArray()).map((r) => r.key).sort();
    expect(marks).toEqual(['2026-03|KH-12', '2026-04|KH-12', '2026-06|KH-12']);
  });

  it('sets the next visit from the latest follow-up, and clears it when the case is closed', async () => {
    const saved = await saveCase(
      input({ followUps: [followUp('2026-03-10', '2026-03-20'), followUp('2026-04-01', '2026-05-01')] }),
    );
    expect(saved.dueOn).toBe('2026-05-01');
    const closed = await saveCase({ ...saved, status: 'closed', closureReason: 'relocated' });
    expect(closed.dueOn).toBeNull();
  });

  it('refuses a case that breaks a rule, and stores nothing', async () => {
    const bad = input({
      consent: false,
      referrals: [{ key: newId(), service: 'health', referredOn: '2026-04-03', status: 'referred' }],
    });
    await expect(saveCase(bad)).rejects.toMatchObject({ code: 'errors.invalidRecord' });
    expect(await db.cases.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('drops a reason to override consent once consent is given', async () => {
    const saved = await saveCase(input({ consent: true, consentOverride: 'Child in danger.' }));
    expect(saved.consent).toBe(true);
    expect('consentOverride' in saved).toBe(false);
  });

  it('re-marks the old month when the identification date moves', async () => {
    const saved = await saveCase(input());
    await db.outbox.clear();
    await saveCase({ ...saved, identifiedOn: '2026-02-27' });
    expect((await db.outbox.toArray()).map((r) => r.key).sort()).toEqual(['2026-02|KH-12', '2026-03|KH-12']);
  });
});

describe('listCases', () => {
  it('lists newest identified first, a page at a time', async () => {
    for (const d of ['2026-01-05', '2026-03-01', '2026-02-10']) await saveCase(input({ identifiedOn: d }));
    const all = await listCases({ offset: 0, limit: 10 });
    expect(all.map((c) => c.identifiedOn)).toEqual(['2026-03-01', '2026-02-10', '2026-01-05']);
    expect((await listCases({ offset: 1, limit: 1 })).map((c) => c.identifiedOn)).toEqual(['2026-02-10']);
  });

  it('filters by month and by location', async () => {
    await saveCase(input({ identifiedOn: '2026-01-05', orgUnit: 'KH-12' }));
    await saveCase(input({ identifiedOn: '2026-03-01', orgUnit: 'KH-3' }));
    expect((await listCases({ month: '2026-01', offset: 0, limit: 10 })).map((c) => c.orgUnit)).toEqual([
      'KH-12',
    ]);
    const within = (o: string) => o === 'KH-3';
    expect((await listCases({ within, offset: 0, limit: 10 })).map((c) => c.identifiedOn)).toEqual([
      '2026-03-01',
    ]);
  });

  it('finds a case by the start of its code, in any case', async () => {
    const a = await saveCase(input({ orgUnit: 'KH-12' }));
    await saveCase(input({ orgUnit: 'TH-10' }));
    expect((await listCases({ search: 'kh-12-2026', offset: 0, limit: 10 })).map((c) => c.id)).toEqual([
      a.id,
    ]);
    expect(await listCases({ search: 'VN', offset: 0, limit: 10 })).toEqual([]);
  });
});

describe('case filters and counts', () => {
  it('filters by status, overdue visit and category, and counts the matches', async () => {
    const late = await saveCase(input({ followUps: [followUp('2026-01-01', '2026-02-01')] }));
    await saveCase(input({ status: 'monitoring', followUps: [followUp('2026-01-01', '2027-01-01')] }));
    await saveCase(input({ identifiedOn: '2026-02-01', status: 'monitoring' }));
    const monitoring = (c: { status: string }) => c.status === 'monitoring';
    expect((await listCases({ where: monitoring, offset: 0, limit: 10 })).length).toBe(2);
    expect(await countCases({ where: monitoring })).toBe(2);
    expect(await countCases({ where: monitoring, month: '2026-02' })).toBe(1);
    const overdue = (c: { dueOn?: string | null }) => !!c.dueOn && c.dueOn < '2026-12-01';
    expect((await listCases({ where: overdue, offset: 0, limit: 10 })).map((c) => c.id)).toEqual([late.id]);
    expect(await countCases({})).toBe(3);
    expect(await countCases({ search: 'KH-12', where: (c) => c.status === 'identified' })).toBe(1);
  });
});

describe('dueCases', () => {
  it('returns live cases due on or before the date, most overdue first', async () => {
    const late = await saveCase(input({ followUps: [followUp('2026-01-01', '2026-02-01')] }));
    const soon = await saveCase(input({ followUps: [followUp('2026-03-01', '2026-03-15')] }));
    await saveCase(input({ followUps: [followUp('2026-03-01', '2026-06-01')] }));
    await saveCase(input());
    expect((await dueCases('2026-03-20')).map((c) => c.id)).toEqual([late.id, soon.id]);
    await deleteCase(late.id);
    expect((await dueCases('2026-03-20')).map((c) => c.id)).toEqual([soon.id]);
  });
});

describe('deleteCase', () => {
  it('soft deletes: the case stays for sync, out of the list, and comes back with undo', async () => {
    const saved = await saveCase(input());
    await db.outbox.clear();
    await deleteCase(saved.id);
    expect((await getCase(saved.id))?.deletedAt).not.toBeNull();
    expect(await listCases({ offset: 0, limit: 10 })).toEqual([]);
    expect((await db.outbox.toArray()).map((r) => r.key)).toEqual(['2026-03|KH-12']);
    await undoDeleteCase(saved.id);
    expect((await listCases({ offset: 0, limit: 10 })).map((c) => c.id)).toEqual([saved.id]);
  });
});
