// The attendance paste as a trainer meets it with a real sheet (issue 15 item 5): one look at the words the
// app matched (suggestions marked), one change, one tap to add all five; the matches are remembered for the
// next sheet; the same sheet opened as a CSV file goes the same way.
import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/db';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';
import { PastePanel } from '../../src/trainings/PastePanel';
import { loadMapping } from '../../src/trainings/paste-mapping';
import type { Participant } from '../../src/trainings/schema';

const SHEET = [
  'No.\tName\tTitle\tSex\tOrganisation\tSignature',
  '1\tSok Dara\tLabour inspector\tស្រី\tProvincial Department of Labour\t',
  '2\tChan Vuthy\tSocial worker\tMale\tMoSVY\t',
  '3\tSrey Pov\tProgramme officer\tF\tNGO (World Vision)\t',
  '4\tKim Lay\tCommune chief\tប្រុស\tCommune council\t',
  '5\tMeas Sophea\tPolice officer\tFemale\tPolice\t',
].join('\n');

beforeEach(async () => {
  await db.settings.clear();
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await reloadLocations();
});

function open() {
  const onAdd = vi.fn<(rows: Participant[]) => void>();
  render(<PastePanel sessionOrgUnit="KH-12" onAdd={onAdd} />);
  return onAdd;
}

describe('PastePanel with a real sheet', () => {
  it('shows the words it matched, takes a change, adds all five and remembers the matches', async () => {
    const user = userEvent.setup();
    const onAdd = open();
    await user.click(screen.getByText('Paste participants from a spreadsheet'));
    screen.getByLabelText('Rows from the attendance sheet').focus();
    await user.paste(SHEET);
    const mapping = await screen.findByRole('group', { name: "The sheet's words" });
    const mosvy = within(mapping).getByLabelText(/“MoSVY” \(rows: 1\)/) as HTMLSelectElement;
    expect(mosvy.value).toBe('social_welfare');
    expect(mosvy.labels?.[0]?.textContent).toContain('suggested');
    const khmer = within(mapping).getByLabelText(/“ស្រី”/) as HTMLSelectElement;
    expect(khmer.value).toBe('female');
    // The trainer knows better for one of them.
    await user.selectOptions(within(mapping).getByLabelText(/“Commune council”/), 'social_welfare');
    await user.click(await screen.findByRole('button', { name: 'Add 5 participants' }));
    expect(onAdd).toHaveBeenCalledTimes(1);
    const rows = onAdd.mock.calls[0]![0];
    expect(rows.map((r) => [r.name, r.sex, r.agency, r.occupation])).toEqual([
      ['Sok Dara', 'female', 'labour_inspection', 'Labour inspector'],
      ['Chan Vuthy', 'male', 'social_welfare', 'Social worker'],
      ['Srey Pov', 'female', 'civil_society', 'Programme officer'],
      ['Kim Lay', 'male', 'social_welfare', 'Commune chief'],
      ['Meas Sophea', 'female', 'police', 'Police officer'],
    ]);
    await waitFor(async () => expect((await loadMapping()).agency['commune council']).toBe('social_welfare'));
    expect((await loadMapping()).agency.mosvy).toBe('social_welfare');
  });

  it('opens the sheet as a CSV file', async () => {
    const user = userEvent.setup();
    const onAdd = open();
    await user.click(screen.getByText('Paste participants from a spreadsheet'));
    const csv = SHEET.split('\n')
      .map((l) =>
        l
          .split('\t')
          .map((c) => (c.includes(',') ? `"${c}"` : c))
          .join(','),
      )
      .join('\n');
    await user.upload(
      screen.getByLabelText('Or open the sheet as a file (CSV or Excel .xlsx)'),
      new File([csv], 'attendance.csv', { type: 'text/csv' }),
    );
    await user.click(await screen.findByRole('button', { name: 'Add 5 participants' }));
    expect(onAdd.mock.calls[0]![0].map((r) => r.agency)).toEqual([
      'labour_inspection',
      'social_welfare',
      'civil_society',
      'local_government',
      'police',
    ]);
  });
});
