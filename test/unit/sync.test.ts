// The device side of sync (src/sync/sync.ts) with the network swapped out: src/sync/upstream.ts is mocked, so
// each test decides what the server answers (200, 409, 401, 400, 429, no network) and checks what the device
// then keeps, shows and sends. Records are saved through the real repos into fake-indexeddb.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveActivity } from '../../src/activities/repo';
import type { ActivityInput } from '../../src/activities/schema';
import { db } from '../../src/db/db';
import { outboxKey, pending } from '../../src/records/outbox';
import { acceptPreview, enrolment, loadEnrolment, saveEnrolment } from '../../src/sync/enrolment';
import type { ReportBody } from '../../src/sync/protocol';
import { syncStatus } from '../../src/sync/status';
import { previewPending, syncNow } from '../../src/sync/sync';
import { absorb, getConfig, type PutResult, putReport, putStatus } from '../../src/sync/upstream';

vi.mock('../../src/sync/upstream', () => ({
  putReport: vi.fn(),
  getConfig: vi.fn(),
  putStatus: vi.fn(),
  absorb: vi.fn(),
}));
const put = vi.mocked(putReport);

const SERVER = 'https://pelita.example.org';
const ENROLMENT = {
  serverUrl: SERVER,
  deviceId: 'dev-1',
  token: 'tok-1',
  enrolledAt: '2026-01-01T00:00:00Z',
};

/** What the device sent, in order: (period, orgUnit, body). */
const sent = () => put.mock.calls.map(([, , period, orgUnit, body]) => ({ period, orgUnit, body }));
const answer = (...results: PutResult[]) => {
  for (const r of results) put.mockResolvedValueOnce(r);
};
const OK: PutResult = { kind: 'ok', status: 'stored' };

const activity = (over: Partial<ActivityInput> = {}): ActivityInput => ({
  orgUnit: 'KH-12',
  date: '2026-01-15',
  kind: 'campaign_activity',
  title: 'Radio campaign',
  ...over,
});
const activitiesIn = (body: ReportBody) =>
  body.values.filter((v) => v.indicator === 'ACTIVITIES').reduce((n, v) => n + v.value, 0);
/** Lets IndexedDB work (setImmediate is not faked) until `done`, without moving the fake clock. */
async function until(done: () => Promise<boolean>) {
  for (let i = 0; i < 500 && !(await done()); i++) await new Promise((r) => setImmediate(r));
}
const row = async (period: string, orgUnit: string) => db.outbox.get(outboxKey(period, orgUnit));

beforeEach(async () => {
  // Timers and the clock are fake so a scheduled retry never fires into the next test and a test can jump to
  // the retry time; IndexedDB (setImmediate) stays real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  put.mockReset();
  vi.mocked(getConfig).mockResolvedValue({ kind: 'unchanged' });
  vi.mocked(putStatus).mockResolvedValue({ kind: 'ok' });
  vi.mocked(absorb).mockResolvedValue({ kind: 'absorbed', deviceId: null });
  await db.delete();
  await db.open();
  await saveEnrolment(ENROLMENT);
  await acceptPreview();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('syncNow', () => {
  it('sends each changed (period, orgUnit) once with its counts and empties the outbox on 200', async () => {
    await saveActivity(activity());
    await saveActivity(activity({ date: '2026-01-20', kind: 'study_research' }));
    await saveActivity(activity({ orgUnit: 'KH-13' }));
    answer(OK, OK);
    await syncNow({ force: true });

    expect(sent().map((s) => [s.period, s.orgUnit, s.body.revision])).toEqual([
      ['2026-01', 'KH-12', 2],
      ['2026-01', 'KH-13', 1],
    ]);
    expect(sent()[0]!.body.values).toEqual(
      expect.arrayContaining([
        { indicator: 'ACTIVITIES', disaggregation: { kind: 'campaign_activity' }, value: 1 },
        { indicator: 'ACTIVITIES', disaggregation: { kind: 'study_research' }, value: 1 },
      ]),
    );
    expect(put.mock.calls[0]![1]).toMatchObject({ deviceId: 'dev-1', token: 'tok-1' });
    expect(await pending()).toEqual([]);
    expect(syncStatus.value).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(syncStatus.value.lastSuccessAt).not.toBeNull();
  });

  it('sends what the preview showed', async () => {
    await saveActivity(activity());
    const [preview] = await previewPending();
    answer(OK);
    await syncNow({ force: true });
    const { generatedAt: _p, ...shown } = preview!.body;
    const { generatedAt: _s, ...went } = sent()[0]!.body;
    expect(went).toEqual(shown);
  });

  it('sends nothing before the person has seen the preview, or when not enrolled', async () => {
    await saveActivity(activity());
    await db.settings.delete('syncPreviewAccepted');
    await loadEnrolment();
    await syncNow({ force: true });
    expect(syncStatus.value.state).toBe('needs_preview');
    await saveEnrolment(null);
    await syncNow({ force: true });
    expect(syncStatus.value.state).toBe('not_enrolled');
    expect(put).not.toHaveBeenCalled();
    expect(await pending()).toHaveLength(1);
  });

  it('on 409 recomputes and resends above the revision the server holds', async () => {
    await saveActivity(activity());
    answer({ kind: 'stale', currentRevision: 7 }, OK);
    await syncNow({ force: true });
    expect(sent().map((s) => s.body.revision)).toEqual([1, 8]);
    expect(activitiesIn(sent()[1]!.body)).toBe(1);
    expect(await row('2026-01', 'KH-12')).toMatchObject({ revision: 8, sentRevision: 8 });
    expect(await pending()).toEqual([]);
    // The next change goes on from there, never below what the server has.
    await saveActivity(activity({ date: '2026-01-02' }));
    answer(OK);
    await syncNow({ force: true });
    expect(sent()[2]!.body.revision).toBe(9);
  });

  it('a server that answers 409 again and again is asked three times, then backed off from', async () => {
    await saveActivity(activity());
    put.mockResolvedValue({ kind: 'stale', currentRevision: 50 });
    await syncNow({ force: true });
    expect(put).toHaveBeenCalledTimes(3);
    const kept = await row('2026-01', 'KH-12');
    expect(kept).toMatchObject({ attempts: 1, lastError: 'stale_revision' });
    expect(Date.parse(kept!.nextAttemptAt!)).toBeGreaterThan(Date.now());
    await syncNow();
    expect(put).toHaveBeenCalledTimes(3);
  });

  it('on 401 marks the enrolment refused, stops, and keeps the pair', async () => {
    await saveActivity(activity());
    await saveActivity(activity({ orgUnit: 'KH-13' }));
    answer({ kind: 'unauthorised', status: 401, error: 'unauthorized' });
    await syncNow({ force: true });
    expect(put).toHaveBeenCalledTimes(1);
    expect(syncStatus.value.state).toBe('unauthorised');
    expect(enrolment.value?.refused).toBe(true);
    expect((await loadEnrolment())?.refused).toBe(true);
    expect(await pending()).toHaveLength(2);
    // Nothing more is sent with a refused token, even on demand.
    await syncNow({ force: true });
    expect(put).toHaveBeenCalledTimes(1);
  });

  it('on 400 shows the problem, keeps the pair for later and goes on with the others', async () => {
    await saveActivity(activity());
    await saveActivity(activity({ orgUnit: 'KH-13' }));
    const issues = [
      { path: ['values', 0, 'indicator'], code: 'invalid_value', message: 'errors.unknownIndicator' },
    ];
    answer({ kind: 'invalid', issues }, OK);
    await syncNow({ force: true });
    expect(sent().map((s) => s.orgUnit)).toEqual(['KH-12', 'KH-13']);
    expect(syncStatus.value.state).toBe('problem');
    expect(syncStatus.value.problem).toEqual({ period: '2026-01', orgUnit: 'KH-12', issues });
    const kept = await row('2026-01', 'KH-12');
    expect(kept).toMatchObject({ revision: 1, sentRevision: 0, attempts: 1 });
    expect(Date.parse(kept!.nextAttemptAt!)).toBeGreaterThan(Date.now());
    expect((await pending()).map((r) => r.orgUnit)).toEqual(['KH-12']);
  });

  it('on 429 waits as long as Retry-After says before sending again', async () => {
    await saveActivity(activity());
    await saveActivity(activity({ orgUnit: 'KH-13' }));
    answer({ kind: 'rate-limited', retryAfterMs: 120_000 });
    const before = Date.now();
    await syncNow({ force: true });
    expect(put).toHaveBeenCalledTimes(1);
    expect(syncStatus.value.state).toBe('waiting');
    const kept = await row('2026-01', 'KH-12');
    const at = Date.parse(kept!.nextAttemptAt!);
    expect(at).toBeGreaterThanOrEqual(before + 120_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(await pending()).toHaveLength(2);
    // An automatic run before then sends nothing at all: the wait holds for the whole device.
    await saveActivity(activity({ orgUnit: 'KH-14' }));
    await syncNow();
    expect(put).toHaveBeenCalledTimes(1);
    expect(syncStatus.value.state).toBe('waiting');
    // Once the time has come, everything goes.
    vi.setSystemTime(Date.now() + 121_000);
    answer(OK, OK, OK);
    await syncNow();
    expect(sent().map((s) => s.orgUnit)).toEqual(['KH-12', 'KH-12', 'KH-13', 'KH-14']);
    expect(await pending()).toEqual([]);
  });

  it('on a network error backs off, keeps the pair and retries by itself', async () => {
    await saveActivity(activity());
    answer({ kind: 'retry', reason: 'network: Failed to fetch' });
    const before = Date.now();
    await syncNow({ force: true });
    expect(syncStatus.value.state).toBe('error');
    const kept = await row('2026-01', 'KH-12');
    expect(kept).toMatchObject({ attempts: 1, sentRevision: 0, lastError: 'network: Failed to fetch' });
    const at = Date.parse(kept!.nextAttemptAt!);
    // First retry: between 1 s and the 5 s cap of the backoff.
    expect(at).toBeGreaterThanOrEqual(before + 1_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 5_000);
    await syncNow();
    expect(put).toHaveBeenCalledTimes(1);

    answer(OK);
    await vi.advanceTimersByTimeAsync(at - Date.now() + 10);
    await vi.waitFor(async () => expect(await pending()).toEqual([]));
    expect(put).toHaveBeenCalledTimes(2);
    expect(sent()[1]!.body.revision).toBe(1);
    expect(await row('2026-01', 'KH-12')).toMatchObject({
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
    });
  });

  it('a connection that drops mid-send shows as offline, not as a fault, and keeps the pair', async () => {
    await saveActivity(activity());
    const online = { onLine: true };
    vi.stubGlobal('navigator', online);
    try {
      put.mockImplementationOnce(async () => {
        online.onLine = false;
        return { kind: 'retry', reason: 'network: Failed to fetch' };
      });
      await syncNow({ force: true });
      expect(syncStatus.value.state).toBe('offline');
      expect(await pending()).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('"Sync now" pressed during a run sends right after it, whatever the backoff says', async () => {
    await saveActivity(activity());
    let pressed: Promise<void> | undefined;
    put.mockImplementationOnce(async () => {
      pressed = syncNow({ force: true });
      return { kind: 'retry', reason: 'http 503' };
    });
    answer(OK);
    await syncNow({ force: true });
    await pressed;
    // No clock moves here: only a run that ignores the backoff can send again.
    await until(async () => (await pending()).length === 0);
    expect(put).toHaveBeenCalledTimes(2);
  });

  it('a change saved while a report is on its way keeps the pair pending, and the next run sends it', async () => {
    await saveActivity(activity());
    put.mockImplementationOnce(async () => {
      await saveActivity(activity({ date: '2026-01-28', title: 'Second campaign' }));
      return OK;
    });
    await syncNow({ force: true });
    expect(activitiesIn(sent()[0]!.body)).toBe(1);
    expect(await row('2026-01', 'KH-12')).toMatchObject({ revision: 2, sentRevision: 1 });
    expect(await pending()).toHaveLength(1);

    answer(OK);
    await syncNow({ force: true });
    expect(sent()[1]!.body.revision).toBe(2);
    expect(activitiesIn(sent()[1]!.body)).toBe(2);
    expect(await pending()).toEqual([]);
  });

  it('editing or deleting an old record re-sends its month; moving it re-sends both places', async () => {
    const a = await saveActivity(activity());
    answer(OK);
    await syncNow({ force: true });
    await saveActivity(activity({ orgUnit: 'KH-13', date: '2026-02-03' }), a.id);
    answer(OK, OK);
    await syncNow({ force: true });
    const moved = sent().slice(1);
    expect(moved.map((s) => [s.period, s.orgUnit, activitiesIn(s.body)])).toEqual([
      ['2026-01', 'KH-12', 0],
      ['2026-02', 'KH-13', 1],
    ]);
    // An empty report replaces the old numbers: the count drops to zero upstream.
    expect(moved[0]!.body.values).toEqual([]);
  });
});

describe('when what the counts mean changes', () => {
  it('re-sends every month already sent after the home country changes', async () => {
    const { saveSetting } = await import('../../src/settings/repo');
    await saveSetting('homeCountry', 'KH');
    await saveActivity(activity());
    await saveActivity(activity({ date: '2026-02-03', orgUnit: 'KH-13' }));
    answer(OK, OK);
    await syncNow({ force: true });
    expect(await pending()).toEqual([]);

    // A Cambodian child counted as national is foreign once the device's home is Thailand.
    await saveSetting('homeCountry', 'TH');
    answer(OK, OK);
    await syncNow({ force: true });
    expect(sent().map((s) => [s.period, s.orgUnit, s.body.revision])).toEqual([
      ['2026-01', 'KH-12', 1],
      ['2026-02', 'KH-13', 1],
      ['2026-01', 'KH-12', 2],
      ['2026-02', 'KH-13', 2],
    ]);
    expect(await pending()).toEqual([]);

    // Nothing changed since: nothing is sent again.
    await syncNow({ force: true });
    expect(sent()).toHaveLength(4);
  });
});

describe('enrolling again', () => {
  it('makes every month due for the new identity, after the person has seen the preview again', async () => {
    await saveActivity(activity());
    answer(OK);
    await syncNow({ force: true });
    expect(await pending()).toEqual([]);

    await saveEnrolment({ ...ENROLMENT, deviceId: 'dev-2', token: 'tok-2' });
    expect((await pending()).map((r) => r.key)).toEqual(['2026-01|KH-12']);
    await syncNow({ force: true });
    expect(sent()).toHaveLength(1);
    expect(syncStatus.value.state).toBe('needs_preview');

    await acceptPreview();
    answer(OK);
    await syncNow({ force: true });
    expect(put.mock.calls.at(-1)?.[1]).toMatchObject({ deviceId: 'dev-2' });
    expect(await pending()).toEqual([]);
  });
});
