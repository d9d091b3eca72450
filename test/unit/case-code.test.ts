// Case codes: made on the device from the case's location and year, the sequence unique per prefix and
// computed inside the save transaction from the `caseCode` index.
import { beforeEach, describe, expect, it } from 'vitest';
import { caseCodePrefix, formatCaseCode, nextSequence } from '../../src/cases/case-code';
import { type CaseInput, getCase, saveCase } from '../../src/cases/repo';
import { caseCode } from '../../src/cases/schema';
import { db } from '../../src/db/db';
import { newId } from '../../src/lib/ids';
import { settings } from '../../src/settings/repo';

function input(orgUnit: string, identifiedOn: string): CaseInput {
  return {
    id: newId(),
    orgUnit,
    identifiedOn,
    channel: 'hotline',
    child: { sex: 'male', ageYears: 12, ageEstimated: false, nationality: 'KH', disability: 'no' },
    settlement: 'urban',
    work: {
      isic: 'C',
      workStatus: 'employee',
      economicHours: 30,
      choreHours: 5,
      nightWork: 'no',
      worstForm: 'none',
      hazards: [],
      inSchool: 'no',
    },
    consent: null,
    referrals: [],
    followUps: [],
    status: 'identified',
  };
}

beforeEach(async () => {
  await db.cases.clear();
  settings.value = { ...settings.value, homeCountry: null };
});

describe('case code prefix', () => {
  it('is country, subdivision and year', () => {
    expect(caseCodePrefix('KH-12', '2026-03-01')).toBe('KH-12-2026-');
    expect(caseCodePrefix('KH-12-03', '2026-03-01')).toBe('KH-12-2026-');
    expect(caseCodePrefix('PH-ABR', '2025-12-31')).toBe('PH-ABR-2025-');
  });

  it('is country and year for a country-only location', () => {
    expect(caseCodePrefix('KH', '2026-01-05')).toBe('KH-2026-');
  });

  it('falls back to the home country for a location code that is not ISO-style', () => {
    expect(caseCodePrefix('OU_4711', '2026-01-05', 'TH')).toBe('TH-2026-');
    expect(caseCodePrefix('OU_4711', '2026-01-05', null)).toBe('XX-2026-');
  });

  it('pads the sequence to four digits, and grows past 9999', () => {
    expect(formatCaseCode('KH-12-2026-', 7)).toBe('KH-12-2026-0007');
    expect(formatCaseCode('KH-12-2026-', 12345)).toBe('KH-12-2026-12345');
    expect(nextSequence(['KH-12-2026-9999', 'KH-12-2026-10000', 'KH-12-2026-0001'], 'KH-12-2026-')).toBe(
      10001,
    );
  });
});

describe('case code on save', () => {
  it('is assigned on first save, and the schema accepts it', async () => {
    const saved = await saveCase(input('KH-12', '2026-03-01'));
    expect(saved.caseCode).toBe('KH-12-2026-0001');
    expect(caseCode.safeParse(saved.caseCode).success).toBe(true);
    expect((await getCase(saved.id))?.caseCode).toBe('KH-12-2026-0001');
  });

  it('increments per prefix: each location and year counts on its own', async () => {
    const codes: string[] = [];
    for (const [orgUnit, date] of [
      ['KH-12', '2026-03-01'],
      ['KH-12', '2026-03-02'],
      ['KH-3', '2026-03-02'],
      ['KH-12', '2025-12-30'],
      ['KH-12', '2026-04-01'],
      ['KH', '2026-04-01'],
    ] as const) {
      codes.push((await saveCase(input(orgUnit, date))).caseCode);
    }
    expect(codes).toEqual([
      'KH-12-2026-0001',
      'KH-12-2026-0002',
      'KH-3-2026-0001',
      'KH-12-2025-0001',
      'KH-12-2026-0003',
      'KH-2026-0001',
    ]);
  });

  it('stays unique when many cases are saved at once', async () => {
    const saved = await Promise.all(Array.from({ length: 25 }, () => saveCase(input('LA-VT', '2026-02-01'))));
    const codes = saved.map((c) => c.caseCode);
    expect(new Set(codes).size).toBe(25);
    expect([...codes].sort().at(-1)).toBe('LA-VT-2026-0025');
  });

  it('never changes once assigned, even when the location or date changes', async () => {
    const first = await saveCase(input('KH-12', '2026-03-01'));
    const edited = await saveCase({ ...input('VN-HN', '2027-01-01'), id: first.id, caseCode: undefined });
    expect(edited.caseCode).toBe('KH-12-2026-0001');
  });

  it('continues after the highest sequence, also past 9999 where index order is not number order', async () => {
    const seed = (code: string) => saveCase({ ...input('KH-12', '2026-03-01'), caseCode: code });
    await seed('KH-12-2026-0999');
    expect((await saveCase(input('KH-12', '2026-03-01'))).caseCode).toBe('KH-12-2026-1000');
    await seed('KH-12-2026-9999');
    await seed('KH-12-2026-10000');
    expect((await saveCase(input('KH-12', '2026-03-01'))).caseCode).toBe('KH-12-2026-10001');
  });

  it('uses the home country when the location list is not ISO-style', async () => {
    settings.value = { ...settings.value, homeCountry: 'MM' };
    expect((await saveCase(input('MM_0101', '2026-03-01'))).caseCode).toBe('MM-2026-0001');
  });
});
