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
import { base, code, count, id, isoDate, optionalText, orgUnit, text } from '../records/fields';

/** A yes/no question that the person must answer (no default: "no" is an answer, not a blank). */
const yesNo = z.boolean({ error: 'errors.choose' });

export const childFound = z.object({
  /** Stable key of the row, so a row can be linked to a case and edited. */
  key: id,
  sex: code(childSexes),
  /** Age in years; null when nobody could tell ("age not known"); left empty it is an error. */
  age: z.nullable(
    z
      .int({ error: (iss) => (iss.input === undefined ? 'errors.ageOrUnknown' : 'errors.wholeNumber') })
      .check(z.gte(0, { error: 'errors.age' }), z.lte(25, { error: 'errors.age' })),
  ),
  ageEstimated: z.boolean(),
  hazardous: code(yesNoUnknown),
  worstForm: code([...worstForms, UNKNOWN]),
  caseId: z.optional(id),
});

/**
 * Where the establishment is, from the device's GPS (optional; added with issue 15, so older inspections
 * have none). Not indexed, so no database migration; kept on the device and in its backups only: sync sends
 * the monthly counts, never a record (test/unit/sync-privacy.test.ts).
 */
export const point = z.object({
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lon: z.number().check(z.gte(-180), z.lte(180)),
  /** Metres, as the device reported it (95 % confidence radius). */
  accuracy: z.number().check(z.gte(0)),
  /** When the point was taken (ISO 8601). */
  at: z.string().check(z.maxLength(40)),
});

export const establishment = z.object({
  name: text(200),
  isic: code([...isicSections, UNKNOWN]),
  formality: code([...formality, UNKNOWN]),
  /** Remote rural area or hard-to-reach sector. */
  hardToReach: yesNo,
  workersFemale: z.optional(count),
  workersMale: z.optional(count),
  point: z.optional(point),
});

export const fine = z.object({
  amount: z
    .number({ error: (iss) => (iss.input === undefined ? 'errors.fineRequired' : 'errors.number') })
    .check(z.gte(0, { error: 'errors.notNegative' })),
  /** ISO 4217; typed in lower case it is stored in upper case. */
  currency: z
    .string({ error: 'errors.currency' })
    .check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{3}$/, { error: 'errors.currency' })),
});

export const registration = z.object({
  authority: code(authorities),
  date: isoDate,
  reference: optionalText(100),
});

export const inspectionFields = z.object({
  date: isoDate,
  type: code(inspectionTypes),
  announced: yesNo,
  establishment,
  childLabourToolUsed: yesNo,
  children: z.array(childFound),
  outcomes: z.array(code(inspectionOutcomes)),
  fine: z.optional(fine),
  registration: z.optional(registration),
  followUpDue: z.optional(isoDate),
  notes: optionalText(4000),
});

type Fined = { outcomes?: unknown; fine?: unknown };
/**
 * A fine needs its amount and currency when "administrative fine" is ticked. Runs even when other fields are
 * wrong (`when`), so the person sees every problem at once, not one after another.
 */
const fineWhenFined = z.superRefine<Fined>(
  (v, ctx) => {
    const fined = Array.isArray(v?.outcomes) && v.outcomes.includes('administrative_fine');
    if (fined && (v.fine === undefined || v.fine === null)) {
      ctx.addIssue({ code: 'custom', message: 'errors.fineRequired', path: ['fine', 'amount'], input: v });
    }
  },
  { when: () => true },
);

/** What a person fills in: the fields and the location (the form and `saveInspection` take this). */
export const inspectionInput = z.object({ orgUnit, ...inspectionFields.shape }).check(fineWhenFined);

/** A stored inspection (backup import checks records against this). */
export const inspection = z.object({ ...base, ...inspectionFields.shape }).check(fineWhenFined);
/** The stored record's schema, under the name every record type gives it (its kind.ts, backups). */
export const storedSchema = inspection;

export type ChildFound = z.infer<typeof childFound>;
export type InspectionFields = z.infer<typeof inspectionFields>;
export type InspectionInput = z.infer<typeof inspectionInput>;
export type Inspection = z.infer<typeof inspection>;

/** Inspections hold no personal data: children found are counted, not named. */
export const PERSONAL_FIELDS = [] as const;
