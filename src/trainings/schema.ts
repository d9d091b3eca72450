// A training session and its attendance (SPEC §2.2). Participant names are personal data and optional.
import * as z from 'zod/mini';
import { agencies, modalities, sexes, trainingTopics } from '../records/codes';
import { base, code, id, isoDate, optionalText, orgUnit, text } from '../records/fields';

export const participant = z.object({
  key: id,
  name: optionalText(200),
  sex: code(sexes),
  agency: code(agencies),
  occupation: optionalText(200),
  /** Defaults to the session's location: participants count where they come from (`touches` in ./kind.ts). */
  orgUnit,
  completed: z.boolean({ error: 'errors.choose' }),
});

const trainingShape = {
  startDate: isoDate,
  endDate: isoDate,
  title: text(200),
  topics: z.array(code(trainingTopics)).check(z.minLength(1, { error: 'errors.chooseOne' })),
  modality: code(modalities),
  organiser: optionalText(200),
  participants: z.array(participant),
};

type Dated = { startDate?: unknown; endDate?: unknown };
/**
 * The end cannot come before the start. Runs even when another field is wrong (`when`), so the person sees
 * every problem at once rather than one after the other.
 */
const endNotBeforeStart = z.superRefine<Dated>(
  (v, ctx) => {
    const { startDate, endDate } = v ?? {};
    const isDate = (d: unknown): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d);
    if (isDate(startDate) && isDate(endDate) && endDate < startDate) {
      ctx.addIssue({ code: 'custom', message: 'errors.endBeforeStart', path: ['endDate'], input: endDate });
    }
  },
  { when: () => true },
);

export const trainingFields = z.object(trainingShape).check(endNotBeforeStart);

/** What a person fills in: the fields and the session's location (the form and `saveTraining` take this). */
export const trainingInput = z.object({ orgUnit, ...trainingShape }).check(endNotBeforeStart);

/** A stored training (saveRecord and backup import check records against this). */
export const training = z.object({ ...base, ...trainingShape }).check(endNotBeforeStart);
/** The stored record's schema, under the name every record type gives it (its kind.ts, backups). */
export const storedSchema = training;

/** Personal data in a training: participant names. */
export const PERSONAL_FIELDS = ['participants[].name'] as const;

export type Participant = z.infer<typeof participant>;
export type TrainingFields = z.infer<typeof trainingFields>;
export type TrainingInput = z.infer<typeof trainingInput>;
export type Training = z.infer<typeof training>;
