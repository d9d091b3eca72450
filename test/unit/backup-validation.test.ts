// Hostile and odd backup files (issue 11.8, 11.11): unknown top-level fields and prototype-named sections
// are refused, two cases of one file sharing a code are refused in words, and an "Export my data" file's
// sealed personal fields survive the restore instead of being dropped.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { BACKUP_FORMAT, parseBackup } from '../../src/export/backup';
import { DUMP_FORMAT } from '../../src/export/dump';
import { planRestore, restoreRecords } from '../../src/export/repo';

const at = (d: string) => `${d}T08:00:00.000Z`;
const ID1 = '0b7c2c3e-1f4a-4d5b-8c6d-7e8f9a0b1c2d';
const ID2 = '1c8d3d4f-2a5b-4e6c-9d7e-8f9a0b1c2d3e';
const SEALED = { iv: 'AAAAAAAAAAAAAAAA', data: 'c2VhbGVkIG5hbWVz' };

const aCase = (id: string, caseCode: string, over: Record<string, unknown> = {}) => ({
  id,
  createdAt: at('2026-03-01'),
  updatedAt: at('2026-03-01'),
  deletedAt: null,
  orgUnit: 'KH-12',
  periods: ['2026-03'],
  caseCode,
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
});
const backup = (records: Record<string, unknown[]>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: BACKUP_FORMAT,
    exportedAt: at('2026-04-01'),
    deviceLabel: 'x',
    records,
    ...extra,
  });

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('backup files', () => {
  it('refuses a file with top-level fields the format does not have', () => {
    expect(parseBackup(backup({}, { payload: 'x'.repeat(100) }))).toEqual({
      ok: false,
      problems: [{ reason: 'backup.errors.notBackup' }],
    });
    const dump = JSON.stringify({ format: DUMP_FORMAT, tables: {}, junk: 1 });
    expect(parseBackup(dump)).toMatchObject({ ok: false, problems: [{ reason: 'backup.errors.notBackup' }] });
  });

  it('refuses sections named after an object prototype, like any unknown section', () => {
    const text = `{"format":"${BACKUP_FORMAT}","records":{"constructor":[],"toString":[{"id":1}]}}`;
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.map((p) => [p.reason, p.field])).toEqual([
      ['backup.errors.unknownTable', 'constructor'],
      ['backup.errors.unknownTable', 'toString'],
    ]);
  });

  it('refuses two cases of one file sharing a case code, saying so', () => {
    const parsed = parseBackup(
      backup({ cases: [aCase(ID1, 'KH-12-2026-0001'), aCase(ID2, 'KH-12-2026-0001')] }),
    );
    expect(parsed).toEqual({
      ok: false,
      problems: [{ reason: 'backup.errors.duplicateCaseCode', table: 'cases', index: 1, id: ID2 }],
    });
  });

  it('keeps the sealed personal fields of an "Export my data" file through the restore', async () => {
    const dump = JSON.stringify({
      format: DUMP_FORMAT,
      exportedAt: at('2026-04-01'),
      dbVersion: 3,
      tables: { cases: [aCase(ID1, 'KH-12-2026-0001', { sealed: SEALED })], outbox: [], settings: [] },
    });
    const parsed = parseBackup(dump);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(await planRestore(parsed.file.records)).toMatchObject({ cases: { added: 1, updated: 0 } });
    await restoreRecords(parsed.file.records);
    expect((await db.cases.get(ID1)) as unknown).toMatchObject({ sealed: SEALED });
  });
});
