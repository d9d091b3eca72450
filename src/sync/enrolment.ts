// This device's enrolment with an upstream server (SPEC §6), kept in the settings table. The token is a
// credential, not personal data; it is sent only to the server that issued it. The installation's identity
// (settings/installation.ts) is kept apart: disconnecting or a refused token never throws it away, so
// enrolling again makes this the same device upstream.
import { signal } from '@preact/signals';
import { markAllChanged, retryOutOfScope } from '../records/outbox';
import { readSetting, writeSetting } from '../settings/repo';

export interface Refusal {
  /** 401 or 403. */
  status: number;
  /** The server's error code (`unauthorized`, `device_retired`…), or `http_<status>` from a proxy. */
  error: string;
  at: string;
}

export interface Enrolment {
  serverUrl: string;
  deviceId: string;
  token: string;
  enrolledAt: string;
  /** Set when the server refused the token (401/403): the person enrols again, as the same device. */
  refused?: boolean;
  refusal?: Refusal;
  /** The server's config version at enrolment: a newer one than held is fetched at once. */
  configVersion?: number;
}

const KEY = 'enrolment';
const PREVIEW_KEY = 'syncPreviewAccepted';
/** The last server and device id this installation was enrolled as, kept across "Disconnect". */
const LAST_KEY = 'syncLastDevice';

export const enrolment = signal<Enrolment | null | undefined>(undefined);
export const previewAccepted = signal<boolean>(false);

export async function loadEnrolment(): Promise<Enrolment | null> {
  const [e, accepted] = await Promise.all([readSetting<Enrolment>(KEY), readSetting<boolean>(PREVIEW_KEY)]);
  enrolment.value = e ?? null;
  previewAccepted.value = accepted === true;
  return enrolment.value;
}

type LastDevice = { serverUrl: string; deviceId: string };
const sameServer = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * `resend`: the server said whether it holds this device's reports (enrolment's `resend`); without it, a
 * device id other than the last one means a new identity upstream.
 */
export async function saveEnrolment(e: Enrolment | null, { resend }: { resend?: boolean } = {}) {
  const current = enrolment.value === undefined ? await readSetting<Enrolment>(KEY) : enrolment.value;
  const before = current ?? (await readSetting<LastDevice>(LAST_KEY)) ?? null;
  await writeSetting(KEY, e);
  if (e) await writeSetting(LAST_KEY, { serverUrl: e.serverUrl, deviceId: e.deviceId } satisfies LastDevice);
  // Enrolled anew: its code may cover another area, so pairs refused as out of scope are asked about again.
  if (e && !e.refused) await retryOutOfScope();
  enrolment.value = e;
  // Enrolled again as the same device on the same server (after "Disconnect" or a refused token): the server
  // still holds every month it accepted. A new identity upstream (another server, or a server that forgot
  // us) has none of them: every month is due again, and the person sees what goes before it goes.
  const same = !!before && !!e && before.deviceId === e.deviceId && sameServer(before.serverUrl, e.serverUrl);
  if (e && (resend ?? !same)) {
    await markAllChanged(new Date().toISOString());
    await writeSetting(PREVIEW_KEY, false);
    previewAccepted.value = false;
  }
}

/** The server refused the token: kept, marked, so the Sync screen says what happened and offers to enrol. */
export async function markRefused(e: Enrolment, status: number, error: string) {
  await saveEnrolment({ ...e, refused: true, refusal: { status, error, at: new Date().toISOString() } });
}

/** The person has seen exactly what will be sent, and agreed: automatic sync may start. */
export async function acceptPreview() {
  await writeSetting(PREVIEW_KEY, true);
  previewAccepted.value = true;
}
