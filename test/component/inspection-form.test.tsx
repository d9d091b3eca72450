// The inspection form as an inspector uses it: found by labels, two children found, errors where a field is
// missing, save and find it in the list, edit, delete with Undo, a draft restored after leaving, and a child
// case started from a row.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Toaster } from '../../src/app/Toaster';
import { db } from '../../src/db/db';
import { InspectionForm } from '../../src/inspections/Form';
import { InspectionList } from '../../src/inspections/List';
import { linkChildToCase, saveInspection } from '../../src/inspections/repo';
import type { InspectionInput } from '../../src/inspections/schema';
import { navigate, path } from '../../src/lib/router';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';

type User = ReturnType<typeof userEvent.setup>;

// The machine running the suite may be busy (2 cores, several suites): give the screen time to update.

beforeEach(async () => {
  await Promise.all([db.inspections.clear(), db.drafts.clear(), db.outbox.clear(), db.settings.clear()]);
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await saveSetting('defaultOrgUnit', 'KH-12');
  await reloadLocations();
  navigate('/inspections/new');
});

const group = (name: string | RegExp, root: HTMLElement = document.body) =>
  within(root).getByRole('group', { name });
const choose = (user: User, groupName: string | RegExp, option: string, root?: HTMLElement) =>
  user.click(within(group(groupName, root)).getByLabelText(option));
const save = (user: User) => user.click(screen.getByRole('button', { name: 'Save' }));

/** The visit and the establishment, by their labels. */
async function fillVisit(user: User, name = 'Sok brick kiln') {
  const date = await screen.findByLabelText(/Date of the inspection/);
  fireEvent.input(date, { target: { value: '2026-03-14' } });
  const location = screen.getByLabelText(/^Location/) as HTMLSelectElement;
  await waitFor(() => expect(location.disabled).toBe(false));
  await user.selectOptions(location, 'KH-8');
  await choose(user, /Type of inspection/, 'Targeted at child labour');
  await choose(user, /announced beforehand/, 'No');
  await user.type(screen.getByLabelText(/Name of the establishment/), name);
  await user.selectOptions(screen.getByLabelText(/Sector \(ISIC section\)/), 'C · Manufacturing');
  await choose(user, /Formal or informal/, 'Informal');
  await choose(user, /hard-to-reach sector/, 'Yes');
  await choose(user, /child labour checklist/, 'Yes');
}

async function fillChild(
  user: User,
  n: number,
  answers: { sex: string; age?: string; hazardous: string; worst: string },
) {
  const row = group(`Child ${n}`);
  await choose(user, 'Sex', answers.sex, row);
  if (answers.age) await user.type(within(row).getByLabelText('Age in years'), answers.age);
  else await user.click(within(row).getByLabelText('Age not known'));
  await choose(user, 'Hazardous work?', answers.hazardous, row);
  await choose(user, /Worst form of child labour/, answers.worst, row);
}

function stored(over: Partial<InspectionInput> = {}): InspectionInput {
  return {
    orgUnit: 'KH-12',
    date: '2026-03-14',
    type: 'routine',
    announced: true,
    establishment: { name: 'Mekong fish sauce', isic: 'C', formality: 'formal', hardToReach: false },
    childLabourToolUsed: false,
    children: [
      {
        key: '0b9f3a52-2d7e-4c1b-9a6f-3e8d1c2b4a50',
        sex: 'female',
        age: 14,
        ageEstimated: false,
        hazardous: 'no',
        worstForm: 'none',
      },
    ],
    outcomes: ['advice'],
    ...over,
  };
}

describe('InspectionForm', () => {
  it('shows what is missing and saves nothing until it is fixed', async () => {
    const user = userEvent.setup();
    render(<InspectionForm params={{ id: 'new' }} />);
    await screen.findByLabelText(/Name of the establishment/);
    await save(user);
    await screen.findByText(/Some fields need attention/);
    const name = screen.getByLabelText(/Name of the establishment/);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toContain('error');
    expect(screen.getAllByText('This field is required.').length).toBeGreaterThan(0);
    expect(await db.inspections.count()).toBe(0);
  });

  it('is filled by its labels with two children, saved, and shown in the list', async () => {
    const user = userEvent.setup();
    render(<InspectionForm params={{ id: 'new' }} />);
    await fillVisit(user);
    await user.click(screen.getByRole('button', { name: 'Add a child' }));
    await user.click(screen.getByRole('button', { name: 'Add a child' }));
    await fillChild(user, 1, { sex: 'Girl', age: '13', hazardous: 'Yes', worst: 'None' });
    await fillChild(user, 2, { sex: 'Boy', hazardous: 'Unknown', worst: 'Unknown' });
    await user.click(within(group('Child 1')).getByLabelText('The age is estimated'));

    // The fine appears only when "Administrative fine" is ticked, in the home country's currency.
    expect(screen.queryByLabelText(/Fine amount/)).toBeNull();
    await user.click(screen.getByLabelText('Administrative fine'));
    const currency = (await screen.findByLabelText(/Currency/)) as HTMLInputElement;
    expect(currency.value).toBe('KHR');
    await save(user);
    // Under the field, and listed (as a link to it) in the summary above the form.
    await screen.findByText(/Enter the fine amount/, { selector: '.field-error' });
    expect((await screen.findByRole('link', { name: /Enter the fine amount/ })).getAttribute('href')).toBe(
      '#f-fine-amount',
    );
    expect(await db.inspections.count()).toBe(0);
    await user.type(screen.getByLabelText(/Fine amount/), '400000');
    await save(user);

    await waitFor(() => expect(path.value).toBe('/inspections'));
    const [saved] = await db.inspections.toArray();
    expect(saved).toMatchObject({
      orgUnit: 'KH-8',
      date: '2026-03-14',
      type: 'targeted_child_labour',
      announced: false,
      establishment: { name: 'Sok brick kiln', isic: 'C', formality: 'informal', hardToReach: true },
      childLabourToolUsed: true,
      outcomes: ['administrative_fine'],
      fine: { amount: 400000, currency: 'KHR' },
      periods: ['2026-03'],
    });
    expect(
      saved?.children.map(({ sex, age, ageEstimated, hazardous, worstForm }) => [
        sex,
        age,
        ageEstimated,
        hazardous,
        worstForm,
      ]),
    ).toEqual([
      ['female', 13, true, 'yes', 'none'],
      ['male', null, false, 'unknown', 'unknown'],
    ]);
    // The draft is gone once saved.
    expect(await db.drafts.count()).toBe(0);

    render(<InspectionList />);
    const item = await screen.findByRole('link', { name: /Sok brick kiln/ });
    expect(item.textContent).toContain('Kandal');
    expect(item.textContent).toContain('Children found: 2');
    expect(item.textContent).toContain('14 Mar 2026');
  });

  it('edits a saved inspection', async () => {
    const user = userEvent.setup();
    const saved = await saveInspection(stored());
    render(<InspectionForm params={{ id: saved.id }} />);
    const name = (await screen.findByLabelText(/Name of the establishment/)) as HTMLInputElement;
    expect(name.value).toBe('Mekong fish sauce');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Inspection');
    await user.clear(name);
    await user.type(name, 'Mekong fish sauce factory');
    await save(user);
    await waitFor(() => expect(path.value).toBe('/inspections'));
    const all = await db.inspections.toArray();
    expect(all.map((r) => [r.id, r.establishment.name])).toEqual([[saved.id, 'Mekong fish sauce factory']]);
  });

  it('deletes with Undo', async () => {
    const user = userEvent.setup();
    const saved = await saveInspection(stored());
    render(
      <>
        <InspectionForm params={{ id: saved.id }} />
        <Toaster />
      </>,
    );
    await screen.findByLabelText(/Name of the establishment/);
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await screen.findByText('Deleted.');
    expect((await db.inspections.get(saved.id))?.deletedAt).not.toBeNull();

    const list = render(<InspectionList />);
    await list.findByText('Nothing recorded yet.');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await list.findByRole('link', { name: /Mekong fish sauce/ });
    expect((await db.inspections.get(saved.id))?.deletedAt).toBeNull();
  });

  it('restores the draft when the form is opened again', async () => {
    const user = userEvent.setup();
    const first = render(<InspectionForm params={{ id: 'new' }} />);
    await user.type(await screen.findByLabelText(/Name of the establishment/), 'Half-done kiln');
    await user.click(screen.getByRole('button', { name: 'Add a child' }));
    await choose(user, 'Sex', 'Boy', group('Child 1'));
    // Leaving at once (no wait for the typing delay) still keeps what was typed.
    first.unmount();

    render(<InspectionForm params={{ id: 'new' }} />);
    const name = (await screen.findByLabelText(/Name of the establishment/)) as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe('Half-done kiln'));
    expect(screen.getByText(/Your unsaved changes from .* were restored/)).toBeTruthy();
    expect((within(group('Child 1')).getByLabelText('Boy') as HTMLInputElement).checked).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(name.value).toBe(''));
    expect(screen.queryByRole('group', { name: 'Child 1' })).toBeNull();
  });

  it('removes a child row and keeps focus on the row that took its place, then on Add', async () => {
    const user = userEvent.setup();
    render(<InspectionForm params={{ id: 'new' }} />);
    const add = await screen.findByRole('button', { name: 'Add a child' });
    await user.click(add);
    await waitFor(() => expect(document.activeElement).toBe(group('Child 1')));
    await user.click(add);
    await choose(user, 'Sex', 'Boy', group('Child 2'));
    await user.click(screen.getByRole('button', { name: 'Remove child 1' }));
    // The boy's row is now "Child 1" and has the focus. Looked up inside waitFor: until the form has
    // re-rendered, "Child 1" is still the girl's row, on its way out.
    await waitFor(() => expect(document.activeElement).toBe(group('Child 1')));
    expect((within(group('Child 1')).getByLabelText('Boy') as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Remove child 1' }));
    expect(screen.queryByRole('group', { name: /Child \d/ })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(add));
  });

  it('"Create child case" saves the inspection first, or shows why it cannot', async () => {
    const user = userEvent.setup();
    render(<InspectionForm params={{ id: 'new' }} />);
    await user.click(await screen.findByRole('button', { name: 'Add a child' }));
    await user.click(screen.getByRole('button', { name: 'Create child case' }));
    await screen.findByText(/saved before the child case is created/);
    // Still on the new inspection's form (its address carries the form's draft: `?draft=<id>`).
    expect(path.value.split('?')[0]).toBe('/inspections/new');
    expect(await db.inspections.count()).toBe(0);

    await fillVisit(user, 'Night market');
    await fillChild(user, 1, { sex: 'Girl', age: '9', hazardous: 'No', worst: 'None' });
    await user.click(screen.getByRole('button', { name: 'Create child case' }));
    await waitFor(() => expect(path.value).toMatch(/^\/cases\/new\?/));
    const [saved] = await db.inspections.toArray();
    const q = new URLSearchParams(path.value.split('?')[1]);
    expect(q.get('inspection')).toBe(saved?.id);
    expect(q.get('child')).toBe(saved?.children[0]?.key);
  });

  it('offers "Open child case" for a row linked to a case', async () => {
    const saved = await saveInspection(stored());
    const caseId = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
    await linkChildToCase(saved.id, saved.children[0]!.key, caseId);
    render(<InspectionForm params={{ id: saved.id }} />);
    const link = await screen.findByRole('link', { name: 'Open child case' });
    expect(link.getAttribute('href')).toBe(`/cases/${caseId}`);
    expect(screen.queryByRole('button', { name: 'Create child case' })).toBeNull();
  });
});
