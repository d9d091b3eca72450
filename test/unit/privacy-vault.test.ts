// The passphrase lock, through the repos a screen uses and the raw database a thief would read: setting a
// passphrase seals what is there, saves seal, reads open only while unlocked, wrong tries wait longer each
// time (across a reload), a change is all or nothing, removing opens everything, and a forgotten passphrase
// can be given up without losing anything but the personal fields. Fewer PBKDF2 iterations than the app's,
// through the parameter made for tests.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CaseInput, getCase, listCases, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { newId } from '../../src/lib/ids';
import { changePassphrase, forgetPassphrase, removePassphrase, setPassphrase } from '../../src/privacy/repo';
import { readAttempts, unlock, waitAfter } from '../../src/privacy/unlock';
import { CONFIG_KEY, lock, reloadVault, vault, vaultKey } from '../../src/privacy/vault';
import { clearDraft, loadDraft, saveDraft } from '../../src/records/drafts';
import { getTraining, saveTraining } from '../../src/trainings/repo';
import { aCase, type CaseOverrides } from '../helpers/factories';

const FEW = { iterations: 1_000 };
const PASS = 'river stone lantern';
const NEW_PASS = 'seven green mangoes';
const NAMES = ['Sokha Chan', '012 345 678', 'Met at the brick kiln', 'Back at school', 'Dara Kim'];

function caseInput(over: CaseOverrides = {}): CaseInput {
  return aCase({
    child: { name: 'Sokha Chan', guardianContact: '012 345 678' },
    work: { economicHours: 20, inSchool: 'yes' },
    referrals: [],
    followUps: [
      {
        key: newId(),
        date: '2026-03-20',
        stillWorking: 'no',
        inSchool: 'yes',
        serviceReceived: 'no',
        notes: 'Back at school',
      },
    ],
    status: 'identified',
    notes: 'Met at the brick kiln',
    ...over,
  });
}

const training = () =>
  saveTraining({
    orgUnit: 'KH-12',
    startDate: '2026-03-09',
    endDate: '2026-03-10',
    title: 'Child labour law',
    topics: ['child_labour_law'],
    modality: 'in_person',
    participants: [
      { key: newId(), name: 'Dara Kim', sex: 'female', agency: 'police', orgUnit: 'KH-12', completed: true },
    ],
  });

/** Everything in the database, as a thief with the device would read it. */
async function raw(): Promise<string> {
  const all: Record<string, unknown> = {};
  for (const table of db.tables) all[table.name] = await table.toArray();
  return JSON.stringify(all);
}

/** What a reload does to the vault: the key is gone, the configuration is read again. */
async function reload() {
  await lock();
  await reloadVault();
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  await reloadVault();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('setting a passphrase', () => {
  it('seals every name, contact and note already on the device, drafts included', async () => {
    const c = await saveCase(caseInput());
    const t = await training();
    await saveDraft('case:new', { child: { name: 'Bopha Draft' } });
    expect(await raw()).toContain('Sokha Chan');

    await setPassphrase(PASS, FEW);
    expect(vault.value.status).toBe('unlocked');
    const text = await raw();
    for (const secret of [...NAMES, 'Bopha Draft', PASS]) expect(text).not.toContain(secret);
    // What the counts need stays in the clear.
    expect(await db.cases.get(c.id)).toMatchObject({
      caseCode: c.caseCode,
      periods: ['2026-03'],
      child: { sex: 'female', ageYears: 13, nationality: 'KH' },
      sealed: { iv: expect.any(String), data: expect.any(String) },
    });
    // Unlocked, the screens read them as before.
    expect((await getCase(c.id))?.child.name).toBe('Sokha Chan');
    expect((await getCase(c.id))?.followUps[0]?.notes).toBe('Back at school');
    expect((await getTraining(t.id))?.participants[0]?.name).toBe('Dara Kim');
    expect((await loadDraft('case:new'))?.value).toEqual({ child: { name: 'Bopha Draft' } });
  });

  it('stores nothing derived from the passphrase but a sealed check value', async () => {
    await setPassphrase(PASS, FEW);
    const config = (await db.settings.get(CONFIG_KEY))?.value;
    expect(config).toMatchObject({ v: 1, iterations: 1_000, check: { iv: expect.any(String) } });
    expect(JSON.stringify(config)).not.toContain(PASS);
  });
});

describe('locked and unlocked', () => {
  it('saves sealed, reads opened while unlocked, and nothing personal while locked', async () => {
    await setPassphrase(PASS, FEW);
    const c = await saveCase(caseInput());
    expect(c.child.name).toBe('Sokha Chan');
    for (const secret of NAMES) expect(await raw()).not.toContain(secret);

    await lock();
    expect(vault.value.status).toBe('locked');
    expect(vaultKey()).toBeNull();
    const seen = await getCase(c.id);
    expect(seen).toMatchObject({ caseCode: c.caseCode, child: { sex: 'female' } });
    expect(seen?.child.name).toBeUndefined();
    expect(JSON.stringify(await listCases({ offset: 0, limit: 10 }))).not.toMatch(
      /Sokha|kiln|Back at school/,
    );
    // A save while locked would replace the sealed names with nothing: refused.
    await expect(saveCase(caseInput({ id: c.id }))).rejects.toMatchObject({ code: 'privacy.locked' });

    expect(await unlock(PASS)).toMatchObject({ ok: true });
    expect((await getCase(c.id))?.child).toMatchObject({
      name: 'Sokha Chan',
      guardianContact: '012 345 678',
    });
  });

  it('seals drafts, opens them only unlocked, and writes none in the clear while locked', async () => {
    await setPassphrase(PASS, FEW);
    await saveDraft('case:new', { child: { name: 'Bopha Draft' } });
    expect(await raw()).not.toContain('Bopha');
    expect((await loadDraft('case:new'))?.value).toEqual({ child: { name: 'Bopha Draft' } });

    // A form unmounting as the app locks writes its draft on the way out: it is sealed, then the key goes.
    const last = saveDraft('case:new', { child: { name: 'Bopha Last' } });
    await lock();
    await last;
    expect(vaultKey()).toBeNull();
    expect(await loadDraft('case:new')).toBeUndefined();
    await saveDraft('case:other', { child: { name: 'Typed While Locked' } });
    expect(await raw()).not.toMatch(/Bopha|Typed While Locked/);

    await unlock(PASS);
    expect((await loadDraft('case:new'))?.value).toEqual({ child: { name: 'Bopha Last' } });
    // A clear right after a (slower, sealed) write still wins.
    void saveDraft('case:new', { child: { name: 'x' } });
    await clearDraft('case:new');
    expect(await db.drafts.get('case:new')).toBeUndefined();
  });

  it('refuses a wrong passphrase, and each wrong try in a row waits longer, across a reload', async () => {
    await setPassphrase(PASS, FEW);
    await reload();
    const start = new Date('2026-03-01T08:00:00Z').getTime();
    vi.useFakeTimers({ toFake: ['Date'], now: start });

    expect(await unlock('river stone lanterns')).toEqual({ ok: false, reason: 'wrong', waitUntil: start });
    expect(vaultKey()).toBeNull();
    expect(await unlock('wrong again')).toEqual({ ok: false, reason: 'wrong', waitUntil: start + 5_000 });
    // Even the right passphrase waits its turn.
    expect(await unlock(PASS)).toEqual({ ok: false, reason: 'wait', waitUntil: start + 5_000 });
    expect(vault.value.status).toBe('locked');

    await reload();
    expect(await readAttempts()).toEqual({ failures: 2, waitUntil: start + 5_000 });
    vi.setSystemTime(start + 5_001);
    expect(await unlock('third wrong')).toEqual({ ok: false, reason: 'wrong', waitUntil: start + 15_001 });
    vi.setSystemTime(start + 15_001);
    expect(await unlock(PASS)).toMatchObject({ ok: true });
    expect(await readAttempts()).toEqual({ failures: 0, waitUntil: 0 });
  });

  it('waits longer after each wrong try, up to 15 minutes', () => {
    const waits = Array.from({ length: 14 }, (_, i) => waitAfter(i + 1));
    expect(waits.slice(0, 4)).toEqual([0, 5_000, 10_000, 20_000]);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(Math.max(...waits)).toBe(15 * 60_000);
  });
});

describe('changing the passphrase', () => {
  it('re-seals everything under the new one; the old one no longer opens', async () => {
    await setPassphrase(PASS, FEW);
    const c = await saveCase(caseInput());
    await saveDraft('case:new', { child: { name: 'Bopha Draft' } });
    const before = await db.cases.get(c.id);

    expect(await changePassphrase(PASS, NEW_PASS, FEW)).toEqual({ ok: true });
    const after = await db.cases.get(c.id);
    expect(after?.updatedAt).toBe(before?.updatedAt);
    const sealedOf = (r: unknown) => (r as { sealed?: unknown }).sealed;
    expect(sealedOf(after)).toBeDefined();
    expect(sealedOf(after)).not.toEqual(sealedOf(before));
    for (const secret of [...NAMES, 'Bopha']) expect(await raw()).not.toContain(secret);

    await reload();
    expect(await unlock(PASS)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await unlock(NEW_PASS)).toMatchObject({ ok: true });
    expect((await getCase(c.id))?.child.name).toBe('Sokha Chan');
    expect((await loadDraft('case:new'))?.value).toEqual({ child: { name: 'Bopha Draft' } });
  });

  it('with a wrong current passphrase changes nothing', async () => {
    await setPassphrase(PASS, FEW);
    await saveCase(caseInput());
    const cases = await db.cases.toArray();
    const config = await db.settings.get(CONFIG_KEY);
    expect(await changePassphrase('not it at all', NEW_PASS, FEW)).toMatchObject({
      ok: false,
      reason: 'wrong',
    });
    expect(await db.cases.toArray()).toEqual(cases);
    expect(await db.settings.get(CONFIG_KEY)).toEqual(config);
    expect(await readAttempts()).toMatchObject({ failures: 1 });
  });

  it('interrupted midway, leaves the old passphrase working and nothing half re-encrypted', async () => {
    await setPassphrase(PASS, FEW);
    const a = await saveCase(caseInput());
    const b = await saveCase(caseInput({ child: { ...caseInput().child, name: 'Vanna Keo' } }));
    const before = await db.cases.toArray();
    const config = await db.settings.get(CONFIG_KEY);

    // The second case written by the change fails, like a tab closed or a disk full halfway.
    const put = IDBObjectStore.prototype.put;
    let casesWritten = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'cases' && ++casesWritten === 2) throw new DOMException('interrupted', 'AbortError');
      return put.apply(this, args);
    });
    await expect(changePassphrase(PASS, NEW_PASS, FEW)).rejects.toBeDefined();
    vi.restoreAllMocks();
    expect(casesWritten).toBe(2);

    expect(await db.cases.toArray()).toEqual(before);
    expect(await db.settings.get(CONFIG_KEY)).toEqual(config);
    await reload();
    expect(await unlock(NEW_PASS)).toMatchObject({ ok: false });
    expect(await unlock(PASS)).toMatchObject({ ok: true });
    expect((await getCase(a.id))?.child.name).toBe('Sokha Chan');
    expect((await getCase(b.id))?.child.name).toBe('Vanna Keo');
  });
});

describe('removing or forgetting the passphrase', () => {
  it('removing (unlocked, passphrase typed again) stores everything in the clear again', async () => {
    await setPassphrase(PASS, FEW);
    const c = await saveCase(caseInput());
    expect(await removePassphrase('wrong words here')).toMatchObject({ ok: false });
    expect(vault.value.status).toBe('unlocked');

    expect(await removePassphrase(PASS)).toEqual({ ok: true });
    expect(vault.value.status).toBe('off');
    expect(await db.settings.get(CONFIG_KEY)).toBeUndefined();
    const stored = await db.cases.get(c.id);
    expect(stored).not.toHaveProperty('sealed');
    expect(stored?.child.name).toBe('Sokha Chan');
  });

  it('is refused while locked', async () => {
    await setPassphrase(PASS, FEW);
    await lock();
    await expect(removePassphrase(PASS)).rejects.toThrow();
    expect(vault.value.status).toBe('locked');
  });

  it('forgotten, erases the personal fields only: codes, counts and sync marks stay', async () => {
    await setPassphrase(PASS, FEW);
    const c = await saveCase(caseInput());
    await saveDraft('case:new', { child: { name: 'Bopha Draft' } });
    const outbox = await db.outbox.toArray();
    await reload();

    await forgetPassphrase();
    expect(vault.value.status).toBe('off');
    const kept = await getCase(c.id);
    expect(kept).toMatchObject({
      caseCode: c.caseCode,
      periods: ['2026-03'],
      child: { sex: 'female', ageYears: 13 },
    });
    expect(kept?.child.name).toBeUndefined();
    expect(kept).not.toHaveProperty('sealed');
    expect(await db.drafts.count()).toBe(0);
    expect(await db.outbox.toArray()).toEqual(outbox);
    // The device works again without a passphrase.
    expect((await saveCase({ ...caseInput(), id: c.id, caseCode: c.caseCode })).child.name).toBe(
      'Sokha Chan',
    );
  });
});

describe("finding a case by the child's name", () => {
  it('finds it in memory while unlocked, never while locked, and keeps no name on disk to search', async () => {
    const a = await saveCase(caseInput());
    await saveCase(caseInput({ child: { ...caseInput().child, name: 'Dara Kim' } }));
    await setPassphrase(PASS, FEW);
    const found = await listCases({ search: 'sokha', names: true, offset: 0, limit: 10 });
    expect(found.map((c) => c.id)).toEqual([a.id]);
    // Part of a name, in any case; a code prefix still matches too.
    expect((await listCases({ search: 'CHAN', names: true, offset: 0, limit: 10 })).length).toBe(1);
    expect((await listCases({ search: 'kh-12', names: true, offset: 0, limit: 10 })).length).toBe(2);
    // What is stored has no name in the clear, and the database has no index over names.
    expect(await raw()).not.toContain('Sokha');
    expect(db.cases.schema.indexes.map((i) => i.name).join(' ')).not.toMatch(/name/i);
    await lock();
    expect(await listCases({ search: 'sokha', names: true, offset: 0, limit: 10 })).toEqual([]);
  });
});
