// Backup and restore: a good file round-trips; a file with one bad record is refused whole, with the
// reason, and changes nothing; a restore keeps whichever copy of a record was changed last.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { BACKUP_FORMAT, buildBackup, parseBackup } from '../../src/export/backup';
import { readAllRecords, restoreRecords } from '../../src/export/repo';
import { pending } from '../../src/records/outbox';

const at = (d: string) => `${d}T08:00:00.000Z`;
const activity = (id: string, title: string, updatedAt = at('2026-01-20')) => ({
  id,
  createdAt: at('2026-01-15'),
  updatedAt,
  deletedAt: null,
  orgUnit: 'KH-12',
  periods: ['2026-01'],
  date: '2026-01-15',
  kind: 'campaign_activity',
  title,
});
const ID1 = '0b7c2c3e-1f4a-4d5b-8c6d-7e8f9a0b1c2d';
const ID2 = '1c8d3d4f-2a5b-4e6c-9d7e-8f9a0b1c2d3e';
const file = (activities: unknown[]) =>
  JSON.stringify({
    format: BACKUP_FORMAT,
    exportedAt: at('2026-02-01'),
    deviceLabel: 'x',
    records: { activities },
  });

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('backup', () => {
  it('round-trips every record through the file', async () => {
    const parsed = parseBackup(file([activity(ID1, 'Radio'), activity(ID2, 'Posters')]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(await restoreRecords(parsed.file.records)).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const text = buildBackup(await readAllRecords(), 'Battambang 2');
    const again = parseBackup(text);
    expect(again.ok && again.file.records.activities.map((a) => a.title).sort()).toEqual([
      'Posters',
      'Radio',
    ]);
    expect((await pending()).map((r) => r.key)).toEqual(['2026-01|KH-12']);
  });

  it('refuses a file with one bad record whole, says which and why, and changes nothing', async () => {
    const parsed = parseBackup(
      file([activity(ID1, 'Radio'), { ...activity(ID2, 'Posters'), kind: 'party' }]),
    );
    expect(parsed).toEqual({
      ok: false,
      problems: [{ reason: 'errors.choose', table: 'activities', index: 1, id: ID2, field: 'kind' }],
    });
    expect(await db.activities.count()).toBe(0);
  });

  it('refuses what is not a backup', () => {
    expect(parseBackup('{oops')).toEqual({ ok: false, problems: [{ reason: 'backup.errors.notJson' }] });
    expect(parseBackup('{"hello":1}')).toEqual({
      ok: false,
      problems: [{ reason: 'backup.errors.notBackup' }],
    });
    expect(parseBackup(JSON.stringify({ format: 'pelita.backup/9', records: {} }))).toEqual({
      ok: false,
      problems: [{ reason: 'backup.errors.format' }],
    });
    const dup = parseBackup(file([activity(ID1, 'a'), activity(ID1, 'b')]));
    expect(dup.ok === false && dup.problems[0]?.reason).toBe('backup.errors.duplicate');
  });

  it('keeps the copy changed last', async () => {
    const first = parseBackup(
      file([activity(ID1, 'Old title', at('2026-01-20')), activity(ID2, 'Newer here', at('2026-03-01'))]),
    );
    if (!first.ok) throw new Error('expected a good file');
    await restoreRecords(first.file.records);
    const second = parseBackup(
      file([activity(ID1, 'New title', at('2026-02-01')), activity(ID2, 'Older in file', at('2026-02-01'))]),
    );
    if (!second.ok) throw new Error('expected a good file');
    expect(await restoreRecords(second.file.records)).toEqual({ added: 0, updated: 1, unchanged: 1 });
    expect((await db.activities.get(ID1))?.title).toBe('New title');
    expect((await db.activities.get(ID2))?.title).toBe('Newer here');
  });
});

describe('the error screen export', () => {
  it('restores its records like a backup, and carries no sync token', async () => {
    const { dumpAll } = await import('../../src/export/dump');
    const parsed = parseBackup(file([activity(ID1, 'Radio')]));
    if (!parsed.ok) throw new Error('expected a good file');
    await restoreRecords(parsed.file.records);
    await db.settings.put({ key: 'enrolment', value: { token: 'secret-token-123', deviceId: 'd' } });
    const text = await (await dumpAll()).text();
    expect(text).not.toContain('secret-token-123');
    await db.activities.clear();
    const again = parseBackup(text);
    expect(again.ok && again.file.records.activities.map((a) => a.title)).toEqual(['Radio']);
  });
});

describe('a backup from another device', () => {
  it('is refused whole, in words, when its case codes are taken here by other cases', async () => {
    const { makeCase, rng } = await import('../helpers/golden');
    const r = rng(3);
    const here = { ...makeCase(r), caseCode: 'KH-12-2026-0001' };
    const there = { ...makeCase(r), caseCode: 'KH-12-2026-0001' };
    const other = { ...makeCase(r), caseCode: 'KH-12-2026-0002' };
    const mine = parseBackup(JSON.stringify({ format: BACKUP_FORMAT, records: { cases: [here] } }));
    if (!mine.ok) throw new Error(JSON.stringify(mine.problems));
    await restoreRecords(mine.file.records);
    const theirs = parseBackup(JSON.stringify({ format: BACKUP_FORMAT, records: { cases: [there, other] } }));
    if (!theirs.ok) throw new Error(JSON.stringify(theirs.problems));
    await expect(restoreRecords(theirs.file.records)).rejects.toMatchObject({
      code: 'backup.errors.caseCodeClash',
    });
    expect((await db.cases.toArray()).map((c) => c.id)).toEqual([here.id]);
  });
});
