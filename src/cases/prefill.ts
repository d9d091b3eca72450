// Starting values of the case form and of its rows: a blank case, a case started from a child found in an
// inspection, a saved case turned back into what the form edits, a new referral or follow-up.
import type { ChildFound, Inspection } from '../inspections/schema';
import { newId } from '../lib/ids';
import type { StoredCase } from './repo';
import type { CaseFormValue, FollowUp, Referral } from './schema';

/**
 * What the form holds before the person has answered: `unknown` where not knowing is a real answer, nothing
 * where they must choose (channel, sex, nationality), so the form asks rather than guesses.
 */
export function blankCase(today: string, orgUnit: string | null): CaseFormValue {
  return {
    identifiedOn: today,
    orgUnit: orgUnit ?? '',
    child: { ageEstimated: false, disability: 'unknown' },
    settlement: 'unknown',
    work: {
      isic: 'unknown',
      workStatus: 'unknown',
      economicHours: null,
      choreHours: null,
      nightWork: 'unknown',
      worstForm: 'unknown',
      hazards: [],
      inSchool: 'unknown',
    },
    consent: null,
    referrals: [],
    followUps: [],
    status: 'identified',
  } as unknown as CaseFormValue;
}

/** A case for a child found in an inspection: what the inspector saw, and where and when. */
export function fromInspection(blank: CaseFormValue, inspection: Inspection, row: ChildFound): CaseFormValue {
  return {
    ...blank,
    identifiedOn: inspection.date,
    channel: 'inspection',
    inspectionId: inspection.id,
    orgUnit: inspection.orgUnit,
    child: {
      ...blank.child,
      sex: row.sex,
      ...(row.age === null ? {} : { ageYears: row.age }),
      ageEstimated: row.ageEstimated,
    },
    work: { ...blank.work, isic: inspection.establishment.isic, worstForm: row.worstForm },
  };
}

/** A saved case as the form edits it: without the fields the repo keeps. */
export function toFormValue(c: StoredCase): CaseFormValue {
  const { id, createdAt, updatedAt, deletedAt, periods, dueOn, ...fields } = c;
  return fields;
}

export const newReferral = (today: string): Referral =>
  ({ key: newId(), referredOn: today, status: 'referred' }) as Referral;

export const newFollowUp = (today: string): FollowUp => ({
  key: newId(),
  date: today,
  stillWorking: 'unknown',
  inSchool: 'unknown',
  serviceReceived: 'unknown',
});

/** Moves focus to a control that the next render adds (a new row's first field), for keyboard users. */
export function focusSoon(id: string) {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}
