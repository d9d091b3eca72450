// The training schema (SPEC §2.2): what a trainer may save, and the message key each mistake gets.
import { describe, expect, it } from 'vitest';
import { type TrainingInput, training, trainingInput } from '../../src/trainings/schema';

const KEY = '0b9a4b4e-3c1f-4a51-9d8a-1f2e3d4c5b6a';
const good = (): TrainingInput => ({
  orgUnit: 'KH-12',
  startDate: '2026-03-09',
  endDate: '2026-03-11',
  title: 'Child labour law for inspectors',
  topics: ['child_labour_law', 'labour_inspection'],
  modality: 'in_person',
  organiser: 'Ministry of Labour',
  participants: [
    {
      key: KEY,
      name: 'Sok Dara',
      sex: 'female',
      agency: 'labour_inspection',
      occupation: 'Inspector',
      orgUnit: 'KH-12',
      completed: true,
    },
    {
      key: '1c9a4b4e-3c1f-4a51-9d8a-1f2e3d4c5b6a',
      sex: 'undisclosed',
      agency: 'police',
      orgUnit: 'KH-1',
      completed: false,
    },
  ],
});

/** The message key at each path of a failed parse. */
function issues(input: unknown) {
  const r = trainingInput.safeParse(input);
  expect(r.success).toBe(false);
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('training schema', () => {
  it('accepts a complete session, and one with no organiser, names or occupations', () => {
    expect(trainingInput.safeParse(good()).success).toBe(true);
    const { organiser: _o, ...bare } = good();
    bare.participants = bare.participants.map(({ name: _n, occupation: _oc, ...p }) => p);
    expect(trainingInput.safeParse(bare).success).toBe(true);
    expect(trainingInput.safeParse({ ...good(), participants: [] }).success).toBe(true);
  });

  it('accepts a one-day session (end = start)', () => {
    expect(trainingInput.safeParse({ ...good(), endDate: '2026-03-09' }).success).toBe(true);
  });

  it('rejects an end date before the start date, on the end date', () => {
    expect(issues({ ...good(), endDate: '2026-03-08' })).toEqual({ endDate: 'errors.endBeforeStart' });
  });

  it('says the end date is wrong even when another field is wrong too', () => {
    expect(issues({ ...good(), endDate: '2026-03-08', modality: 'radio' })).toEqual({
      endDate: 'errors.endBeforeStart',
      modality: 'errors.choose',
    });
  });

  it('rejects a session with no topic, and an unknown topic', () => {
    expect(issues({ ...good(), topics: [] })).toEqual({ topics: 'errors.chooseOne' });
    expect(issues({ ...good(), topics: ['cooking'] })).toEqual({ 'topics.0': 'errors.choose' });
  });

  it('requires a title, dates, a modality and a location', () => {
    expect(issues({ ...good(), title: '   ' })).toEqual({ title: 'errors.required' });
    expect(issues({ ...good(), startDate: '' })).toMatchObject({ startDate: 'errors.date' });
    expect(issues({ ...good(), endDate: '2026-13-01' })).toMatchObject({ endDate: 'errors.date' });
    expect(issues({ ...good(), modality: undefined })).toEqual({ modality: 'errors.choose' });
    expect(issues({ ...good(), orgUnit: '' })).toEqual({ orgUnit: 'errors.orgUnit' });
  });

  it('checks each participant: sex, agency, location, completed and text lengths', () => {
    const p = good().participants[0]!;
    const withRow = (row: object) => ({ ...good(), participants: [{ ...p, ...row }] });
    expect(issues(withRow({ sex: 'unknown' }))).toEqual({ 'participants.0.sex': 'errors.choose' });
    expect(issues(withRow({ agency: 'ministry' }))).toEqual({ 'participants.0.agency': 'errors.choose' });
    expect(issues(withRow({ orgUnit: '' }))).toEqual({ 'participants.0.orgUnit': 'errors.orgUnit' });
    expect(issues(withRow({ completed: undefined }))).toEqual({
      'participants.0.completed': 'errors.choose',
    });
    expect(issues(withRow({ name: 'x'.repeat(201) }))).toEqual({ 'participants.0.name': 'errors.tooLong' });
    expect(issues(withRow({ occupation: 'x'.repeat(201) }))).toEqual({
      'participants.0.occupation': 'errors.tooLong',
    });
    expect(issues(withRow({ key: 'row-1' }))).toEqual({ 'participants.0.key': 'errors.id' });
  });

  it('trims names and keeps the sexes of SPEC §2.2 (no "unknown": a participant is asked)', () => {
    const r = trainingInput.parse({ ...good(), title: '  Law  ' });
    expect(r.title).toBe('Law');
    for (const sex of ['female', 'male', 'other', 'undisclosed']) {
      const row = { ...good().participants[0]!, sex };
      expect(trainingInput.safeParse({ ...good(), participants: [row] }).success).toBe(true);
    }
  });

  it('a stored training needs the record fields too', () => {
    const stored = {
      ...good(),
      id: KEY,
      createdAt: '2026-03-11T08:00:00.000Z',
      updatedAt: '2026-03-11T08:00:00.000Z',
      deletedAt: null,
      periods: ['2026-03'],
    };
    expect(training.safeParse(stored).success).toBe(true);
    expect(training.safeParse({ ...stored, id: undefined }).success).toBe(false);
    expect(training.safeParse({ ...stored, endDate: '2026-03-01' }).error?.issues[0]?.message).toBe(
      'errors.endBeforeStart',
    );
  });
});
