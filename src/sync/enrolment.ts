// This device's enrolment with an upstream server (SPEC §6), kept in the settings table. The token is a
// credential, not personal data; it is sent only to the server that issued it.
import { signal } from '@preact/signals';
import { readSetting, writeSetting } from '../settings/repo';
import { markAllChanged } from './outbox';

export interface Enrolment {
  serverUrl: string;
  deviceId: string;
  token: string;
  enrolledAt: string;
  /** Set when the server refused the token (401): the person must enrol again. */
  refused?: boolean;
}

const KEY = 'enrolment';
const PREVIEW_KEY = 'syncPreviewAccepted';

export const enrolment = signal<Enrolment | null | undefined>(undefined);
export const previewAccepted = signal<boolean>(false);

export async function loadEnrolment(): Promise<Enrolment | null> {
  const [e, accepted] = await Promise.all([readSetting<Enrolment>(KEY), readSetting<boolean>(PREVIEW_KEY)]);
  enrolment.value = e ?? null;
  previewAccepted.value = accepted === true;
  return enrolment.value;
}

export async function saveEnrolment(e: Enrolment | null) {
  const before = enrolment.value === undefined ? await readSetting<Enrolment>(KEY) : enrolment.value;
  await writeSetting(KEY, e);
  enrolment.value = e;
  // A new identity upstream (enrolled again, or another server) has none of this device's months yet:
  // every month is due again, and the person sees what goes to the new server before it goes.
  if (e && before?.deviceId !== e.deviceId) {
    await markAllChanged(new Date().toISOString());
    await writeSetting(PREVIEW_KEY, false);
    previewAccepted.value = false;
  }
}

/** The person has seen exactly what will be sent, and agreed: automatic sync may start. */
export async function acceptPreview() {
  await writeSetting(PREVIEW_KEY, true);
  previewAccepted.value = true;
}
