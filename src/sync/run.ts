// One sync run for an enrolled device (SPEC §6), loaded only when the device is enrolled, so a device that is
// not never loads it at start-up: the deployment's settings (config, a cheap 304 when unchanged), then any
// installation restored here is absorbed, then each pending (period, orgUnit) is sent, and the run ends with
// the device's status ("heard from"). A failure never blocks data entry and never drops a change.
import { APP_VERSION } from '../lib/version';
import {
  allRows,
  markAllChanged,
  markFailed,
  markPairsChanged,
  markSent,
  pending,
  raiseRevision,
} from '../records/outbox';
import { absorbed, pendingAbsorptions } from '../settings/installation';
import { readSetting, writeSetting } from '../settings/repo';
import { backoffDelay } from './backoff';
import { applyConfig } from './config';
import { type Enrolment, markRefused, previewAccepted } from './enrolment';
import type { ConfigResponse } from './protocol';
import { PAIR_NOTES, setStatus, syncStatus } from './status';
import * as up from './upstream';

type Row = Awaited<ReturnType<typeof pending>>[number];

const report = () => import('./report');

const COUNTING_STAMP = 'syncCountingStamp';

/**
 * When what the counts mean changes — the home country (national or foreign), the catalog or the counting
 * rules after an update — every month already sent is sent again: the same records now give other numbers.
 */
async function resendIfCountingChanged() {
  const stamp = (await report()).currentStamp();
  const sent = await readSetting<string>(COUNTING_STAMP);
  if (sent === stamp) return;
  if (sent !== undefined) await markAllChanged(new Date().toISOString());
  await writeSetting(COUNTING_STAMP, stamp);
}

/**
 * Until when the upstream asked us to wait (429 Retry-After) or is backed off after a failure. It holds for
 * the whole device, not one pair: a rate-limited or failing server gets no request at all from automatic
 * runs until then. Only the person ("Sync now") and the browser's "online" event skip it.
 */
let notBefore = 0;

let timer: ReturnType<typeof setTimeout> | undefined;
/** What a scheduled retry calls (sync.ts's syncNow, so it queues behind a run in progress). */
let retryRun: () => void = () => undefined;

type Upstream = typeof up;

/** Pairs the server keeps refusing in a way the person should read about (out of scope, a lying 409). */
const notesOf = (rows: Row[]) =>
  rows
    .filter((r) => PAIR_NOTES.includes(r.lastError as never))
    .map((r) => ({ period: r.period, orgUnit: r.orgUnit, kind: r.lastError as (typeof PAIR_NOTES)[number] }));

export async function drain(e: Enrolment, force: boolean, again: () => void) {
  retryRun = again;
  const before = await pending();
  setStatus({ pending: before.length, notes: notesOf(before) });
  const reachable = !isOffline() && (force || Date.now() >= notBefore);
  // The deployment's settings first, so the preview and the reports are counted the deployment's way.
  if (reachable && !(await checkConfig(e, up))) return;
  if (!previewAccepted.value) return setStatus({ state: 'needs_preview' });
  await resendIfCountingChanged();
  // A restored backup of another installation: its reports leave the sums before ours include its records.
  if (reachable && !(await absorbRestored(e, up))) return;
  const rows = await pending();
  setStatus({ pending: rows.length, notes: notesOf(rows) });
  if (rows.length === 0) {
    setStatus({ state: 'idle' });
    if (reachable) await reportStatus(e, up, rows);
    return;
  }
  if (isOffline()) return setStatus({ state: 'offline' });

  const now = Date.now();
  if (!reachable) {
    scheduleRetry(rows);
    return setStatus({ state: 'waiting' });
  }
  // Forced runs (start-up, online, "Sync now") skip each pair's wait, except an out-of-scope one's: the answer
  // cannot change before the enrolment does (saveEnrolment clears that wait).
  const due = rows.filter(
    (r) =>
      (force && r.lastError !== 'out_of_scope') || !r.nextAttemptAt || Date.parse(r.nextAttemptAt) <= now,
  );
  setStatus({ state: 'syncing' });
  let stopped = false;
  for (const row of due) {
    const outcome = await sendRow(e, row);
    if (outcome === 'stop') {
      stopped = true;
      break;
    }
  }
  const left = await pending();
  const notes = notesOf(left);
  setStatus({ pending: left.length, notes });
  // A refused report (400) stays in view until its pair is accepted; a success elsewhere does not hide it.
  if (!stopped) {
    setStatus(
      left.length === 0
        ? { state: 'idle', problem: null }
        : { state: syncStatus.value.problem || notes.length ? 'problem' : 'waiting' },
    );
    await reportStatus(e, up, left);
  }
  scheduleRetry(left);
}

/** A refused token: kept, with what the server said, so the Sync screen offers to enrol again. */
async function refused(e: Enrolment, res: { status: number; error: string }) {
  await markRefused(e, res.status, res.error);
  setStatus({ state: 'unauthorised' });
}

/** Fetches the config when it changed (a `304` otherwise). False: stop this run (token refused). */
async function checkConfig(e: Enrolment, up: Upstream): Promise<boolean> {
  const res = await up.getConfig(e.serverUrl, e, await configEtag(e));
  if (res.kind === 'unauthorised') {
    await refused(e, res);
    return false;
  }
  if (res.kind === 'ok') await applyWithResend(e, res.config, res.etag);
  return true;
}

/**
 * Applies the server's settings and re-sends the months whose numbers they change: each pair's counts are
 * read before and after (a new home country or thresholds recount the months), and only those that differ
 * are marked. When the counts were last sent under other rules still (an app update), every month goes.
 */
async function applyWithResend(e: Enrolment, config: ConfigResponse, etag: string | null) {
  const r = await report();
  const stamp = r.currentStamp();
  const precise = (await readSetting<string>(COUNTING_STAMP)) === stamp;
  const rows = precise ? await allRows() : [];
  const before = new Map<string, string>();
  for (const row of rows) before.set(row.key, await r.countsOf(row.period, row.orgUnit));
  await applyConfig(e.serverUrl, config, etag);
  if (!precise || r.currentStamp() === stamp) return;
  const changed: Array<readonly [string, string]> = [];
  for (const row of rows)
    if ((await r.countsOf(row.period, row.orgUnit)) !== before.get(row.key))
      changed.push([row.period, row.orgUnit]);
  await markPairsChanged(changed, new Date().toISOString());
  await writeSetting(COUNTING_STAMP, r.currentStamp());
}

/** The ETag of the config held from this server, unless enrolment said the version moved on. */
async function configEtag(e: Enrolment): Promise<string | null> {
  const held = await readSetting<{ serverUrl: string; version: number; etag: string | null }>('serverConfig');
  if (!held || held.serverUrl !== e.serverUrl) return null;
  if (e.configVersion !== undefined && e.configVersion > held.version) return null;
  return held.etag;
}

/** Absorbs every installation whose backup was restored here. False: stop this run. */
async function absorbRestored(e: Enrolment, up: Upstream): Promise<boolean> {
  for (const other of await pendingAbsorptions()) {
    const res = await up.absorb(e.serverUrl, e, other);
    if (res.kind === 'unauthorised') {
      await refused(e, res);
      return false;
    }
    if (res.kind === 'retry') {
      notBefore = Date.parse(retryAt(1));
      setStatus({ state: isOffline() ? 'offline' : 'error', lastError: res.reason });
      return false;
    }
    // Absorbed, never enrolled here, or refused for good (a wrong key, another's scope): either way asking
    // again cannot change the answer. A refusal is shown; every month goes again so ours hold the records.
    await absorbed(other.installId);
    if (res.kind === 'refused') setStatus({ absorbRefused: res.error });
    await markAllChanged(new Date().toISOString());
  }
  return true;
}

/** "Heard from": how this device stands, at the end of the run. A failure here changes nothing else. */
async function reportStatus(e: Enrolment, up: Upstream, left: Row[]) {
  const oldest = left.map((r) => r.period).sort()[0] ?? null;
  const res = await up.putStatus(e.serverUrl, e, {
    appVersion: APP_VERSION.slice(0, 50),
    pending: left.length,
    oldestPendingPeriod: oldest,
    syncedAt: new Date().toISOString(),
  });
  if (res.kind === 'unauthorised') await refused(e, res);
}

/** Sends one pair. 'stop' ends this run (offline, server down, rate limited, token refused). */
async function sendRow(e: Enrolment, row: Row): Promise<'next' | 'stop'> {
  const { putReport } = up;
  let revision = row.revision;
  for (let tries = 0; tries < 3; tries++) {
    const body = await (await report()).buildReport(row.period, row.orgUnit, revision);
    const res = await putReport(e.serverUrl, e, row.period, row.orgUnit, body);
    switch (res.kind) {
      case 'ok': {
        notBefore = 0;
        await markSent(row.key, revision);
        const at = new Date().toISOString();
        const p = syncStatus.value.problem;
        const solved = p?.period === row.period && p.orgUnit === row.orgUnit;
        setStatus({ lastSuccessAt: at, lastError: null, ...(solved ? { problem: null } : {}) });
        await writeSetting(LAST_SUCCESS, at);
        return 'next';
      }
      case 'stale':
        // The upstream has a newer revision of ours (a restored backup): recompute and send above it.
        revision = await raiseRevision(row.key, res.currentRevision);
        continue;
      case 'implausible':
        // Never jumped to: a revision near 2^53 would jam the pair for good. Shown, retried later.
        await markFailed(row.key, retryAt(row.attempts + 1), 'implausible_revision');
        return 'next';
      case 'out-of-scope':
        // Kept, not dropped (the enrolment may be widened); shown, and retried only slowly.
        await markFailed(row.key, slowRetryAt(row.attempts + 1), 'out_of_scope');
        return 'next';
      case 'unauthorised':
        await refused(e, res);
        return 'stop';
      case 'invalid':
        await markFailed(row.key, retryAt(row.attempts + 1), JSON.stringify(res.issues));
        setStatus({
          state: 'problem',
          problem: { period: row.period, orgUnit: row.orgUnit, issues: res.issues },
        });
        return 'next';
      case 'rate-limited': {
        notBefore = Date.now() + (res.retryAfterMs ?? 30_000);
        await markFailed(row.key, new Date(notBefore).toISOString(), 'rate_limited');
        setStatus({ state: 'waiting', lastError: 'rate_limited' });
        return 'stop';
      }
      case 'retry': {
        const at = retryAt(row.attempts + 1);
        notBefore = Date.parse(at);
        await markFailed(row.key, at, res.reason);
        // The connection dropped mid-send: that is being offline, not a fault to attend to.
        setStatus({ state: isOffline() ? 'offline' : 'error', lastError: res.reason });
        return 'stop';
      }
    }
  }
  // Refused as stale every time (a server that lost its mind): back off rather than ask again each second.
  await markFailed(row.key, retryAt(row.attempts + 1), 'stale_revision');
  return 'next';
}

/** An out-of-scope pair is asked about again after 10 minutes at the soonest (a code is not widened faster). */
const slowRetryAt = (attempt: number) =>
  new Date(Date.now() + Math.max(10 * 60_000, backoffDelay(attempt))).toISOString();

const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

const retryAt = (attempt: number) => new Date(Date.now() + backoffDelay(attempt)).toISOString();

function scheduleRetry(rows: Row[]) {
  clearTimeout(timer);
  const earliest = rows
    .map((r) => (r.nextAttemptAt ? Date.parse(r.nextAttemptAt) : Date.now()))
    .sort((a, b) => a - b)[0];
  if (earliest === undefined) return;
  const next = Math.max(earliest, notBefore);
  timer = setTimeout(() => retryRun(), Math.max(1_000, next - Date.now()));
}

const LAST_SUCCESS = 'syncLastSuccess';
