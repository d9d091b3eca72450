// Encrypted backups (SPEC §7, §9). With a passphrase set, the backup file (src/export/backup.ts) is wrapped:
//   { format: 'pelita.backup-encrypted/1', salt, iterations, iv, data }
// where `data` is AES-GCM of the whole backup JSON under the device's key, and `salt` and `iterations` say how
// to derive that key again from the passphrase — on this device or another one. A wrong passphrase fails
// AES-GCM's tag check: the restore is refused before anything is read, so nothing changes.
import * as z from 'zod/mini';
import { deriveKey, MAX_ITERATIONS, openText, sealText } from './crypto';
import { vault, vaultConfig, vaultKey } from './vault';

export const ENCRYPTED_BACKUP_FORMAT = 'pelita.backup-encrypted/1';
const CONTEXT = ENCRYPTED_BACKUP_FORMAT;

const envelope = z.object({
  format: z.literal(ENCRYPTED_BACKUP_FORMAT),
  salt: z.string(),
  iterations: z.int().check(z.gte(1), z.lte(MAX_ITERATIONS)),
  iv: z.string(),
  data: z.string(),
});
export type EncryptedBackup = z.infer<typeof envelope>;

/** With a given key (tests, and the device key below). */
export async function encryptWith(key: CryptoKey, salt: string, iterations: number, text: string) {
  const sealed = await sealText(key, text, CONTEXT);
  const file: EncryptedBackup = { format: ENCRYPTED_BACKUP_FORMAT, salt, iterations, ...sealed };
  return JSON.stringify(file);
}

/** The backup text as it goes into the file: encrypted with the device's key when a passphrase is set. */
export async function protectBackup(text: string): Promise<string> {
  if (vault.value.status === 'off') return text;
  const key = vaultKey();
  const config = vaultConfig();
  if (!key || !config) throw new Error('locked');
  return encryptWith(key, config.salt, config.iterations, text);
}

/** The file's envelope when it is an encrypted backup, else null (a plain backup, or not one at all). */
export function encryptedEnvelope(text: string): EncryptedBackup | null {
  try {
    const parsed = envelope.safeParse(JSON.parse(text.replace(/^\uFEFF/, '')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The backup JSON inside, or null when the passphrase does not open it (wrong, or the file was changed). */
export async function openBackup(file: EncryptedBackup, passphrase: string): Promise<string | null> {
  try {
    const key = await deriveKey(passphrase, file.salt, file.iterations);
    return await openText(key, { iv: file.iv, data: file.data }, CONTEXT);
  } catch {
    return null;
  }
}
