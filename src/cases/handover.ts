// Handing cases over to another worker (issue 15 item 6): one case, or a worker's whole caseload, leaves this
// device as a file encrypted with a passphrase the receiver is told separately (by phone, in person: never in
// the same message as the file), and is imported on the receiving device with its whole history (referrals,
// follow-ups, status), its code and its id.
//   { format: 'pelita.case-handover/1', salt, iterations, iv, data }   data = AES-GCM of
//   { format: 'pelita.cases/1', exportedAt, cases: [...] }
// Counting moves with the case: the sender marks the cases transferred (a soft delete, so the months they
// touched are marked for sync and re-sent without them) and the receiver's import marks them there; once both
// have synced, each month counts each case once, on the receiving device.
import * as z from 'zod/mini';
import { PelitaError } from '../lib/errors';
import {
  deriveKey,
  MAX_ITERATIONS,
  openText,
  PBKDF2_ITERATIONS,
  randomSalt,
  sealText,
} from '../privacy/crypto';
import { deleteCase, getCase, listCases, type StoredCase, saveCase } from './repo';
import { childCase } from './schema';

export const HANDOVER_FORMAT = 'pelita.case-handover/1';
const PAYLOAD_FORMAT = 'pelita.cases/1';
/** Authenticated with the data: a handover file's content opens only as a handover. */
const CONTEXT = HANDOVER_FORMAT;
/** Long enough that guessing it from a stolen file is not practical. */
export const MIN_PASSPHRASE = 8;

const envelope = z.object({
  format: z.literal(HANDOVER_FORMAT),
  salt: z.string(),
  iterations: z.int().check(z.gte(1), z.lte(MAX_ITERATIONS)),
  iv: z.string(),
  data: z.string(),
});

const payload = z.object({
  format: z.literal(PAYLOAD_FORMAT),
  exportedAt: z.string(),
  // The stored case has its derived `dueOn` too; the receiver derives it again on save.
  cases: z.array(z.looseObject({ id: z.string() })),
});

/** Every live case on this device (a worker's caseload), opened: names included while unlocked. */
export async function caseload(): Promise<StoredCase[]> {
  return listCases({ offset: 0, limit: Number.MAX_SAFE_INTEGER });
}

/** The handover file for `ids`, as text. `iterations`: the app's PBKDF2 strength (fewer in unit tests). */
export async function exportCases(
  ids: string[],
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  if (passphrase.length < MIN_PASSPHRASE) throw new PelitaError('cases.handover.errors.shortPassphrase');
  const cases: StoredCase[] = [];
  for (const id of ids) {
    const c = await getCase(id);
    if (c && c.deletedAt === null) cases.push(c);
  }
  if (cases.length === 0) throw new PelitaError('cases.handover.errors.nothing');
  const salt = randomSalt();
  const key = await deriveKey(passphrase, salt, iterations);
  const body = JSON.stringify({ format: PAYLOAD_FORMAT, exportedAt: new Date().toISOString(), cases });
  const sealed = await sealText(key, body, CONTEXT);
  return JSON.stringify({ format: HANDOVER_FORMAT, salt, iterations, ...sealed });
}

/** Stops counting the cases here: they are on another worker's device now. Undone by the usual Undo. */
export async function markTransferred(ids: string[]): Promise<void> {
  for (const id of ids) await deleteCase(id);
}

/**
 * Imports a handover file: refused whole, nothing changed, when the file is not one, the passphrase is wrong
 * or any case fails the schema. A case already here (handed back, or imported twice) is replaced.
 */
export async function importCases(text: string, passphrase: string): Promise<{ imported: StoredCase[] }> {
  let file: z.infer<typeof envelope>;
  try {
    const parsed = envelope.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('not a handover file');
    file = parsed.data;
  } catch {
    throw new PelitaError('cases.handover.errors.notAFile');
  }
  let body: z.infer<typeof payload>;
  try {
    const key = await deriveKey(passphrase, file.salt, file.iterations);
    const parsed = payload.safeParse(JSON.parse(await openText(key, file, CONTEXT)));
    if (!parsed.success) throw new Error('bad payload');
    body = parsed.data;
  } catch {
    throw new PelitaError('cases.handover.errors.wrongPassphrase');
  }
  const cases = body.cases.map((raw) => {
    const { dueOn: _due, ...rest } = raw as Record<string, unknown>;
    const checked = childCase.safeParse(rest);
    if (!checked.success) throw new PelitaError('cases.handover.errors.badCase', checked.error.issues);
    return checked.data;
  });
  const imported: StoredCase[] = [];
  for (const c of cases) {
    const { periods: _p, updatedAt: _u, ...fields } = c;
    imported.push(await saveCase({ ...fields, deletedAt: null }));
  }
  return { imported };
}
