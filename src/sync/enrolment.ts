// This device's enrolment with an upstream server (SPEC §6), kept in the settings table. The token is a
// credential, not personal data; it is sent only to the server that issued it.
import { signal } from '@preact/signals';
import { readSetting, writeSetting } from '../settings/repo';

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
  await writeSetting(KEY, e);
  enrolment.value = e;
}

/** The person has seen exactly what will be sent, and agreed: automatic sync may start. */
export async function acceptPreview() {
  await writeSetting(PREVIEW_KEY, true);
  previewAccepted.value = true;
}
