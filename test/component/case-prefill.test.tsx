// A case started from a child found in an inspection: pre-filled from the inspection, and the inspection's row
// linked to the case once it is saved. And a draft: what was typed comes back after the tab was closed.
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { CaseForm } from '../../src/cases/Form';
import { db } from '../../src/db/db';
import { getInspection, saveInspection } from '../../src/inspections/repo';
import { newId } from '../../src/lib/ids';
import { navigate } from '../../src/lib/router';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';

const CHILD = newId();

beforeEach(async () => {
  await Promise.all([db.cases.clear(), db.inspections.clear(), db.drafts.clear(), db.settings.clear()]);
  await loadSettings();
  await saveSetting('defaultOrgUnit', 'KH-12');
  await reloadLocations();
});

async function inspection() {
  return saveInspection({
    orgUnit: 'TH-10',
    date: '2026-02-14',
    type: 'targeted_child_labour',
    announced: false,
    establishment: { name: 'Samut Prawn Seafood', isic: 'C', formality: 'informal', hardToReach: false },
    childLabourToolUsed: true,
    children: [{ key: CHILD, sex: 'male', age: 15, ageEstimated: true, hazardous: 'yes', worstForm: 'none' }],
    outcomes: ['child_removed_referred'],
  });
}

describe('CaseForm from an inspection', () => {
  it('pre-fills what the inspector recorded and links the row to the saved case', async () => {
    const found = await inspection();
    navigate(`/cases/new?inspection=${found.id}&child=${CHILD}`);
    const user = userEvent.setup({ delay: null });
    render(<CaseForm params={{ id: 'new' }} />);

    const channel = (await screen.findByLabelText(/How the child was identified/)) as HTMLSelectElement;
    expect(channel.value).toBe('inspection');
    expect((screen.getByLabelText(/Identified on/) as HTMLInputElement).value).toBe('2026-02-14');
    expect(
      (within(screen.getByRole('group', { name: 'Sex' })).getByLabelText('Boy') as HTMLInputElement).checked,
    ).toBe(true);
    expect((screen.getByLabelText('Age in years') as HTMLInputElement).value).toBe('15');
    expect((screen.getByLabelText('The age is estimated') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Sector of work (ISIC section)') as HTMLSelectElement).value).toBe('C');
    expect((screen.getByLabelText(/Unconditional worst form/) as HTMLSelectElement).value).toBe('none');
    expect((screen.getByLabelText(/Location/) as HTMLSelectElement).value).toBe('TH-10');
    expect(
      screen.getByRole('link', { name: 'Open the inspection this case comes from' }).getAttribute('href'),
    ).toBe(`/inspections/${found.id}`);

    await user.selectOptions(screen.getByLabelText(/Nationality/), 'Myanmar (Burma)');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('TH-10-2026-0001');
    const [saved] = await db.cases.toArray();
    expect(saved).toMatchObject({
      inspectionId: found.id,
      channel: 'inspection',
      child: { nationality: 'MM' },
    });
    await waitFor(async () => expect((await getInspection(found.id))?.children[0]?.caseId).toBe(saved!.id));
  });
});

describe('CaseForm drafts', () => {
  it('restores what was typed after the form was closed without saving', async () => {
    navigate('/cases/new');
    const user = userEvent.setup({ delay: null });
    render(<CaseForm params={{ id: 'new' }} />);
    await user.type(await screen.findByLabelText('Hours of household chores last week'), '25');
    await user.type(screen.getByLabelText("Child's name"), 'Dara');
    cleanup();
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));

    render(<CaseForm params={{ id: 'new' }} />);
    expect(((await screen.findByLabelText("Child's name")) as HTMLInputElement).value).toBe('Dara');
    expect((screen.getByLabelText('Hours of household chores last week') as HTMLInputElement).value).toBe(
      '25',
    );
    expect(screen.getByText(/Your unsaved changes from .* were restored/)).toBeTruthy();
  });
});
