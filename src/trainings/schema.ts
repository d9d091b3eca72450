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
  /** Defaults to the session's location. */
  orgUnit,
  completed: z.boolean(),
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

const endNotBeforeStart = z.refine<{ startDate: string; endDate: string }>((t) => t.endDate >= t.startDate, {
  error: 'errors.endBeforeStart',
  path: ['endDate'],
});

export const trainingFields = z.object(trainingShape).check(endNotBeforeStart);
export const training = z.object({ ...base, ...trainingShape }).check(endNotBeforeStart);

/** Personal data in a training: participant names. */
export const PERSONAL_FIELDS = ['participants[].name'] as const;

export type Participant = z.infer<typeof participant>;
export type TrainingFields = z.infer<typeof trainingFields>;
export type Training = z.infer<typeof training>;
