// The inspection list: newest first, a page of 50 with "Show more", and its filters found by their labels.
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { InspectionList } from '../../src/inspections/List';
import { saveInspection } from '../../src/inspections/repo';
import type { InspectionInput } from '../../src/inspections/schema';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';

// The machine running the suite may be busy (2 cores, several suites): give the screen time to update.

beforeEach(async () => {
  await Promise.all([db.inspections.clear(), db.outbox.clear(), db.settings.clear()]);
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await reloadLocations();
});

const fields = (name: string, date: string, orgUnit = 'KH-12'): InspectionInput => ({
  orgUnit,
  date,
  type: 'routine',
  announced: true,
  establishment: { name, isic: 'A', formality: 'informal', hardToReach: true },
  childLabourToolUsed: false,
  children: [],
  outcomes: [],
});

// Role queries are slow over 50 items in jsdom; the list is still found by its accessible name.
const items = () => [
  ...(document.querySelector('ul[aria-label="Inspections"]')?.querySelectorAll('a') ?? []),
];

describe('InspectionList', () => {
  it('shows 50 newest first, then the rest with "Show more", moving focus to the first new one', async () => {
    const user = userEvent.setup();
    for (let i = 1; i <= 52; i++) {
      await saveInspection(fields(`Farm ${i}`, `2026-01-${String((i % 28) + 1).padStart(2, '0')}`));
    }
    render(<InspectionList />);
    await waitFor(() => expect(items()).toHaveLength(50));
    expect(items()[0]?.textContent).toContain('28 Jan 2026');
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(items()).toHaveLength(52));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(items()[50]));
  });

  it('filters by month, location (rolling up sub-locations) and establishment name', async () => {
    const user = userEvent.setup();
    await saveInspection(fields('Angkor rice mill', '2026-02-03', 'KH-17'));
    await saveInspection(fields('Anlong fishing lot', '2026-03-09', 'KH-12'));
    await saveInspection(fields('Bangkok garment', '2026-03-11', 'TH-10'));
    render(<InspectionList />);
    await waitFor(() => expect(items()).toHaveLength(3));

    await user.type(screen.getByLabelText('Search by establishment name'), 'an');
    await waitFor(() =>
      expect(items().map((a) => a.querySelector('strong')?.textContent)).toEqual([
        'Anlong fishing lot',
        'Angkor rice mill',
      ]),
    );
    await user.clear(screen.getByLabelText('Search by establishment name'));

    fireEvent.input(screen.getByLabelText('Month'), { target: { value: '2026-03' } });
    await waitFor(() => expect(items()).toHaveLength(2));

    const location = screen.getByLabelText(/^Location/) as HTMLSelectElement;
    await user.selectOptions(location, 'KH');
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(items()[0]?.textContent).toContain('Phnom Penh');
    fireEvent.input(screen.getByLabelText('Month'), { target: { value: '2025-12' } });
    await screen.findByText('Nothing matches these filters.');
  });
});
