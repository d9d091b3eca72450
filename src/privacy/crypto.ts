// Pure WebCrypto helpers for the passphrase lock (SPEC §9): a key derived from the passphrase with
// PBKDF2-SHA-256, and AES-GCM (256-bit key, random 96-bit IV) for everything sealed with it. No storage and no
// state here: callers keep the key (src/privacy/vault.ts, in memory only) and store what this returns.

/** OWASP's 2023 floor for PBKDF2-HMAC-SHA-256. Tests pass fewer through a parameter; the app never does. */
export const PBKDF2_ITERATIONS = 600_000;
/** Refused above this, so a crafted backup file cannot make the device derive for hours. */
export const MAX_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;

/** An AES-GCM ciphertext as stored: base64 IV and base64 ciphertext (with its tag). */
export interface Sealed {
  iv: string;
  data: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: String.fromCharCode with a few MB of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const randomSalt = (): string => toBase64(crypto.getRandomValues(new Uint8Array(SALT_BYTES)));

/**
 * The AES-GCM key for `passphrase`. Not extractable: even code running in the page cannot read its bytes.
 * The passphrase is NFC-normalised, so the same words typed on two keyboards (Khmer, Thai, Vietnamese input
 * methods compose differently) give the same key.
 */
export async function deriveKey(passphrase: string, salt: string, iterations: number): Promise<CryptoKey> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new RangeError('iterations');
  }
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Encrypts `text`. `context` (e.g. `cases:<id>`) is authenticated but not stored: a sealed value moved to
 * another record, or another place, no longer opens.
 */
export async function sealText(key: CryptoKey, text: string, context: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(text),
  );
  return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** Decrypts; throws (OperationError) on a wrong key, another context or any change to the sealed value. */
export async function openText(key: CryptoKey, sealed: Sealed, context: string): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encoder.encode(context) },
    key,
    fromBase64(sealed.data),
  );
  return decoder.decode(plain);
}

export const sealValue = (key: CryptoKey, value: unknown, context: string): Promise<Sealed> =>
  sealText(key, JSON.stringify(value), context);

export async function openValue<T>(key: CryptoKey, sealed: Sealed, context: string): Promise<T> {
  return JSON.parse(await openText(key, sealed, context)) as T;
}

export function isSealed(v: unknown): v is Sealed {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Sealed).iv === 'string' &&
    typeof (v as Sealed).data === 'string'
  );
}
