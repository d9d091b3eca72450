// What makes a long form quick and safe on a phone (issue 15 item 2): an empty Save lists every missing
// answer as a link that takes focus to it; required choice questions are marked like the other fields;
// removing a child found can be undone; "Save and add another" saves and opens an empty form.
import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Toaster } from '../../src/app/Toaster';
import { db } from '../../src/db/db';
import { InspectionForm } from '../../src/inspections/Form';
import { navigate, path, visit } from '../../src/lib/router';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';
import { toasts } from '../../src/ui/toast';

beforeEach(async () => {
  await Promise.all([db.inspections.clear(), db.drafts.clear(), db.outbox.clear(), db.settings.clear()]);
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await saveSetting('defaultOrgUnit', 'KH-12');
  await reloadLocations();
  toasts.value = [];
  navigate('/inspections/new');
});

describe('form ergonomics', () => {
  it('lists what is missing after an empty Save, each a link that moves focus to its question', async () => {
    const user = userEvent.setup();
    render(<InspectionForm params={{ id: 'new' }} />);
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    // The form's summary is the first alert on the page (a section may hold its own).
    const summary = (await screen.findAllByRole('alert'))[0]!;
    const links = await waitFor(() => {
      const found = within(summary).getAllByRole('link');
      expect(found.length).toBeGreaterThan(3);
      return found;
    });
    const texts = links.map((a) => a.textContent);
    // Named by the question, not only "Choose one of the options".
    expect(texts.some((x) => x?.startsWith('Type of inspection:'))).toBe(true);
    expect(texts.some((x) => x?.startsWith('Formal or informal?'))).toBe(true);
    const formality = links.find((a) => a.textContent?.startsWith('Formal or informal?'))!;
    await user.click(formality);
    const group = screen.getByRole('group', { name: 'Formal or informal?' });
    expect(group.contains(document.activeElement)).toBe(true);
    expect(document.activeElement?.getAttribute('type')).toBe('radio');
  });

  it('marks required choice questions with the same * as the other fields', async () => {
    render(<InspectionForm params={{ id: 'new' }} />);
    const group = await screen.findByRole('group', { name: 'Formal or informal?' });
    expect(group.querySelector('legend')?.textContent).toMatch(/\*$/);
  });

  it('takes back a removed child with Undo, answers and all', async () => {
    const user = userEvent.setup();
    render(
      <>
        <InspectionForm params={{ id: 'new' }} />
        <Toaster />
      </>,
    );
    const add = await screen.findByRole('button', { name: 'Add a child' });
    await user.click(add);
    await user.click(add);
    const first = screen.getByRole('group', { name: 'Child 1' });
    await user.click(within(within(first).getByRole('group', { name: 'Sex' })).getByLabelText('Girl'));
    await user.type(within(first).getByLabelText('Age in years'), '12');
    await user.click(screen.getByRole('button', { name: 'Remove child 1' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Child 2' })).toBeNull());
    await screen.findByText('Child 1 removed.');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    const back = await screen.findByRole('group', { name: 'Child 1' });
    expect((within(back).getByLabelText('Age in years') as HTMLInputElement).value).toBe('12');
    expect((within(back).getByLabelText('Girl') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('group', { name: 'Child 2' })).toBeTruthy();
  });

  it('"Save and add another" refuses an empty form, then saves a filled one and opens an empty form', async () => {
    const before = visit.value;
    const user = userEvent.setup();
    const { unmount } = render(<InspectionForm params={{ id: 'new' }} />);
    const another = await screen.findByRole('button', { name: 'Save and add another' });
    await user.click(another);
    await screen.findByText(/Some fields need attention/);
    expect(await db.inspections.count()).toBe(0);
    expect(visit.value).toBe(before);

    const pick = (group: string | RegExp, option: string) =>
      user.click(within(screen.getByRole('group', { name: group })).getByLabelText(option));
    await pick(/Type of inspection/, 'Routine');
    await pick(/announced beforehand/, 'No');
    await user.type(screen.getByLabelText(/Name of the establishment/), 'Kiln one');
    await user.selectOptions(screen.getByLabelText(/Sector \(ISIC section\)/), 'C · Manufacturing');
    await pick(/Formal or informal/, 'Informal');
    await pick(/hard-to-reach sector/, 'No');
    await pick(/child labour checklist/, 'No');
    await user.click(screen.getByLabelText('No violation found'));
    await user.click(another);
    // Saved, and the same address opened anew (App.tsx keys the screen by `visit`): an empty form.
    await waitFor(() => expect(visit.value).toBe(before + 1));
    expect((await db.inspections.toArray()).map((i) => i.establishment.name)).toEqual(['Kiln one']);
    expect(path.value).toBe('/inspections/new');
    unmount();
    render(<InspectionForm params={{ id: 'new' }} />);
    expect(((await screen.findByLabelText(/Name of the establishment/)) as HTMLInputElement).value).toBe('');
  });

  it('folds a section away, counts its answers, and opens it again where Save finds a missing answer', async () => {
    const user = userEvent.setup();
    render(<InspectionForm params={{ id: 'new' }} />);
    const name = await screen.findByLabelText(/Name of the establishment/);
    const section = name.closest('details')!;
    const summary = section.querySelector('summary')!;
    const before = summary.textContent;
    expect(before).toMatch(/Establishment.*0 of 4 answered/);
    await user.type(name, 'Kiln');
    await waitFor(() => expect(summary.textContent).toMatch(/1 of 4 answered/));
    await user.click(summary);
    expect(section.open).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(section.open).toBe(true));
  });
});
