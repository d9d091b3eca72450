// Device tokens and secret comparison. A token is 32 random bytes (base64url) shown once at enrolment; the
// server keeps only its SHA-256, so a stolen database file does not let anyone report as a device.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export function newDevice(): { deviceId: string; token: string; tokenHash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { deviceId: randomUUID(), token, tokenHash: sha256(token) };
}

/** Compares two secrets in time independent of where they differ (hashing first makes the lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or null when there is none or it is malformed. */
export function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  return m?.[1] ?? null;
}

/** Letters and digits that cannot be misread for each other when typed from a sheet (no 0/o, 1/l/i). */
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** An administrator's enrolment code: 12 characters (about 59 bits) in three groups, `k7x2-9fqe-m3ra`. */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** The hash an enrolment code is stored and looked up by: case, spaces and dashes do not matter. */
export const enrolmentCodeHash = (code: string): Buffer => sha256(code.toLowerCase().replace(/[\s-]+/g, ''));
