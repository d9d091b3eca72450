// The child case schema (SPEC §2.3): what a good case looks like, and each bad one rejected with the
// translation key the form shows, on the field the person must fix.
import { describe, expect, it } from 'vitest';
import { caseCode, caseForm, childCase } from '../../src/cases/schema';

const ID = '0b6f1c1e-8a8e-4a49-9d0a-6f3f0f1b2c3d';
const KEY = '9a1d2c3b-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
const now = '2026-03-01T08:00:00.000Z';

function good() {
  return {
    id: ID,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    orgUnit: 'KH-12',
    periods: ['2026-03'],
    caseCode: 'KH-12-2026-0007',
    identifiedOn: '2026-03-01',
    channel: 'monitoring_visit',
    child: {
      name: 'Sokha',
      sex: 'female',
      ageYears: 13,
      ageEstimated: true,
      nationality: 'KH',
      disability: 'unknown',
    },
    settlement: 'rural',
    work: {
      isic: 'A',
      workStatus: 'contributing_family',
      economicHours: 20 as number | null,
      choreHours: null,
      nightWork: 'no',
      worstForm: 'none',
      hazards: ['dangerous_machinery_loads'],
      inSchool: 'unknown',
    },
    consent: true,
    referrals: [{ key: KEY, service: 'education_formal', referredOn: '2026-03-02', status: 'referred' }],
    followUps: [
      {
        key: KEY,
        date: '2026-03-10',
        stillWorking: 'yes',
        inSchool: 'no',
        serviceReceived: 'unknown',
        nextVisitDue: '2026-04-10',
      },
    ],
    status: 'referred',
  };
}

/** The issues of a failed parse as `path: message`. */
function issues(value: unknown, schema: typeof childCase | typeof caseForm = childCase): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('child case schema', () => {
  it('accepts a complete case', () => {
    expect(issues(good())).toEqual([]);
  });

  it('accepts unknown wherever a person may not know', () => {
    const c = good();
    c.child = { ...c.child, sex: 'unknown', nationality: 'unknown', disability: 'unknown' };
    c.settlement = 'unknown';
    c.work = {
      ...c.work,
      isic: 'unknown',
      workStatus: 'unknown',
      nightWork: 'unknown',
      worstForm: 'unknown',
      economicHours: null,
      inSchool: 'unknown',
    };
    expect(issues(c)).toEqual([]);
    expect(issues({ ...c, child: { ...c.child, nationality: 'stateless' } })).toEqual([]);
  });

  it('refuses a referral without consent, on the consent question', () => {
    expect(issues({ ...good(), consent: null })).toEqual(['consent: errors.consentRequired']);
    expect(issues({ ...good(), consent: false })).toEqual(['consent: errors.consentRequired']);
  });

  it('says the consent problem together with the others, not one after another', () => {
    const c = good();
    expect(issues({ ...c, consent: null, child: { ...c.child, sex: undefined } })).toEqual([
      'child.sex: errors.choose',
      'consent: errors.consentRequired',
    ]);
  });

  it('accepts a referral when consent was overridden with a reason', () => {
    expect(issues({ ...good(), consent: false, consentOverride: 'The child is in danger.' })).toEqual([]);
    // Whitespace is not a reason.
    expect(issues({ ...good(), consent: false, consentOverride: '   ' })).toEqual([
      'consent: errors.consentRequired',
    ]);
  });

  it('needs no consent while there is no referral', () => {
    expect(issues({ ...good(), consent: null, referrals: [] })).toEqual([]);
  });

  it('needs the date a withdrawal was verified', () => {
    expect(issues({ ...good(), status: 'withdrawn_verified' })).toEqual([
      'withdrawnOn: errors.withdrawnOnRequired',
    ]);
    expect(issues({ ...good(), status: 'withdrawn_verified', withdrawnOn: '2026-05-01' })).toEqual([]);
  });

  it('needs a reason to close a case', () => {
    expect(issues({ ...good(), status: 'closed' })).toEqual(['closureReason: errors.closureReasonRequired']);
    expect(issues({ ...good(), status: 'closed', closureReason: 'relocated' })).toEqual([]);
  });

  it('refuses a nationality that is not an ISO 3166-1 code, stateless or unknown', () => {
    for (const nationality of ['Cambodian', 'kh', 'XX', 'ZZ', '']) {
      const c = good();
      expect(issues({ ...c, child: { ...c.child, nationality } }), nationality).toEqual([
        'child.nationality: errors.nationality',
      ]);
    }
  });

  it('refuses more hours in a week than a week has', () => {
    const c = good();
    expect(issues({ ...c, work: { ...c.work, economicHours: 169 } })).toEqual([
      'work.economicHours: errors.hoursWeek',
    ]);
    expect(issues({ ...c, work: { ...c.work, choreHours: -1 } })).toEqual([
      'work.choreHours: errors.notNegative',
    ]);
    expect(issues({ ...c, work: { ...c.work, economicHours: 168 } })).toEqual([]);
  });

  it('refuses a date of birth after the day the child was identified', () => {
    const c = good();
    expect(issues({ ...c, child: { ...c.child, dateOfBirth: '2026-04-01' } })).toEqual([
      'child.dateOfBirth: errors.dateOfBirthAfterIdentified',
    ]);
  });

  it('accepts the case codes the device makes, and nothing else', () => {
    for (const ok of ['KH-12-2026-0007', 'KH-2026-0001', 'PH-ABR-2025-10000', 'XX-2026-0001'])
      expect(caseCode.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['kh-12-2026-0007', 'KH-12-26-0007', 'KH-12-2026-7', 'KH-1234-2026-0001', 'Sokha'])
      expect(caseCode.safeParse(bad).success, bad).toBe(false);
  });

  it('lets the form validate a new case before its code is assigned, with the same rules', () => {
    const { id, createdAt, updatedAt, deletedAt, periods, caseCode: _code, ...fields } = good();
    expect(issues(fields, caseForm)).toEqual([]);
    expect(issues({ ...fields, consent: null }, caseForm)).toEqual(['consent: errors.consentRequired']);
    expect(issues({ ...fields, orgUnit: '' }, caseForm)).toEqual(['orgUnit: errors.orgUnit']);
  });
});
