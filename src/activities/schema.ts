// An activity (SPEC §2.4): the Roadmap's counts that are not about a person.
import * as z from 'zod/mini';
import { activityKinds } from '../records/codes';
import { base, code, isoDate, optionalText, orgUnit, text } from '../records/fields';

export const activityFields = z.object({
  date: isoDate,
  kind: code(activityKinds),
  title: text(200),
  notes: optionalText(4000),
});

/** What a person fills in: the fields and the location (the form and `saveActivity` take this). */
export const activityInput = z.object({ orgUnit, ...activityFields.shape });

export const activity = z.object({ ...base, ...activityFields.shape });
/** The stored record's schema, under the name every record type gives it (its kind.ts, backups). */
export const storedSchema = activity;

export type ActivityFields = z.infer<typeof activityFields>;
export type ActivityInput = z.infer<typeof activityInput>;
export type Activity = z.infer<typeof activity>;

export const PERSONAL_FIELDS = [] as const;
