// The activity form and list as a focal point uses them: by labels, an error for a missing title, save, find
// it in the list (and by its title), edit, delete with Undo, and a draft restored after leaving.
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ActivityForm } from '../../src/activities/Form';
import { ActivityList } from '../../src/activities/List';
import { saveActivity } from '../../src/activities/repo';
import { Toaster } from '../../src/app/Toaster';
import { db } from '../../src/db/db';
import { navigate, path } from '../../src/lib/router';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';

// The machine running the suite may be busy (2 cores, several suites): give the screen time to update.

beforeEach(async () => {
  await Promise.all([db.activities.clear(), db.drafts.clear(), db.outbox.clear(), db.settings.clear()]);
  await loadSettings();
  await saveSetting('homeCountry', 'LA');
  await saveSetting('defaultOrgUnit', 'LA-VT');
  await reloadLocations();
  navigate('/activities/new');
});

const save = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByRole('button', { name: 'Save' }));

describe('ActivityForm', () => {
  it('asks for the title, then saves and lists the activity', async () => {
    const user = userEvent.setup();
    render(<ActivityForm params={{ id: 'new' }} />);
    fireEvent.input(await screen.findByLabelText(/^Date/), { target: { value: '2026-02-20' } });
    await user.selectOptions(screen.getByLabelText(/Kind of activity/), 'Campaign activity');
    await save(user);
    await screen.findByText(/Some fields need attention/);
    expect(screen.getByLabelText(/^Title/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('This field is required.')).toBeTruthy();
    expect(await db.activities.count()).toBe(0);

    await user.type(screen.getByLabelText(/^Title/), 'Radio spots on child labour');
    await save(user);
    await waitFor(() => expect(path.value).toBe('/activities'));
    const [saved] = await db.activities.toArray();
    expect(saved).toMatchObject({
      orgUnit: 'LA-VT',
      date: '2026-02-20',
      kind: 'campaign_activity',
      title: 'Radio spots on child labour',
      periods: ['2026-02'],
    });

    render(<ActivityList />);
    const item = await screen.findByRole('link', { name: /Radio spots on child labour/ });
    expect(item.textContent).toContain('Campaign activity');
    expect(item.textContent).toContain('Vientiane Prefecture');
  });

  it('filters the list by title, month and location', async () => {
    const user = userEvent.setup();
    await saveActivity({
      orgUnit: 'LA-VT',
      date: '2026-01-10',
      kind: 'law_reviewed',
      title: 'Labour law review',
    });
    await saveActivity({ orgUnit: 'KH-12', date: '2026-02-10', kind: 'study_research', title: 'Kiln study' });
    render(<ActivityList />);
    await screen.findByRole('link', { name: /Kiln study/ });
    await user.type(screen.getByLabelText('Search by title'), 'lab');
    await waitFor(() => expect(screen.queryByRole('link', { name: /Kiln study/ })).toBeNull());
    expect(screen.getByRole('link', { name: /Labour law review/ })).toBeTruthy();
    await user.clear(screen.getByLabelText('Search by title'));

    fireEvent.input(screen.getByLabelText('Month'), { target: { value: '2026-02' } });
    await waitFor(() => expect(screen.queryByRole('link', { name: /Labour law review/ })).toBeNull());
    expect(screen.getByRole('link', { name: /Kiln study/ })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Month'), { target: { value: '' } });

    await user.selectOptions(screen.getByLabelText(/^Location/), 'LA');
    await waitFor(() => expect(screen.queryByRole('link', { name: /Kiln study/ })).toBeNull());
    expect(screen.getByRole('link', { name: /Labour law review/ })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText(/^Location/), 'TH');
    await screen.findByText('Nothing matches these filters.');
  });

  it('edits, then deletes with Undo', async () => {
    const user = userEvent.setup();
    const saved = await saveActivity({
      orgUnit: 'LA-VT',
      date: '2026-02-01',
      kind: 'joint_programme',
      title: 'Joint programme with ILO',
    });
    render(
      <>
        <ActivityForm params={{ id: saved.id }} />
        <Toaster />
      </>,
    );
    const title = (await screen.findByLabelText(/^Title/)) as HTMLInputElement;
    expect(title.value).toBe('Joint programme with ILO');
    await user.type(title, ' and UNICEF');
    await save(user);
    await screen.findByText('Saved on this device.');
    expect((await db.activities.get(saved.id))?.title).toBe('Joint programme with ILO and UNICEF');
    expect(await db.activities.count()).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await screen.findByText('Deleted.');
    const list = render(<ActivityList />);
    await list.findByText('Nothing recorded yet.');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await list.findByRole('link', { name: /Joint programme with ILO and UNICEF/ });
  });

  it('restores the draft when the form is opened again', async () => {
    const user = userEvent.setup();
    const first = render(<ActivityForm params={{ id: 'new' }} />);
    await user.type(await screen.findByLabelText(/^Title/), 'Half-typed title');
    first.unmount();
    render(<ActivityForm params={{ id: 'new' }} />);
    const title = (await screen.findByLabelText(/^Title/)) as HTMLInputElement;
    await waitFor(() => expect(title.value).toBe('Half-typed title'));
    expect(screen.getByText(/Your unsaved changes from .* were restored/)).toBeTruthy();
  });
});
