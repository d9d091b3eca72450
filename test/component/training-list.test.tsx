// The list of training sessions as a trainer sees it: newest first with dates, place and completion, a search
// by title, filters by month and location, "Show more", and a deleted session gone until Undo.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';
import { TrainingList } from '../../src/trainings/List';
import { deleteTraining, PAGE_SIZE, saveTraining, undoDeleteTraining } from '../../src/trainings/repo';
import type { TrainingInput } from '../../src/trainings/schema';

let n = 0;
const key = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const session = (over: Partial<TrainingInput>): TrainingInput => ({
  orgUnit: 'KH-12',
  startDate: '2026-03-09',
  endDate: '2026-03-09',
  title: 'Session',
  topics: ['other'],
  modality: 'online',
  participants: [
    { key: key(), sex: 'female', agency: 'police', orgUnit: 'KH-12', completed: true },
    { key: key(), sex: 'male', agency: 'police', orgUnit: 'KH-12', completed: false },
    { key: key(), sex: 'male', agency: 'health', orgUnit: 'KH-12', completed: true },
  ],
  ...over,
});
const titles = () =>
  within(screen.getByRole('list'))
    .getAllByRole('link')
    .map((a) => a.querySelector('strong')?.textContent);

beforeEach(async () => {
  await Promise.all([db.trainings.clear(), db.settings.clear()]);
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await reloadLocations();
});

describe('TrainingList', () => {
  it('says when there is nothing yet, and offers a new training', async () => {
    render(<TrainingList />);
    expect(await screen.findByText('Nothing recorded yet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New training' }).getAttribute('href')).toBe('/trainings/new');
  });

  it('shows sessions newest first with dates, place and completed/total, each linking to its form', async () => {
    const a = await saveTraining(
      session({ title: 'Law basics', startDate: '2026-01-12', endDate: '2026-01-14' }),
    );
    await saveTraining(
      session({ title: 'Referral', startDate: '2026-03-02', endDate: '2026-03-02', orgUnit: 'KH-1' }),
    );
    render(<TrainingList />);
    await waitFor(() => expect(titles()).toEqual(['Referral', 'Law basics']));
    const first = screen.getByRole('link', { name: /Law basics/ });
    expect(first.getAttribute('href')).toBe(`/trainings/${a.id}`);
    expect(first.textContent).toContain('12 Jan 2026 – 14 Jan 2026');
    expect(first.textContent).toContain('Phnom Penh');
    expect(first.textContent).toContain('Completed: 2 of 3 participants');
    expect(screen.getByRole('link', { name: /Referral/ }).textContent).toContain('Banteay Meanchey');
  });

  it('searches by title and filters by month and location', async () => {
    await saveTraining(session({ title: 'Law basics', startDate: '2026-01-12' }));
    await saveTraining(session({ title: 'Law advanced', startDate: '2026-02-12', orgUnit: 'KH-1' }));
    await saveTraining(session({ title: 'Referral', startDate: '2026-02-02' }));
    const user = userEvent.setup();
    render(<TrainingList />);
    await waitFor(() => expect(titles()).toHaveLength(3));

    await user.type(screen.getByLabelText('Search by title'), 'law');
    await waitFor(() => expect(titles()).toEqual(['Law advanced', 'Law basics']));
    fireEvent.input(screen.getByLabelText('Month'), { target: { value: '2026-01' } });
    await waitFor(() => expect(titles()).toEqual(['Law basics']));
    await user.clear(screen.getByLabelText('Search by title'));
    fireEvent.input(screen.getByLabelText('Month'), { target: { value: '' } });
    const place = screen.getByLabelText('Location') as HTMLSelectElement;
    await waitFor(() => expect(place.disabled).toBe(false));
    await user.selectOptions(place, 'KH-1');
    await waitFor(() => expect(titles()).toEqual(['Law advanced']));
    fireEvent.input(screen.getByLabelText('Month'), { target: { value: '2026-01' } });
    expect(await screen.findByText('Nothing matches these filters.')).toBeTruthy();
  });

  it('shows a page at a time, with "Show more" for the rest', async () => {
    for (let i = 0; i < PAGE_SIZE + 3; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      await saveTraining(
        session({ title: `S${i}`, startDate: `2025-${i < 28 ? '01' : '02'}-${day}`, participants: [] }),
      );
    }
    const user = userEvent.setup();
    render(<TrainingList />);
    await waitFor(() => expect(titles()).toHaveLength(PAGE_SIZE));
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(titles()).toHaveLength(PAGE_SIZE + 3));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('drops a deleted session and brings it back on Undo', async () => {
    const a = await saveTraining(session({ title: 'Law basics' }));
    render(<TrainingList />);
    await waitFor(() => expect(titles()).toEqual(['Law basics']));
    await deleteTraining(a.id);
    expect(await screen.findByText('Nothing recorded yet.')).toBeTruthy();
    await undoDeleteTraining(a.id);
    await waitFor(() => expect(titles()).toEqual(['Law basics']));
  });
});
