// The home dashboard: open cases, overdue follow-ups, and the main indicators this month against last month
// with a 12-month trend, from the stored tallies; months never counted are counted first.
import { render, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { Home } from '../../src/app/Home';
import { type CaseInput, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { formatMonthShort } from '../../src/i18n/i18n';
import { previousMonth, today } from '../../src/lib/dates';
import { newId } from '../../src/lib/ids';
import { lastMonths } from '../../src/tally/summary-repo';

// The first render loads the tally repo to count the months: give a cold start time, not a retry.

const thisMonth = today().slice(0, 7);
const lastMonth = previousMonth(thisMonth);

function aCase(identifiedOn: string, status: CaseInput['status'], nextVisitDue?: string): CaseInput {
  return {
    id: newId(),
    orgUnit: 'KH-12',
    identifiedOn,
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
    followUps: nextVisitDue
      ? [
          {
            key: newId(),
            date: identifiedOn,
            stillWorking: 'yes',
            inSchool: 'yes',
            serviceReceived: 'no',
            nextVisitDue,
          },
        ]
      : [],
    status,
  };
}

beforeEach(async () => {
  await Promise.all(
    ['cases', 'inspections', 'trainings', 'activities', 'outbox', 'tallies', 'tallyMonths'].map((n) =>
      db.table(n).clear(),
    ),
  );
});

describe('Home: dashboard', () => {
  it('counts open cases, overdue follow-ups and this month against last month', async () => {
    await saveCase(aCase(`${thisMonth}-01`, 'identified'));
    await saveCase(aCase(`${thisMonth}-01`, 'monitoring', `${lastMonth}-20`));
    await saveCase({ ...aCase(`${lastMonth}-10`, 'closed'), closureReason: 'relocated' });
    // Nothing counted yet: the dashboard counts these months from their records first.
    expect(await db.tallyMonths.count()).toBe(0);
    render(<Home />);
    const dash = await screen.findByRole('region', { name: 'This month at a glance' });
    await waitFor(() =>
      expect(within(dash).getByText('Open child cases').nextSibling?.textContent).toBe('2'),
    );
    expect(within(dash).getByText('Overdue follow-ups').nextSibling?.textContent).toBe('1');
    const row = within(dash).getByRole('row', { name: /^Children identified/ });
    const cells = within(row).getAllByRole('cell');
    expect(cells.slice(0, 3).map((c) => c.textContent)).toEqual(['2', '1', '+1']);
    const trend = within(row).getByRole('img');
    const months = lastMonths(thisMonth);
    expect(trend.getAttribute('aria-label')).toContain(`${formatMonthShort(months[11]!)}: 2`);
    expect(trend.children).toHaveLength(12);

    // A new case this month shows at once: the dashboard follows the stored tallies.
    await saveCase(aCase(`${thisMonth}-02`, 'identified'));
    await waitFor(() =>
      expect(
        within(within(dash).getByRole('row', { name: /^Children identified/ })).getAllByRole('cell')[0]
          ?.textContent,
      ).toBe('3'),
    );
  });
});
