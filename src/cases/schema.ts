// A child case (SPEC §2.3): identification, referral to services and follow-up until the child is out of
// child labour. The case code is pseudonymous; the child's name, the guardian's contact and the free-text
// notes are personal data (see PERSONAL_FIELDS) and never leave the device.
import * as z from 'zod/mini';
import {
  caseStatuses,
  channels,
  childSexes,
  closureReasons,
  hazardConditions,
  isicSections,
  referralStatuses,
  services,
  settlement,
  UNKNOWN,
  workStatuses,
  worstForms,
  yesNoUnknown,
} from '../records/codes';
import { base, birthDate, code, id, isoDate, optionalText, orgUnit } from '../records/fields';
import { COUNTRY_CODES } from './nationalities';

const hours = z.nullable(
  z
    .number({ error: 'errors.number' })
    .check(z.gte(0, { error: 'errors.notNegative' }), z.lte(168, { error: 'errors.hoursWeek' })),
);

/** An officially assigned ISO 3166-1 alpha-2 code, `stateless` or `unknown`. */
export const nationality = z.string({ error: 'errors.nationality' }).check(
  z.refine((v) => v === 'stateless' || v === 'unknown' || COUNTRY_CODES.has(v), {
    error: 'errors.nationality',
  }),
);

/** `KH-12-2026-0007`: country, optional first-level subdivision, year identified, sequence on the device. */
export const CASE_CODE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?-\d{4}-\d{4,}$/;
export const caseCode = z.string().check(z.regex(CASE_CODE, { error: 'errors.caseCode' }));

export const referral = z.object({
  key: id,
  service: code(services),
  provider: optionalText(200),
  referredOn: isoDate,
  status: code(referralStatuses),
});

export const followUp = z.object({
  key: id,
  date: isoDate,
  stillWorking: code(yesNoUnknown),
  inSchool: code(yesNoUnknown),
  serviceReceived: code(yesNoUnknown),
  nextVisitDue: z.optional(isoDate),
  notes: optionalText(4000),
});

export const child = z.object({
  name: optionalText(200),
  guardianContact: optionalText(200),
  sex: code(childSexes),
  dateOfBirth: z.optional(birthDate),
  /** Age in years when the date of birth is not known. */
  ageYears: z.optional(
    z
      .int({ error: 'errors.wholeNumber' })
      .check(z.gte(0, { error: 'errors.age' }), z.lte(25, { error: 'errors.age' })),
  ),
  ageEstimated: z.boolean(),
  nationality,
  disability: code(yesNoUnknown),
});

export const work = z.object({
  isic: code([...isicSections, UNKNOWN]),
  workStatus: code([...workStatuses, UNKNOWN]),
  economicHours: hours,
  choreHours: hours,
  nightWork: code(yesNoUnknown),
  worstForm: code([...worstForms, UNKNOWN]),
  hazards: z.array(code(hazardConditions)),
  inSchool: code(yesNoUnknown),
});

const caseShape = {
  caseCode,
  identifiedOn: isoDate,
  channel: code(channels),
  inspectionId: z.optional(id),
  child,
  settlement: code([...settlement, UNKNOWN]),
  work,
  /** true: consent given; false: not given, so `consentOverride` must say why services go ahead; null: not asked yet. */
  consent: z.nullable(z.boolean()),
  consentOverride: optionalText(500),
  referrals: z.array(referral),
  followUps: z.array(followUp),
  status: code(caseStatuses),
  /** When the child was verified withdrawn from child labour (counts in CHILDREN_WITHDRAWN that month). */
  withdrawnOn: z.optional(isoDate),
  closureReason: z.optional(code(closureReasons)),
  notes: optionalText(4000),
};

/**
 * What the rules read. Loose on purpose: the rules also run when other fields are wrong (`when`), so the form
 * shows every problem at once (the consent rule with a missing sex, say), and so they must not trust the shape.
 */
type Loose = {
  referrals?: unknown;
  consent?: unknown;
  consentOverride?: unknown;
  status?: unknown;
  withdrawnOn?: unknown;
  closureReason?: unknown;
  identifiedOn?: unknown;
  child?: { dateOfBirth?: unknown } | null;
} | null;
const always = { when: () => true };
const hasText = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** The rules a whole case must follow, shared by the form and by backup import. */
const rules = [
  z.refine<Loose>(
    (c) =>
      !Array.isArray(c?.referrals) ||
      c.referrals.length === 0 ||
      c.consent === true ||
      hasText(c.consentOverride),
    { error: 'errors.consentRequired', path: ['consent'], ...always },
  ),
  z.refine<Loose>((c) => c?.status !== 'withdrawn_verified' || hasText(c.withdrawnOn), {
    error: 'errors.withdrawnOnRequired',
    path: ['withdrawnOn'],
    ...always,
  }),
  z.refine<Loose>((c) => c?.status !== 'closed' || hasText(c.closureReason), {
    error: 'errors.closureReasonRequired',
    path: ['closureReason'],
    ...always,
  }),
  z.refine<Loose>(
    (c) =>
      typeof c?.child?.dateOfBirth !== 'string' ||
      typeof c.identifiedOn !== 'string' ||
      !c.identifiedOn ||
      c.child.dateOfBirth <= c.identifiedOn,
    { error: 'errors.dateOfBirthAfterIdentified', path: ['child', 'dateOfBirth'], ...always },
  ),
] as const;

export const caseFields = z.object(caseShape).check(...rules);
export const childCase = z.object({ ...base, ...caseShape }).check(...rules);
/** The stored record's schema, under the name every record type gives it (its kind.ts, backups). */
export const storedSchema = childCase;
/**
 * What the form edits and validates: the fields and the location. The case code is assigned by the repo when
 * the case is first saved, so a new case has none yet.
 */
export const caseForm = z.object({ ...caseShape, caseCode: z.optional(caseCode), orgUnit }).check(...rules);

/** Personal data in a case: encrypted at rest when a passphrase is set, never synced or exported in tallies. */
export const PERSONAL_FIELDS = [
  'child.name',
  'child.guardianContact',
  // Why services went ahead without consent: it describes the family, so it is personal too.
  'consentOverride',
  'notes',
  'followUps[].notes',
] as const;

export type Referral = z.infer<typeof referral>;
export type FollowUp = z.infer<typeof followUp>;
export type CaseFields = z.infer<typeof caseFields>;
export type CaseFormValue = z.infer<typeof caseForm>;
export type ChildCase = z.infer<typeof childCase>;
