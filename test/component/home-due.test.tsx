// The home screen's Due list: child cases whose next visit and inspections whose follow-up are due within 7
// days or overdue, overdue said in words, each a link to the record; and an empty state.
import { render, screen, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { Home } from '../../src/app/Home';
import { type CaseInput, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { formatDate } from '../../src/i18n/i18n';
import { saveInspection } from '../../src/inspections/repo';
import { today } from '../../src/lib/dates';
import { newId } from '../../src/lib/ids';

const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return today(d);
};

function aCase(nextVisitDue: string): CaseInput {
  return {
    id: newId(),
    orgUnit: 'KH-12',
    identifiedOn: day(-60),
    channel: 'school',
    child: { sex: 'female', ageYears: 11, ageEstimated: false, nationality: 'KH', disability: 'no' },
    settlement: 'rural',
    work: {
      isic: 'A',
      workStatus: 'contributing_family',
      economicHours: 8,
      choreHours: null,
      nightWork: 'no',
      worstForm: 'none',
      hazards: [],
      inSchool: 'yes',
    },
    consent: true,
    referrals: [],
    followUps: [
      {
        key: newId(),
        date: day(-30),
        stillWorking: 'yes',
        inSchool: 'yes',
        serviceReceived: 'no',
        nextVisitDue,
      },
    ],
    status: 'monitoring',
  };
}

beforeEach(async () => {
  await Promise.all([db.cases.clear(), db.inspections.clear()]);
});

describe('Home: Due list', () => {
  it('shows an overdue case, marked overdue in words, and an inspection follow-up due soon', async () => {
    const late = await saveCase(aCase(day(-3)));
    await saveCase(aCase(day(30)));
    const inspection = await saveInspection({
      orgUnit: 'KH-12',
      date: day(-10),
      type: 'routine',
      announced: true,
      establishment: { name: 'Brick kiln 4', isic: 'C', formality: 'informal', hardToReach: true },
      childLabourToolUsed: true,
      children: [],
      outcomes: ['warning'],
      followUpDue: day(5),
    });
    render(<Home />);

    const due = await screen.findByRole('region', { name: 'Due soon' });
    const caseLink = await within(due).findByRole('link', { name: new RegExp(late.caseCode) });
    expect(caseLink.getAttribute('href')).toBe(`/cases/${late.id}`);
    expect(caseLink.textContent).toContain(`Overdue since ${formatDate(day(-3))}`);
    expect(caseLink.textContent).toContain('Child case: next visit');

    const inspectionLink = within(due).getByRole('link', { name: /Brick kiln 4/ });
    expect(inspectionLink.getAttribute('href')).toBe(`/inspections/${inspection.id}`);
    expect(inspectionLink.textContent).toContain(`Due ${formatDate(day(5))}`);
    expect(inspectionLink.textContent).not.toContain('Overdue');

    // The case due in a month is not listed; the overdue one comes first.
    expect(within(due).getAllByRole('link')).toHaveLength(2);
    expect(within(due).getAllByRole('link')[0]).toBe(caseLink);
  });

  it('says when nothing is due', async () => {
    await saveCase(aCase(day(8)));
    render(<Home />);
    const due = await screen.findByRole('region', { name: 'Due soon' });
    expect(await within(due).findByText('Nothing is due in the next 7 days.')).toBeTruthy();
  });
});
