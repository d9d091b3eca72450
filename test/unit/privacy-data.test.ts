// What leaves the device with a passphrase set: the backup file is encrypted with it (a wrong passphrase opens
// nothing), and the tallies and sync reports — counts only — are the same locked, unlocked or without a
// passphrase, and carry no name.
import { beforeEach, describe, expect, it } from 'vitest';
import { type CaseInput, getCase, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { buildBackup, parseBackup } from '../../src/export/backup';
import { toCsv } from '../../src/export/csv';
import { toDataValueSet } from '../../src/export/dhis2';
import { readAllRecords, restoreRecords } from '../../src/export/repo';
import { newId } from '../../src/lib/ids';
import {
  ENCRYPTED_BACKUP_FORMAT,
  encryptedEnvelope,
  openBackup,
  protectBackup,
} from '../../src/privacy/backup';
import { setPassphrase } from '../../src/privacy/repo';
import { unlock } from '../../src/privacy/unlock';
import { lock, reloadVault, vault } from '../../src/privacy/vault';
import { buildReport } from '../../src/sync/sync';
import { loadMonth, monthValues } from '../../src/tally/repo';
import { tallyByOrgUnit } from '../../src/tally/tally';
import { saveTraining } from '../../src/trainings/repo';
import { aCase, type CaseOverrides } from '../helpers/factories';

const FEW = { iterations: 1_000 };
const PASS = 'river stone lantern';

function caseInput(name: string, over: CaseOverrides = {}): CaseInput {
  return aCase({
    channel: 'online_report',
    child: { name, guardianContact: '012 345 678' },
    work: { economicHours: 20, inSchool: 'yes' },
    referrals: [{ key: newId(), service: 'health', referredOn: '2026-03-02', status: 'referred' }],
    followUps: [],
    status: 'referred',
    notes: 'Met at the brick kiln',
    ...over,
  });
}

async function someRecords() {
  const a = await saveCase(caseInput('Sokha Chan'));
  await saveCase(
    caseInput('Vanna Keo', { child: { ...caseInput('').child, name: 'Vanna Keo', sex: 'male' } }),
  );
  await saveTraining({
    orgUnit: 'KH-12',
    startDate: '2026-03-09',
    endDate: '2026-03-10',
    title: 'Child labour law',
    topics: ['child_labour_law'],
    modality: 'in_person',
    participants: [
      {
        key: newId(),
        name: 'Dara Kim',
        sex: 'female',
        agency: 'labour_inspection',
        orgUnit: 'KH-12',
        completed: true,
      },
    ],
  });
  return a;
}

const tally = async () => tallyByOrgUnit(await loadMonth('2026-03'), '2026-03', { homeCountry: 'KH' });

beforeEach(async () => {
  await db.delete();
  await db.open();
  await reloadVault();
});

describe('encrypted backup', () => {
  it('is encrypted with the passphrase and round-trips to another device', async () => {
    await setPassphrase(PASS, FEW);
    const a = await someRecords();
    const plain = buildBackup(await readAllRecords(), 'Battambang 2');
    expect(plain).toContain('Sokha Chan');
    const text = await protectBackup(plain);
    for (const secret of ['Sokha Chan', 'Dara Kim', '012 345 678', 'brick kiln'])
      expect(text).not.toContain(secret);
    const file = encryptedEnvelope(text);
    expect(file).toMatchObject({ format: ENCRYPTED_BACKUP_FORMAT, iterations: 1_000 });
    // A plain backup is not mistaken for an encrypted one.
    expect(encryptedEnvelope(plain)).toBeNull();

    expect(await openBackup(file!, 'river stone lanterns')).toBeNull();
    const opened = await openBackup(file!, PASS);
    expect(opened).toBe(plain);

    // Another device, without a passphrase.
    await db.delete();
    await db.open();
    await reloadVault();
    const parsed = parseBackup(opened!);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(await restoreRecords(parsed.file.records)).toEqual({ added: 3, updated: 0, unchanged: 0 });
    expect((await getCase(a.id))?.child.name).toBe('Sokha Chan');
  });

  it('is plain without a passphrase', async () => {
    await someRecords();
    const plain = buildBackup(await readAllRecords(), 'x');
    expect(await protectBackup(plain)).toBe(plain);
  });

  it('restored onto a device with a passphrase, is sealed there', async () => {
    const a = await someRecords();
    const parsed = parseBackup(buildBackup(await readAllRecords(), 'x'));
    await db.delete();
    await db.open();
    await reloadVault();
    await setPassphrase(PASS, FEW);
    if (!parsed.ok) throw new Error('backup');
    await restoreRecords(parsed.file.records);
    const raw = JSON.stringify(await db.cases.toArray());
    expect(raw).not.toContain('Sokha');
    expect((await getCase(a.id))?.child.name).toBe('Sokha Chan');
  });

  it('cannot be made while locked (it would lose the names)', async () => {
    await setPassphrase(PASS, FEW);
    await someRecords();
    await lock();
    await expect(readAllRecords()).rejects.toMatchObject({ code: 'privacy.locked' });
  });
});

describe('tallies and sync', () => {
  it('count the same without a passphrase, unlocked and locked', async () => {
    await someRecords();
    const before = await tally();
    expect(before.get('KH-12')?.length).toBeGreaterThan(0);

    await setPassphrase(PASS, FEW);
    expect(await tally()).toEqual(before);
    await lock();
    expect(vault.value.status).toBe('locked');
    expect(await tally()).toEqual(before);
    await unlock(PASS);
    expect(await tally()).toEqual(before);
  });

  it('export the same CSV and DHIS2 counts locked or not, with no name in them', async () => {
    await someRecords();
    const values = () => monthValues('2026-03', () => true, 'KH-12');
    const before = await values();
    await setPassphrase(PASS, FEW);
    await lock();
    const locked = await values();
    expect(locked).toEqual(before);
    const csv = toCsv(locked, { label: (key) => key });
    const dhis2 = JSON.stringify(toDataValueSet(locked));
    expect(csv.split('\n').length).toBeGreaterThan(2);
    for (const out of [csv, dhis2]) {
      for (const secret of ['Sokha', 'Vanna', 'Dara', '012 345 678', 'kiln'])
        expect(out).not.toContain(secret);
    }
  });

  it('send counts only, and the same report while locked', async () => {
    await someRecords();
    const open = await buildReport('2026-03', 'KH-12', 1);
    await setPassphrase(PASS, FEW);
    await lock();
    const locked = await buildReport('2026-03', 'KH-12', 1);
    expect(locked.values).toEqual(open.values);
    expect(locked.values.find((v) => v.indicator === 'CASES_REPORTED_ONLINE')?.value).toBe(2);
    const body = JSON.stringify(locked);
    for (const secret of ['Sokha', 'Vanna', 'Dara', '012 345 678', 'kiln'])
      expect(body).not.toContain(secret);
  });
});
