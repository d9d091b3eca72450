// Shared zod building blocks for the four record types. Every error message is a translation key under
// `errors.*`, so a form can show it in the person's language (see locales/<lang>/translation.json).
import * as z from 'zod/mini';

export const required = { error: 'errors.required' } as const;

// z.iso.date() already refuses days that do not exist (2026-02-30). The year check speaks only to a date of the
// right shape; a wrong shape gets the format's own message.
const shaped = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);

/**
 * The date of an event as typed in a form: `YYYY-MM-DD`, a real day, in 2000–2099. Its month is where the
 * event counts (SPEC §2), and the upstream takes periods of those years only: a typo like 2206 is caught here,
 * where the person can fix it, not refused by the server on every sync.
 */
export const isoDate = z.iso
  .date({ error: 'errors.date' })
  .check(
    z.refine((d) => !shaped(d) || (d >= '2000-01-01' && d <= '2099-12-31'), { error: 'errors.dateRange' }),
  );

/** A date of birth: a real day, not before 1990 (older people are not children in any record here). */
export const birthDate = z.iso
  .date({ error: 'errors.date' })
  .check(
    z.refine((d) => !shaped(d) || (d >= '1990-01-01' && d <= '2099-12-31'), { error: 'errors.dateRange' }),
  );
/** A timestamp written by the app, never typed. */
export const timestamp = z.iso.datetime({ error: 'errors.timestamp' });
export const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'errors.month' }));
export const id = z.uuid({ error: 'errors.id' });

export const text = (max = 200) =>
  z.string().check(z.trim(), z.minLength(1, required), z.maxLength(max, { error: 'errors.tooLong' }));
export const optionalText = (max = 2000) =>
  z.optional(z.string().check(z.trim(), z.maxLength(max, { error: 'errors.tooLong' })));
export const code = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: 'errors.choose' });
export const orgUnit = z
  .string({ error: 'errors.orgUnit' })
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/, { error: 'errors.orgUnit' }));
export const count = z.int({ error: 'errors.wholeNumber' }).check(z.gte(0, { error: 'errors.notNegative' }));

/** The fields every record has (SPEC §2). `periods` is derived by the repo, never typed. */
export const base = {
  id,
  createdAt: timestamp,
  updatedAt: timestamp,
  deletedAt: z.nullable(timestamp),
  orgUnit,
  periods: z.array(month),
};

export type { RecordBase } from '../db/db';
