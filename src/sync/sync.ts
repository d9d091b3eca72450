// The device side of sync (SPEC §6): drains the outbox of (period, orgUnit) pairs whose counts changed,
// one PUT each, with the counts computed fresh from the records at send time. Runs at start-up, when the
// device comes online, after a change, on demand and on Background Sync; one run at a time (Web Locks across
// tabs). A failure never blocks data entry and never drops a change: a pair stays pending until the upstream
// has accepted its latest revision.

import { pending } from '../records/outbox';
import { readSetting } from '../settings/repo';
import { enrolment, loadEnrolment } from './enrolment';
import type { ReportBody } from './protocol';
import { setStatus, syncStatus } from './status';

type Row = Awaited<ReturnType<typeof pending>>[number];

// The report builder (tally code) loads for the preview; the run itself (./run.ts, with the network module
// and zod) only when the device is enrolled.
const report = () => import('./report');

/** The report for one (period, orgUnit), exactly as it will be sent. Only counts: no record, no name. */
export async function buildReport(period: string, orgUnit: string, revision: number): Promise<ReportBody> {
  return (await report()).buildReport(period, orgUnit, revision);
}

/** What the next sync would send, for the preview. */
export async function previewPending(): Promise<Array<{ row: Row; body: ReportBody }>> {
  return (await report()).previewPending();
}

let running: Promise<void> | null = null;
/** A run asked for while one was going; `force` is kept, so "came online" is not downgraded to a wait. */
let again: { force: boolean } | null = null;

/** Runs a sync now, or after the one in progress. `force` ignores each pair's retry time. */
export function syncNow({ force = false } = {}): Promise<void> {
  if (running) {
    again = { force: force || (again?.force ?? false) };
    return running;
  }
  const run = async () => {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks)
      await locks.request('pelita-sync', { ifAvailable: true }, async (lock) =>
        lock ? drain(force) : undefined,
      );
    else await drain(force);
  };
  running = run()
    .catch((err) => setStatus({ state: 'error', lastError: String((err as Error)?.message ?? err) }))
    .finally(() => {
      running = null;
      if (again) {
        const next = again;
        again = null;
        void syncNow(next);
      }
    });
  return running;
}

async function drain(force: boolean) {
  const e = enrolment.value === undefined ? await loadEnrolment() : enrolment.value;
  if (!e || e.refused) {
    setStatus({ pending: (await pending()).length });
    return setStatus({ state: e?.refused ? 'unauthorised' : 'not_enrolled' });
  }
  await (await import('./run')).drain(e, force, () => void syncNow());
}

const LAST_SUCCESS = 'syncLastSuccess';

let changeTimer: ReturnType<typeof setTimeout> | undefined;
/** Wires the triggers: start-up, coming online, a saved change, Background Sync, coming back to the app. */
export function startSync() {
  // Made once, on first start, and kept: this installation's identity upstream (settings/installation.ts).
  void import('../settings/installation').then((m) => m.installation());
  window.addEventListener('online', () => void syncNow({ force: true }));
  window.addEventListener('offline', () => setStatus({ state: 'offline' }));
  window.addEventListener('pelita:sync-now', () => void syncNow({ force: true }));
  // The home country decides national or foreign: a change re-sends every month (resendIfCountingChanged).
  window.addEventListener('pelita:counting-changed', () => void syncNow({ force: true }));
  window.addEventListener('pelita:changed', () => {
    clearTimeout(changeTimer);
    // A change is sent soon, but never sooner than the server asked.
    changeTimer = setTimeout(() => void syncNow(), 2_000);
    void registerBackgroundSync();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void syncNow();
  });
  void readSetting<string>(LAST_SUCCESS).then((at) => {
    if (at && !syncStatus.value.lastSuccessAt) setStatus({ lastSuccessAt: at });
  });
  void syncNow({ force: true });
}

/** Asks the browser to wake the service worker when a connection is back (Chromium has it; others ignore). */
async function registerBackgroundSync() {
  try {
    const reg = (await navigator.serviceWorker?.getRegistration()) as
      | (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })
      | undefined;
    await reg?.sync?.register('pelita-sync');
  } catch {
    // Not supported or not allowed: the online event and start-up still sync.
  }
}

export { syncStatus };
