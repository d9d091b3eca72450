// The case list: newest identified first, codes and categories shown (never names), search by code, filter
// by month, and "Show more" for the next page.
import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { CaseList, PAGE_SIZE } from '../../src/cases/List';
import { type CaseInput, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { newId } from '../../src/lib/ids';
import { reloadLocations } from '../../src/locations/repo';

function aCase(identifiedOn: string, orgUnit = 'KH-12', economicHours = 2): CaseInput {
  return {
    id: newId(),
    orgUnit,
    identifiedOn,
    channel: 'hotline',
    child: {
      name: 'Sokha',
      sex: 'female',
      ageYears: 9,
      ageEstimated: false,
      nationality: 'KH',
      disability: 'no',
    },
    settlement: 'rural',
    work: {
      isic: 'A',
      workStatus: 'contributing_family',
      economicHours,
      choreHours: null,
      nightWork: 'no',
      worstForm: 'none',
      hazards: [],
      inSchool: 'yes',
    },
    consent: null,
    referrals: [],
    followUps: [],
    status: 'identified',
  };
}

beforeEach(async () => {
  await db.cases.clear();
  await reloadLocations();
});

const codes = () => items().map((a) => a.querySelector('strong')?.textContent);
const items = () => within(screen.getByRole('list', { name: 'Child cases' })).getAllByRole('link');

describe('CaseList', () => {
  it('lists codes newest first with status and category, never the name', async () => {
    await saveCase(aCase('2026-01-10'));
    await saveCase(aCase('2026-03-02', 'TH-10', 0));
    render(<CaseList />);
    await screen.findByText('TH-10-2026-0001');
    expect(items().map((a) => a.querySelector('strong')?.textContent)).toEqual([
      'TH-10-2026-0001',
      'KH-12-2026-0001',
    ]);
    expect(items()[1]!.textContent).toContain('Below the minimum working age');
    expect(items()[1]!.textContent).toContain('Identified');
    expect(screen.queryByText(/Sokha/)).toBeNull();
  });

  it('searches by case code and filters by month', async () => {
    await saveCase(aCase('2026-01-10'));
    await saveCase(aCase('2026-03-02', 'TH-10'));
    const user = userEvent.setup({ delay: null });
    render(<CaseList />);
    await screen.findByText('TH-10-2026-0001');
    await user.type(screen.getByLabelText("Search by case code or child's name"), 'kh-12');
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(items()[0]!.textContent).toContain('KH-12-2026-0001');
    await user.clear(screen.getByLabelText("Search by case code or child's name"));
    await user.type(screen.getByLabelText('Month'), '2026-03');
    await waitFor(() =>
      expect(items().map((a) => a.querySelector('strong')?.textContent)).toEqual(['TH-10-2026-0001']),
    );
  });

  it('shows a page, then the next with "Show more"', async () => {
    for (let i = 0; i <= PAGE_SIZE; i++)
      await saveCase(aCase(`2026-02-${String((i % 28) + 1).padStart(2, '0')}`));
    const user = userEvent.setup({ delay: null });
    render(<CaseList />);
    await waitFor(() => expect(items()).toHaveLength(PAGE_SIZE));
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(items()).toHaveLength(PAGE_SIZE + 1));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('filters by status, category and overdue visit, counts the matches, finds a name, and clears', async () => {
    await saveCase(aCase('2026-01-10'));
    await saveCase({ ...aCase('2026-02-10', 'TH-10', 0), status: 'monitoring' });
    await saveCase({
      ...aCase('2026-03-10', 'KH-12', 0),
      child: { ...aCase('x').child, name: 'Dara' },
      followUps: [
        {
          key: newId(),
          date: '2026-03-11',
          stillWorking: 'yes',
          inSchool: 'yes',
          serviceReceived: 'no',
          nextVisitDue: '2026-03-20',
        },
      ],
    });
    const user = userEvent.setup({ delay: null });
    render(<CaseList />);
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();

    await user.selectOptions(screen.getByLabelText('Status'), 'monitoring');
    await waitFor(() => expect(codes()).toEqual(['TH-10-2026-0001']));
    await screen.findByText('Matches: 1');

    await user.selectOptions(screen.getByLabelText('Status'), '');
    await user.selectOptions(screen.getByLabelText('Category'), 'below_minimum_age');
    await waitFor(() => expect(codes()).toEqual(['KH-12-2026-0001']));
    await user.selectOptions(screen.getByLabelText('Category'), '');

    await user.click(screen.getByLabelText('Only overdue follow-ups'));
    await waitFor(() => expect(codes()).toEqual(['KH-12-2026-0002']));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(items()).toHaveLength(3));

    // By the child's name (never shown in the list, only matched in memory).
    await user.type(screen.getByLabelText("Search by case code or child's name"), 'dar');
    await waitFor(() => expect(codes()).toEqual(['KH-12-2026-0002']));
    expect(screen.queryByText(/Dara/)).toBeNull();
    await screen.findByText('Matches: 1');
  });
});
