// Typed errors: each has a `code` that is a translation key under `errors.*`, so the message a field
// worker reads is in their language and says what to do next.

export type ErrorCode =
  | 'errors.quotaExceeded'
  | 'errors.storageUnavailable'
  | 'errors.notFound'
  | 'errors.invalidRecord'
  | 'privacy.locked'
  | 'backup.errors.caseCodeClash'
  | 'cases.handover.errors.shortPassphrase'
  | 'cases.handover.errors.nothing'
  | 'cases.handover.errors.notAFile'
  | 'cases.handover.errors.wrongPassphrase'
  | 'cases.handover.errors.badCase'
  | 'errors.childHasCase'
  | 'errors.unexpected';

export class PelitaError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'PelitaError';
  }
}

/** True for the browser's "disk full" errors, however they arrive (directly or wrapped by Dexie). */
export function isQuotaError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const name = (e as { name?: string }).name;
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Turns any storage failure into a PelitaError a person can act on. */
export function toPelitaError(err: unknown): PelitaError {
  if (err instanceof PelitaError) return err;
  if (isQuotaError(err)) return new PelitaError('errors.quotaExceeded', undefined, { cause: err });
  const name = (err as { name?: string } | null)?.name;
  if (name === 'InvalidStateError' || name === 'MissingAPIError' || name === 'DatabaseClosedError') {
    return new PelitaError('errors.storageUnavailable', undefined, { cause: err });
  }
  return new PelitaError('errors.unexpected', undefined, { cause: err });
}
