// An activity (SPEC §2.4): the Roadmap's counts that are not about a person.
import * as z from 'zod/mini';
import { activityKinds } from '../records/codes';
import { base, code, isoDate, optionalText, text } from '../records/fields';

export const activityFields = z.object({
  date: isoDate,
  kind: code(activityKinds),
  title: text(200),
  notes: optionalText(4000),
});

export const activity = z.object({ ...base, ...activityFields.shape });

export type ActivityFields = z.infer<typeof activityFields>;
export type Activity = z.infer<typeof activity>;

export const PERSONAL_FIELDS = [] as const;
