// The training form as a trainer uses it: found by labels, errors where something is missing, an attendance
// sheet of 30 rows pasted with 2 bad rows (28 added, the 2 reasons shown, fixed and added again), saved,
// edited (completion toggled, a row removed), the session's location carried to its rows, a draft restored.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Toaster } from '../../src/app/Toaster';
import { db } from '../../src/db/db';
import { navigate, path } from '../../src/lib/router';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';
import { TrainingForm } from '../../src/trainings/Form';
import { saveTraining } from '../../src/trainings/repo';
import type { TrainingInput } from '../../src/trainings/schema';

type User = ReturnType<typeof userEvent.setup>;

beforeEach(async () => {
  await Promise.all([db.trainings.clear(), db.drafts.clear(), db.outbox.clear(), db.settings.clear()]);
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await saveSetting('defaultOrgUnit', 'KH-12');
  await reloadLocations();
  navigate('/trainings/new');
});

const SEXES = ['Female', 'Male', 'F', 'm', 'Other', 'Prefers not to say'];
const AGENCIES = ['Police', 'Labour inspection', 'education', 'Health', 'social_welfare'];
/** An attendance sheet of 30 people, as copied from a spreadsheet; line 8 and line 20 are wrong. */
function sheet() {
  const rows = Array.from({ length: 30 }, (_, i) => [
    `Person ${i + 1}`,
    SEXES[i % 6]!,
    AGENCIES[i % 5]!,
    'Officer',
    i % 2 === 0 ? 'Yes' : 'No',
  ]);
  rows[6]![2] = 'ministry'; // line 8
  rows[18]![1] = 'Q'; // line 20
  return ['Name\tSex\tAgency\tOccupation\tCompleted', ...rows.map((r) => r.join('\t'))].join('\n');
}

// By the visible legend and button text rather than getByRole: role queries compute styles for every element,
// which takes seconds in jsdom once 30 rows are on the form. For the same reason label queries are scoped.
const group = (name: string | RegExp, root: HTMLElement = document.body) =>
  within(root).getByText(name, { selector: 'legend' }).parentElement as HTMLElement;
const button = (name: string | RegExp, root: HTMLElement = document.body) =>
  within(root).getByText(name, { selector: 'button' });
const save = (user: User) => user.click(button('Save'));
const summary = () => screen.getByTestId('participants-summary').textContent;
/** Where a participant comes from, as the row shows it (a name with "Change"). */
const from = (n: number) =>
  within(group(`Participant ${n}`))
    .getByText(/^Comes from:/)
    .parentElement?.textContent?.replace(/^Comes from: /, '');
// Scoped: jsdom finds a control's labels by walking the whole document, for every element it looks at.
const pasteBox = () =>
  within(screen.getByText('Paste participants from a spreadsheet').closest('details')!).getByLabelText(
    'Rows from the attendance sheet',
  ) as HTMLTextAreaElement;

async function fillSession(user: User) {
  await user.type(await screen.findByLabelText(/^Title/), 'Child labour law for inspectors');
  fireEvent.input(screen.getByLabelText(/^Start date/), { target: { value: '2026-03-09' } });
  fireEvent.input(screen.getByLabelText(/^End date/), { target: { value: '2026-03-11' } });
  await user.click(within(group('Topics')).getByLabelText('Child labour law'));
  await user.click(within(group('Topics')).getByLabelText('Labour inspection'));
  await user.click(within(group('How it was held')).getByLabelText('In person'));
  await user.type(screen.getByLabelText(/^Organiser/), 'Ministry of Labour');
}

async function paste(user: User, text: string) {
  const box = pasteBox();
  await user.clear(box);
  box.focus();
  await user.paste(text);
}

function stored(over: Partial<TrainingInput> = {}): TrainingInput {
  return {
    orgUnit: 'KH-12',
    startDate: '2026-02-02',
    endDate: '2026-02-03',
    title: 'Referral pathways',
    topics: ['monitoring_referral'],
    modality: 'blended',
    participants: [
      {
        key: '0b9f3a52-2d7e-4c1b-9a6f-3e8d1c2b4a50',
        name: 'Dara',
        sex: 'female',
        agency: 'police',
        orgUnit: 'KH-12',
        completed: false,
      },
      {
        key: '0b9f3a52-2d7e-4c1b-9a6f-3e8d1c2b4a51',
        sex: 'male',
        agency: 'health',
        orgUnit: 'KH-1',
        completed: false,
      },
      {
        key: '0b9f3a52-2d7e-4c1b-9a6f-3e8d1c2b4a52',
        sex: 'other',
        agency: 'education',
        orgUnit: 'KH-12',
        completed: true,
      },
    ],
    ...over,
  };
}

describe('TrainingForm', () => {
  it('says what is missing and saves nothing until it is fixed', async () => {
    const user = userEvent.setup();
    render(<TrainingForm params={{ id: 'new' }} />);
    await screen.findByLabelText(/^Title/);
    fireEvent.input(screen.getByLabelText(/^End date/), { target: { value: '2020-01-01' } });
    await save(user);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Some fields need attention/));
    expect(screen.getByText('This field is required.')).toBeTruthy();
    expect(within(group('Topics')).getByText('Choose at least one.')).toBeTruthy();
    expect(within(group('How it was held')).getByText('Choose one of the options.')).toBeTruthy();
    expect(screen.getByText('The end date cannot be before the start date.')).toBeTruthy();
    expect(screen.getByLabelText(/^Title/).getAttribute('aria-invalid')).toBe('true');
    expect(await db.trainings.count()).toBe(0);
  });

  it('takes a pasted sheet of 30 with 2 bad rows: 28 added, the 2 reasons shown, fixed and added, saved', async () => {
    const user = userEvent.setup();
    render(<TrainingForm params={{ id: 'new' }} />);
    await fillSession(user);
    expect(summary()).toBe('Participants: 0 · completed: 0');

    await user.click(screen.getByText('Paste participants from a spreadsheet'));
    await paste(user, sheet());
    expect(screen.getByText('Ready to add: 28')).toBeTruthy();
    expect(screen.getByText('Rows to fix: 2')).toBeTruthy();
    expect(screen.getByText("Line 8: agency 'ministry' is not one of the agencies.")).toBeTruthy();
    expect(
      screen.getByText("Line 20: sex 'Q' is not one of: Female, Male, Other, Prefers not to say."),
    ).toBeTruthy();
    await user.click(button('Add 28 participants'));

    expect(summary()).toBe('Participants: 28 · completed: 13');
    expect(document.querySelectorAll('fieldset.participant')).toHaveLength(28);
    // The two bad rows stay in the box under their header, to be fixed.
    expect(pasteBox().value.split('\n')).toEqual([
      'Name\tSex\tAgency\tOccupation\tCompleted',
      'Person 7\tFemale\tministry\tOfficer\tYes',
      'Person 19\tQ\tHealth\tOfficer\tYes',
    ]);
    expect(screen.getByText(/Participants added: 28\. The rows left in the box need fixing/)).toBeTruthy();
    await paste(user, pasteBox().value.replace('ministry', 'Prosecution').replace('\tQ\t', '\tFemale\t'));
    await user.click(button('Add 2 participants'));
    expect(summary()).toBe('Participants: 30 · completed: 15');
    expect(pasteBox().value).toBe('');

    const row30 = group('Participant 30');
    expect((within(row30).getByLabelText('Name') as HTMLInputElement).value).toBe('Person 19');
    expect((within(row30).getByLabelText(/^Sex/) as HTMLSelectElement).value).toBe('female');
    expect(from(30)).toBe('Phnom Penh');

    await save(user);
    await waitFor(() => expect(path.value).toBe('/trainings'));
    expect(await db.drafts.count()).toBe(0);
    const [t] = await db.trainings.toArray();
    expect(t).toMatchObject({
      title: 'Child labour law for inspectors',
      startDate: '2026-03-09',
      endDate: '2026-03-11',
      topics: ['child_labour_law', 'labour_inspection'],
      modality: 'in_person',
      organiser: 'Ministry of Labour',
      orgUnit: 'KH-12',
      periods: ['2026-03'],
    });
    expect(t!.participants).toHaveLength(30);
    expect(t!.participants[0]).toMatchObject({
      name: 'Person 1',
      sex: 'female',
      agency: 'police',
      occupation: 'Officer',
      orgUnit: 'KH-12',
      completed: true,
    });
    expect(t!.participants.find((p) => p.name === 'Person 7')).toMatchObject({
      agency: 'prosecution',
      sex: 'female',
    });
    expect(t!.participants.filter((p) => p.sex === 'undisclosed')).toHaveLength(5);
    expect(new Set(t!.participants.map((p) => p.key)).size).toBe(30);
  });

  it('adds and removes rows by hand, toggles completion and marks all completed, and saves an edit', async () => {
    const saved = await saveTraining(stored());
    const user = userEvent.setup();
    render(<TrainingForm params={{ id: saved.id }} />);
    expect(await screen.findByDisplayValue('Referral pathways')).toBeTruthy();
    expect(summary()).toBe('Participants: 3 · completed: 1');

    await user.click(within(group('Participant 1')).getByLabelText('Completed the training'));
    expect(summary()).toBe('Participants: 3 · completed: 2');
    await user.click(within(group('Participant 3')).getByLabelText('Completed the training'));
    expect(summary()).toBe('Participants: 3 · completed: 1');

    await user.click(button('Add a participant'));
    const row4 = group('Participant 4');
    await waitFor(() => expect(document.activeElement).toBe(within(row4).getByLabelText('Name')));
    expect(from(4)).toBe('Phnom Penh');
    await save(user);
    expect(await within(row4).findAllByText('Choose one of the options.')).toHaveLength(2); // sex, agency
    await user.selectOptions(within(row4).getByLabelText(/^Sex/), 'Male');
    await user.selectOptions(within(row4).getByLabelText(/^Agency/), 'Judiciary');

    await user.click(button('Remove participant 2'));
    expect(document.querySelectorAll('fieldset.participant')).toHaveLength(3);
    await user.click(button('Mark all completed'));
    expect(summary()).toBe('Participants: 3 · completed: 3');
    expect((button('Mark all completed') as HTMLButtonElement).disabled).toBe(true);

    await save(user);
    await waitFor(async () => expect((await db.trainings.get(saved.id))?.participants).toHaveLength(3));
    const after = await db.trainings.get(saved.id);
    expect(after!.participants.map((p) => [p.name, p.sex, p.agency, p.completed])).toEqual([
      ['Dara', 'female', 'police', true],
      [undefined, 'other', 'education', true],
      [undefined, 'male', 'judiciary', true],
    ]);
    expect(after!.createdAt).toBe(saved.createdAt);
  });

  it('moves rows that were at the session’s location with it, and leaves the others', async () => {
    const saved = await saveTraining(stored());
    const user = userEvent.setup();
    render(<TrainingForm params={{ id: saved.id }} />);
    const place = (await screen.findByLabelText(/^Where it was held/)) as HTMLSelectElement;
    await waitFor(() => expect(place.disabled).toBe(false));
    await user.selectOptions(place, 'KH-3');
    expect([from(1), from(2), from(3)]).toEqual(['Kampong Cham', 'Banteay Meanchey', 'Kampong Cham']);

    // "Change" opens the list for that row only, with the focus in it.
    await user.click(button('Change', group('Participant 2')));
    const list = within(group('Participant 2')).getByLabelText(/^Comes from/) as HTMLSelectElement;
    await waitFor(() => expect(document.activeElement).toBe(list));
    await user.selectOptions(list, 'KH-2');
    await save(user);
    await waitFor(async () =>
      expect((await db.trainings.get(saved.id))?.participants.map((p) => p.orgUnit)).toEqual([
        'KH-3',
        'KH-2',
        'KH-3',
      ]),
    );
    expect((await db.trainings.get(saved.id))?.orgUnit).toBe('KH-3');
  });

  it('moves a one-day session’s end date with its start date', async () => {
    render(<TrainingForm params={{ id: 'new' }} />);
    const start = await screen.findByLabelText(/^Start date/);
    fireEvent.input(start, { target: { value: '2026-05-04' } });
    await waitFor(() =>
      expect((screen.getByLabelText(/^End date/) as HTMLInputElement).value).toBe('2026-05-04'),
    );
  });

  it('keeps what was typed as a draft and restores it when the form is opened again', async () => {
    const user = userEvent.setup();
    const first = render(<TrainingForm params={{ id: 'new' }} />);
    await user.type(await screen.findByLabelText(/^Title/), 'Half-typed');
    await waitFor(async () =>
      expect((await db.drafts.toArray())[0]?.value).toMatchObject({ title: 'Half-typed' }),
    );
    first.unmount();
    render(<TrainingForm params={{ id: 'new' }} />);
    expect(await screen.findByDisplayValue('Half-typed')).toBeTruthy();
    expect(screen.getByText(/unsaved changes from .* were restored/)).toBeTruthy();
  });

  it('deletes a session softly, and Undo brings it back', async () => {
    const saved = await saveTraining(stored());
    const user = userEvent.setup();
    render(
      <>
        <TrainingForm params={{ id: saved.id }} />
        <Toaster />
      </>,
    );
    await screen.findByDisplayValue('Referral pathways');
    await user.click(button('Delete'));
    await waitFor(() => expect(path.value).toBe('/trainings'));
    expect((await db.trainings.get(saved.id))?.deletedAt).not.toBeNull();
    await user.click(await screen.findByText('Undo', { selector: 'button' }));
    await waitFor(async () => expect((await db.trainings.get(saved.id))?.deletedAt).toBeNull());
  });

  it('says so when the session is not on this device', async () => {
    render(<TrainingForm params={{ id: '0b9f3a52-2d7e-4c1b-9a6f-3e8d1c2b4a99' }} />);
    expect(await screen.findByText('This record is not on this device.')).toBeTruthy();
  });
});
