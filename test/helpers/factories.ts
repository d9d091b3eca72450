// Records as tests need them: one valid record of each type, with what a test cares about overridden.
// Ids are fresh on every call, so two calls are two records.
import type { CaseInput } from '../../src/cases/repo';
import { newId } from '../../src/lib/ids';

/** What a test may change in a case: any field, and any part of the child or of the work alone. */
export type CaseOverrides = Omit<Partial<CaseInput>, 'child' | 'work'> & {
  child?: Partial<CaseInput['child']>;
  work?: Partial<CaseInput['work']>;
};

/**
 * A 13-year-old girl in Kampong Cham, identified at school in March 2026, referred and followed up.
 * `child` and `work` are merged into the default ones, so `aCase({ child: { sex: 'male' } })` changes only that.
 */
export function aCase(overrides: CaseOverrides = {}): CaseInput {
  const start = base();
  const { child, work, ...rest } = overrides;
  return { ...start, ...rest, child: { ...start.child, ...child }, work: { ...start.work, ...work } };
}

function base(): CaseInput {
  return {
    id: newId(),
    orgUnit: 'KH-12',
    identifiedOn: '2026-03-01',
    channel: 'school',
    child: {
      name: 'Sokha',
      sex: 'female',
      ageYears: 13,
      ageEstimated: false,
      nationality: 'KH',
      disability: 'no',
    },
    settlement: 'rural',
    work: {
      isic: 'A',
      workStatus: 'contributing_family',
      economicHours: 50,
      choreHours: null,
      nightWork: 'no',
      worstForm: 'none',
      hazards: [],
      inSchool: 'no',
    },
    consent: true,
    referrals: [{ key: newId(), service: 'education_formal', referredOn: '2026-04-02', status: 'accepted' }],
    followUps: [
      {
        key: newId(),
        date: '2026-04-20',
        stillWorking: 'no',
        inSchool: 'yes',
        serviceReceived: 'yes',
        notes: 'Back at school',
      },
    ],
    status: 'receiving_services',
  };
}
