// An inspection (SPEC §2.1): one visit to one establishment, the children found there and what was done.
import * as z from 'zod/mini';
import {
  authorities,
  childSexes,
  formality,
  inspectionOutcomes,
  inspectionTypes,
  isicSections,
  UNKNOWN,
  worstForms,
  yesNoUnknown,
} from '../records/codes';
import { base, code, count, id, isoDate, optionalText, text } from '../records/fields';

export const childFound = z.object({
  /** Stable key of the row, so a row can be linked to a case and edited. */
  key: id,
  sex: code(childSexes),
  /** Age in years; null when nobody could tell. */
  age: z.nullable(
    z
      .int({ error: 'errors.wholeNumber' })
      .check(z.gte(0, { error: 'errors.age' }), z.lte(25, { error: 'errors.age' })),
  ),
  ageEstimated: z.boolean(),
  hazardous: code(yesNoUnknown),
  worstForm: code([...worstForms, UNKNOWN]),
  caseId: z.optional(id),
});

export const establishment = z.object({
  name: text(200),
  isic: code([...isicSections, UNKNOWN]),
  formality: code([...formality, UNKNOWN]),
  /** Remote rural area or hard-to-reach sector. */
  hardToReach: z.boolean(),
  workersFemale: z.optional(count),
  workersMale: z.optional(count),
});

export const inspectionFields = z.object({
  date: isoDate,
  type: code(inspectionTypes),
  announced: z.boolean(),
  establishment,
  childLabourToolUsed: z.boolean(),
  children: z.array(childFound),
  outcomes: z.array(code(inspectionOutcomes)),
  fine: z.optional(
    z.object({
      amount: z.number({ error: 'errors.number' }).check(z.gte(0, { error: 'errors.notNegative' })),
      currency: z.string().check(z.regex(/^[A-Z]{3}$/, { error: 'errors.currency' })),
    }),
  ),
  registration: z.optional(
    z.object({ authority: code(authorities), date: isoDate, reference: optionalText(100) }),
  ),
  followUpDue: z.optional(isoDate),
  notes: optionalText(4000),
});

export const inspection = z.object({ ...base, ...inspectionFields.shape });

export type ChildFound = z.infer<typeof childFound>;
export type InspectionFields = z.infer<typeof inspectionFields>;
export type Inspection = z.infer<typeof inspection>;

/** Inspections hold no personal data: children found are counted, not named. */
export const PERSONAL_FIELDS = [] as const;
