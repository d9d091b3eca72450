// One identity per installation, on the device (SPEC §6), with the network swapped out (src/sync/upstream.ts
// mocked): the identity is made once and survives "Disconnect" and a refused token; enrolling again as the
// same device re-sends nothing the server already holds; a lying 409 or an out-of-scope pair is kept and shown,
// never jumped or dropped; each run ends with the status; the server's settings are applied; a restored
// backup of another installation is absorbed (or continued as, on an empty device).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveActivity } from '../../src/activities/repo';
import type { ActivityInput } from '../../src/activities/schema';
import { saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import type { BackupRecords } from '../../src/export/backup';
import { newId } from '../../src/lib/ids';
import { outboxKey, pending } from '../../src/records/outbox';
import { RECORD_TABLES } from '../../src/records/registry';
import {
  installation,
  newInstallation,
  pendingAbsorptions,
  resetInstallationCache,
} from '../../src/settings/installation';
import { loadSettings, readSetting, saveSetting, settings } from '../../src/settings/repo';
import { readConfigState } from '../../src/sync/config';
import { acceptPreview, enrolment, previewAccepted, saveEnrolment } from '../../src/sync/enrolment';
import { beforeRestore, restoreIdentity } from '../../src/sync/restore-identity';
import { syncStatus } from '../../src/sync/status';
import { syncNow } from '../../src/sync/sync';
import {
  absorb,
  type ConfigResult,
  getConfig,
  type PutResult,
  putReport,
  putStatus,
} from '../../src/sync/upstream';

vi.mock('../../src/sync/upstream', () => ({
  putReport: vi.fn(),
  getConfig: vi.fn(),
  putStatus: vi.fn(),
  absorb: vi.fn(),
}));
const put = vi.mocked(putReport);
const status = vi.mocked(putStatus);
const config = vi.mocked(getConfig);
const absorbCall = vi.mocked(absorb);

const SERVER = 'https://pelita.example.org';
const ENROLMENT = {
  serverUrl: SERVER,
  deviceId: 'dev-1',
  token: 'tok-1',
  enrolledAt: '2026-01-01T00:00:00Z',
};
const OK: PutResult = { kind: 'ok', status: 'stored' };
const activity = (over: Partial<ActivityInput> = {}): ActivityInput => ({
  orgUnit: 'KH-12',
  date: '2026-01-15',
  kind: 'campaign_activity',
  title: 'Radio campaign',
  ...over,
});
const row = (period: string, orgUnit: string) => db.outbox.get(outboxKey(period, orgUnit));
const sentPairs = () =>
  put.mock.calls.map(([, , period, orgUnit, body]) => `${period}|${orgUnit}@${body.revision}`);

async function enrolled() {
  await saveEnrolment(ENROLMENT);
  await acceptPreview();
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  for (const m of [put, status, config, absorbCall]) m.mockReset();
  put.mockResolvedValue(OK);
  status.mockResolvedValue({ kind: 'ok' });
  config.mockResolvedValue({ kind: 'unchanged' });
  absorbCall.mockResolvedValue({ kind: 'absorbed', deviceId: 'dev-a' });
  await db.delete();
  await db.open();
  resetInstallationCache();
  enrolment.value = undefined;
  await loadSettings();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('the installation identity', () => {
  it('is made once (a UUID and 32 random bytes) and read back the same after a restart', async () => {
    const first = await installation();
    expect(first.installId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.installKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await installation()).toEqual(first);
    resetInstallationCache();
    expect(await installation()).toEqual(first);
    expect(newInstallation().installKey).not.toBe(first.installKey);
  });

  it('"Disconnect" keeps it, and enrolling again as the same device re-sends nothing already accepted', async () => {
    const mine = await installation();
    await enrolled();
    await saveActivity(activity());
    await syncNow({ force: true });
    expect(await pending()).toEqual([]);

    await saveEnrolment(null);
    resetInstallationCache();
    expect(await installation()).toEqual(mine);
    // The server knows the installation: same device id, a new token, it holds our months (resend: false).
    await saveEnrolment({ ...ENROLMENT, token: 'tok-2' }, { resend: false });
    expect(await pending()).toEqual([]);
    expect(previewAccepted.value).toBe(true);
    await syncNow({ force: true });
    expect(put).toHaveBeenCalledTimes(1);
  });

  it('a server that lost our numbers (resend: true) gets every month again, after the preview', async () => {
    await enrolled();
    await saveActivity(activity());
    await syncNow({ force: true });
    await saveEnrolment({ ...ENROLMENT, token: 'tok-2' }, { resend: true });
    expect((await pending()).map((r) => r.key)).toEqual(['2026-01|KH-12']);
    expect(previewAccepted.value).toBe(false);
  });

  it('a 401 keeps the identity and the enrolment, marked with what the server said', async () => {
    const mine = await installation();
    await enrolled();
    await saveActivity(activity());
    put.mockResolvedValueOnce({ kind: 'unauthorised', status: 401, error: 'unauthorized' });
    await syncNow({ force: true });
    expect(syncStatus.value.state).toBe('unauthorised');
    expect(enrolment.value).toMatchObject({
      deviceId: 'dev-1',
      refused: true,
      refusal: { status: 401, error: 'unauthorized' },
    });
    expect(await readSetting('installation')).toEqual(mine);
    expect(await pending()).toHaveLength(1);
    // Enrolled again as the same device: only what was waiting goes, once.
    await saveEnrolment({ ...ENROLMENT, token: 'tok-2' }, { resend: false });
    await syncNow({ force: true });
    expect(sentPairs()).toEqual(['2026-01|KH-12@1', '2026-01|KH-12@1']);
    expect(put.mock.calls[1]![1]).toMatchObject({ token: 'tok-2' });
    expect(await pending()).toEqual([]);
  });
});

describe('only real answers count', () => {
  it('a 409 that cannot be true is shown and retried later; the pair is never jumped, the others go on', async () => {
    await enrolled();
    await saveActivity(activity());
    await saveActivity(activity({ orgUnit: 'KH-13' }));
    put.mockResolvedValueOnce({ kind: 'implausible', currentRevision: 9007199254740991 });
    await syncNow({ force: true });
    expect(sentPairs()).toEqual(['2026-01|KH-12@1', '2026-01|KH-13@1']);
    expect(await row('2026-01', 'KH-12')).toMatchObject({
      revision: 1,
      sentRevision: 0,
      lastError: 'implausible_revision',
    });
    expect(syncStatus.value.state).toBe('problem');
    expect(syncStatus.value.notes).toEqual([
      { period: '2026-01', orgUnit: 'KH-12', kind: 'implausible_revision' },
    ]);
    const at = Date.parse((await row('2026-01', 'KH-12'))!.nextAttemptAt!);
    expect(at).toBeGreaterThan(Date.now());

    // Later the server answers sanely: the same small revision goes through.
    vi.setSystemTime(at + 1);
    await syncNow();
    expect(sentPairs().at(-1)).toBe('2026-01|KH-12@1');
    expect(await pending()).toEqual([]);
    expect(syncStatus.value).toMatchObject({ state: 'idle', notes: [] });
  });

  it('out of scope: the pair is kept, shown, and not asked about again for at least 10 minutes', async () => {
    await enrolled();
    await saveActivity(activity({ orgUnit: 'TH-10' }));
    await saveActivity(activity());
    put.mockImplementation(async (_u, _a, _p, orgUnit) =>
      orgUnit === 'TH-10' ? { kind: 'out-of-scope' } : OK,
    );
    await syncNow({ force: true });
    expect(await pending()).toMatchObject([{ key: '2026-01|TH-10', lastError: 'out_of_scope' }]);
    expect(syncStatus.value.notes).toEqual([{ period: '2026-01', orgUnit: 'TH-10', kind: 'out_of_scope' }]);
    const at = Date.parse((await row('2026-01', 'TH-10'))!.nextAttemptAt!);
    expect(at - Date.now()).toBeGreaterThanOrEqual(10 * 60_000);
    // Runs meanwhile leave it alone, even forced ones (each start-up forces one): no hot loop.
    const calls = put.mock.calls.length;
    for (let i = 0; i < 5; i++) await syncNow({ force: i % 2 === 0 });
    expect(put.mock.calls.length).toBe(calls);
    // Enrolled again (perhaps with a code for a wider area): asked about again at once.
    await saveEnrolment({ ...ENROLMENT, token: 'tok-2' }, { resend: false });
    await syncNow();
    expect(sentPairs().at(-1)).toBe('2026-01|TH-10@1');
  });
});

describe('heard from', () => {
  it('every run ends with the status: pending pairs and the oldest month', async () => {
    await enrolled();
    await saveActivity(activity({ date: '2025-11-03' }));
    await saveActivity(activity());
    put.mockResolvedValueOnce({ kind: 'invalid', issues: [{ path: [], code: 'x', message: 'errors.x' }] });
    await syncNow({ force: true });
    expect(status).toHaveBeenCalledTimes(1);
    expect(status.mock.calls[0]![2]).toMatchObject({ pending: 1, oldestPendingPeriod: '2025-11' });
    expect(Date.parse(status.mock.calls[0]![2].syncedAt)).toBe(Date.now());
    put.mockResolvedValue(OK);
    await syncNow({ force: true });
    expect(status.mock.calls[1]![2]).toMatchObject({ pending: 0, oldestPendingPeriod: null });
  });

  it('not before the person has seen the preview, and not when the server is unreachable', async () => {
    await saveEnrolment(ENROLMENT);
    await saveActivity(activity());
    await syncNow({ force: true });
    expect(status).not.toHaveBeenCalled();
    await acceptPreview();
    put.mockResolvedValueOnce({ kind: 'retry', reason: 'http 503' });
    await syncNow({ force: true });
    expect(status).not.toHaveBeenCalled();
  });
});

describe('settings from the server', () => {
  const LOCATIONS = [
    { code: 'KH', name: 'Cambodia', parent: null },
    { code: 'KH-12', name: 'Phnom Penh', parent: 'KH' },
    { code: 'KH-13', name: 'Preah Vihear', parent: 'KH' },
  ];
  const serverConfig = (over: object = {}): ConfigResult => ({
    kind: 'ok',
    etag: '"4"',
    config: {
      version: 4,
      homeCountry: 'KH',
      locations: LOCATIONS,
      thresholds: {
        hazardousHours: 40,
        lightWorkAge: 12,
        minimumAge: 15,
        belowLightWorkAgeHours: 1,
        lightWorkHours: 14,
        choreHours: 21,
      },
      dhis2Mapping: null,
      ...over,
    },
  });

  it('are applied, recorded as from the server; only the months whose numbers change go again', async () => {
    await enrolled();
    // A boy of 16 working 41 hours a week: not child labour under SDG 8.7.1 (43 h), hazardous under 40 h.
    await saveCase({
      id: newId(),
      orgUnit: 'KH-12',
      identifiedOn: '2026-01-10',
      channel: 'school',
      child: {
        name: 'Vuthy',
        sex: 'male',
        ageYears: 16,
        ageEstimated: false,
        nationality: 'KH',
        disability: 'no',
      },
      settlement: 'rural',
      work: {
        isic: 'A',
        workStatus: 'contributing_family',
        economicHours: 41,
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
    });
    await saveActivity(activity({ date: '2026-02-03' }));
    await saveSetting('homeCountry', 'KH');
    await syncNow({ force: true });
    expect(sentPairs()).toEqual(['2026-01|KH-12@1', '2026-02|KH-12@1']);

    config.mockResolvedValueOnce(serverConfig());
    await syncNow({ force: true });
    expect(settings.value).toMatchObject({ homeCountry: 'KH', thresholds: { hazardousHours: 40 } });
    expect(await readConfigState()).toMatchObject({
      serverUrl: SERVER,
      version: 4,
      etag: '"4"',
      from: ['locations', 'homeCountry', 'thresholds'],
      refused: [],
    });
    expect((await readSetting<{ locations: unknown[] }>('locations.custom'))?.locations).toHaveLength(3);
    // January's case is counted otherwise now: re-sent. February has only an activity: its numbers stay.
    expect(sentPairs()).toEqual(['2026-01|KH-12@1', '2026-02|KH-12@1', '2026-01|KH-12@2']);
    expect(await pending()).toEqual([]);

    // The next run asks with the ETag held and, unchanged, sends nothing.
    await syncNow({ force: true });
    expect(config.mock.calls.at(-1)![2]).toBe('"4"');
    expect(put).toHaveBeenCalledTimes(3);
  });

  it('a newer version named at enrolment is fetched whole, not with the old ETag', async () => {
    await enrolled();
    config.mockResolvedValueOnce(serverConfig());
    await syncNow({ force: true });
    await saveEnrolment({ ...ENROLMENT, token: 'tok-2', configVersion: 5 }, { resend: false });
    await syncNow({ force: true });
    expect(config.mock.calls.at(-1)![2]).toBeNull();
  });

  it('a part the device refuses (a list with a loop) is not used, and said so', async () => {
    await enrolled();
    config.mockResolvedValueOnce(
      serverConfig({
        locations: [
          { code: 'A', name: 'A', parent: 'B' },
          { code: 'B', name: 'B', parent: 'A' },
        ],
      }),
    );
    await syncNow({ force: true });
    expect(await readConfigState()).toMatchObject({ refused: ['locations'] });
    expect(await readSetting('locations.custom')).toBeUndefined();
  });
});

describe('restoring a backup', () => {
  it('of another installation into a device with records: absorbs it, then re-sends every month', async () => {
    await enrolled();
    await saveActivity(activity());
    await saveActivity(activity({ date: '2026-02-02' }));
    await syncNow({ force: true });
    const other = newInstallation();
    const before = await beforeRestore();
    expect(await restoreIdentity(other, before)).toBe('absorb');
    expect(await pendingAbsorptions()).toEqual([other]);

    await syncNow({ force: true });
    expect(absorbCall).toHaveBeenCalledTimes(1);
    expect(absorbCall.mock.calls[0]![2]).toEqual(other);
    expect(sentPairs()).toEqual(['2026-01|KH-12@1', '2026-02|KH-12@1', '2026-01|KH-12@2', '2026-02|KH-12@2']);
    expect(await pendingAbsorptions()).toEqual([]);
    // Our own identity stays.
    expect((await installation()).installId).not.toBe(other.installId);
  });

  it('absorbs before any report goes: while the absorb fails, no report is sent', async () => {
    await enrolled();
    await saveActivity(activity());
    const other = newInstallation();
    await restoreIdentity(other, await beforeRestore());
    absorbCall.mockResolvedValueOnce({ kind: 'retry', reason: 'http 503' });
    await syncNow({ force: true });
    expect(put).not.toHaveBeenCalled();
    expect(await pendingAbsorptions()).toEqual([other]);
    await syncNow({ force: true });
    expect(put).toHaveBeenCalledTimes(1);
  });

  it('not enrolled yet: remembered, and absorbed at the first sync after enrolment', async () => {
    await saveActivity(activity());
    const other = newInstallation();
    expect(await restoreIdentity(other, await beforeRestore())).toBe('absorb');
    await syncNow({ force: true });
    expect(absorbCall).not.toHaveBeenCalled();
    await enrolled();
    await syncNow({ force: true });
    expect(absorbCall).toHaveBeenCalledTimes(1);
  });

  it('a refused absorb (another key) is shown, not asked again', async () => {
    await enrolled();
    await saveActivity(activity());
    await restoreIdentity(newInstallation(), await beforeRestore());
    absorbCall.mockResolvedValueOnce({ kind: 'refused', status: 409, error: 'install_conflict' });
    await syncNow({ force: true });
    expect(syncStatus.value.absorbRefused).toBe('install_conflict');
    await syncNow({ force: true });
    expect(absorbCall).toHaveBeenCalledTimes(1);
  });

  it('into an empty device: it simply continues as that installation', async () => {
    await installation();
    const other = newInstallation();
    expect(await restoreIdentity(other, await beforeRestore())).toBe('adopted');
    expect(await installation()).toEqual(other);
    resetInstallationCache();
    expect(await installation()).toEqual(other);
    expect(await pendingAbsorptions()).toEqual([]);
  });

  it("of this installation's own backup: nothing changes", async () => {
    await saveActivity(activity());
    const mine = await installation();
    expect(await restoreIdentity({ ...mine }, await beforeRestore())).toBe('same');
    expect(await pendingAbsorptions()).toEqual([]);
    expect(await restoreIdentity(undefined, await beforeRestore())).toBe('none');
  });
});

describe('the backup carries the identity', () => {
  // A device with no record of any type.
  const records = Object.fromEntries(RECORD_TABLES.map((t) => [t, []])) as unknown as BackupRecords;

  it('inside the (encrypted) file, and back out of it', async () => {
    const { buildBackup, parseBackup } = await import('../../src/export/backup');
    const { encryptWith, encryptedEnvelope, openBackup } = await import('../../src/privacy/backup');
    const { deriveKey } = await import('../../src/privacy/crypto');
    const mine = await installation();
    const text = buildBackup(records, 'Tablet A', new Date(), mine);
    const key = await deriveKey('correct horse', 'c2FsdHNhbHRzYWx0c2FsdA', 1);
    const sealed = await encryptWith(key, 'c2FsdHNhbHRzYWx0c2FsdA', 1, text);
    expect(sealed).not.toContain(mine.installKey);
    const opened = await openBackup(encryptedEnvelope(sealed)!, 'correct horse');
    const parsed = parseBackup(opened!);
    expect(parsed.ok && parsed.file.installation).toEqual(mine);
  });

  it('an older backup has none; a malformed one is ignored, not trusted', async () => {
    const { buildBackup, parseBackup } = await import('../../src/export/backup');
    const old = parseBackup(buildBackup(records, 'x'));
    expect(old.ok && old.file.installation).toBeUndefined();
    const bad = JSON.parse(buildBackup(records, 'x'));
    bad.installation = { installId: 'not-a-uuid', installKey: 'short' };
    const parsed = parseBackup(JSON.stringify(bad));
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.file.installation).toBeUndefined();
  });

  it("the error screen's dump carries it too (its settings table)", async () => {
    const { parseBackup } = await import('../../src/export/backup');
    const mine = await installation();
    const dump = {
      format: 'pelita.dump/1',
      tables: { activities: [], settings: [{ key: 'installation', value: mine }] },
    };
    const parsed = parseBackup(JSON.stringify(dump));
    expect(parsed.ok && parsed.file.installation).toEqual(mine);
  });
});
