// This installation's identity upstream (SPEC §6 "One identity per installation"): an `installId` (UUID) and
// an `installKey` (32 random bytes, base64url), made once on first start and kept in the settings table. It
// survives "Disconnect", a refused token and enrolling again, and travels inside the backup, so a server
// recognises the same installation and never counts it twice. The key is a secret shared with the server
// only at enrolment and absorption.
import { readSetting, writeSetting } from './repo';

export interface Installation {
  installId: string;
  installKey: string;
}

const KEY = 'installation';
/** Other installations whose backups were restored here: to be absorbed upstream at the next sync. */
const ABSORB_KEY = 'installation.absorb';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isInstallation(v: unknown): v is Installation {
  const i = v as Partial<Installation> | null;
  return (
    !!i &&
    typeof i.installId === 'string' &&
    UUID.test(i.installId) &&
    typeof i.installKey === 'string' &&
    KEY_PATTERN.test(i.installKey)
  );
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function newInstallation(): Installation {
  return {
    installId: crypto.randomUUID(),
    installKey: base64url(crypto.getRandomValues(new Uint8Array(32))),
  };
}

let made: Promise<Installation> | null = null;

/** This installation's identity, made and stored the first time it is asked for. */
export function installation(): Promise<Installation> {
  made ??= (async () => {
    const stored = await readSetting<Installation>(KEY);
    if (isInstallation(stored)) return stored;
    const fresh = newInstallation();
    await writeSetting(KEY, fresh);
    return fresh;
  })().catch((err) => {
    made = null;
    throw err;
  });
  return made;
}

/** Continues as another installation (its backup restored into an empty device). */
export async function adoptInstallation(i: Installation) {
  await writeSetting(KEY, { installId: i.installId, installKey: i.installKey });
  made = Promise.resolve(i);
}

export async function pendingAbsorptions(): Promise<Installation[]> {
  const list = await readSetting<Installation[]>(ABSORB_KEY);
  return Array.isArray(list) ? list.filter(isInstallation) : [];
}

export async function rememberAbsorption(i: Installation) {
  const list = await pendingAbsorptions();
  if (list.some((x) => x.installId === i.installId)) return;
  await writeSetting(ABSORB_KEY, [...list, { installId: i.installId, installKey: i.installKey }]);
}

export async function absorbed(installId: string) {
  const list = await pendingAbsorptions();
  await writeSetting(
    ABSORB_KEY,
    list.filter((x) => x.installId !== installId),
  );
}

/** For tests: forget the cached identity so the next call reads storage again. */
export function resetInstallationCache() {
  made = null;
}
