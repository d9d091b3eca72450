// Drafts that survive a crash without doubling or losing anything (issue 11.5–7), as a person meets them: a
// Save cut short by a crash then made again replaces the case instead of making a second; two new forms
// (two tabs) keep two drafts, and the other unsaved drafts are listed to resume or discard.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ActivityForm } from '../../src/activities/Form';
import { CaseForm } from '../../src/cases/Form';
import { saveCase } from '../../src/cases/repo';
import type { CaseFormValue } from '../../src/cases/schema';
import { db } from '../../src/db/db';
import { navigate, query } from '../../src/lib/router';
import { reloadLocations } from '../../src/locations/repo';
import { loadDraft } from '../../src/records/drafts';
import { loadSettings, saveSetting } from '../../src/settings/repo';

beforeEach(async () => {
  await Promise.all([
    db.cases.clear(),
    db.activities.clear(),
    db.drafts.clear(),
    db.outbox.clear(),
    db.settings.clear(),
  ]);
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await saveSetting('defaultOrgUnit', 'KH-12');
  await reloadLocations();
});

const draftTitles = async () =>
  (await db.drafts.toArray()).map((d) => (d.value as { title?: string }).title).sort();

describe('drafts', () => {
  it('a Save cut short by a crash, made again, replaces the case: one child, one code', async () => {
    navigate('/cases/new');
    const user = userEvent.setup({ delay: null });
    render(<CaseForm params={{ id: 'new' }} />);
    await user.selectOptions(await screen.findByLabelText(/How the child was identified/), 'Hotline');
    await user.click(within(screen.getByRole('group', { name: 'Sex' })).getByLabelText('Girl'));
    await user.type(screen.getByLabelText('Age in years'), '13');
    await user.selectOptions(screen.getByLabelText(/Nationality/), 'Cambodia');
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));

    // The form's id is in the address and in its draft's key before anything is saved.
    const id = query('draft');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(async () =>
      expect((await loadDraft<CaseFormValue>(`cases:${id}`))?.value.child.nationality).toBe('KH'),
    );
    const draft = await loadDraft<CaseFormValue>(`cases:${id}`);
    // The save lands; the browser dies before the form clears its draft and leaves (a restored tab reopens
    // the same address).
    await saveCase({ ...draft!.value, id: id! });
    cleanup();

    render(<CaseForm params={{ id: 'new' }} />);
    // The form knows its case is saved: it edits it, with its code; the draft kept before the save is what
    // the save stored, not unsaved changes, so it is dropped rather than laid over the saved case.
    await screen.findByRole('heading', { name: 'Child case', level: 1 });
    await screen.findByText('KH-12-2026-0001');
    expect(screen.queryByText(/Your unsaved changes from/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect(await db.drafts.count()).toBe(0));
    const cases = await db.cases.toArray();
    expect(cases.map((c) => c.caseCode)).toEqual(['KH-12-2026-0001']);
    expect(cases[0]?.id).toBe(id);
  });

  it('keeps one draft per form: two new forms, two drafts, each resumed or discarded from the list', async () => {
    const user = userEvent.setup({ delay: null });
    // The first tab.
    navigate('/activities/new');
    render(<ActivityForm params={{ id: 'new' }} />);
    await user.type(await screen.findByLabelText(/^Title/), 'Radio spot in Kampot');
    await waitFor(async () => expect(await draftTitles()).toEqual(['Radio spot in Kampot']));
    cleanup();

    // The second tab opens a new activity of its own: empty, not the first tab's typing.
    navigate('/activities/new');
    render(<ActivityForm params={{ id: 'new' }} />);
    const title = (await screen.findByLabelText(/^Title/)) as HTMLInputElement;
    expect(title.value).toBe('');
    await user.type(title, 'School visit in Takeo');
    await waitFor(async () =>
      expect(await draftTitles()).toEqual(['Radio spot in Kampot', 'School visit in Takeo']),
    );
    cleanup();

    // The browser was closed; a new form lists both drafts.
    navigate('/activities/new');
    render(<ActivityForm params={{ id: 'new' }} />);
    const list = await screen.findByRole('region', { name: 'Other unsaved drafts on this device' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    const [newest, older] = within(list).getAllByRole('listitem');
    await user.click(within(older!).getByRole('button', { name: /^Discard the draft from/ }));
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    await user.click(within(newest!).getByRole('link', { name: 'Resume' }));
    await waitFor(() =>
      expect((screen.getByLabelText(/^Title/) as HTMLInputElement).value).toBe('School visit in Takeo'),
    );
    expect(screen.getByText(/Your unsaved changes from .* were restored/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText(/^Title/), { target: { value: 'School visit in Takeo town' } });
    await waitFor(async () => expect(await draftTitles()).toEqual(['School visit in Takeo town']));
  });
});
