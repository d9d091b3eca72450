// Settings › Locations, as a person uses it: choose the home country and default location (saved on the
// device), load an organisation's own list (a bad file is refused with every reason listed and changes
// nothing; a good one becomes the list), and go back to the default list.
import { render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { LocationSettings } from '../../src/locations/LocationSettings';
import { activeList, reloadLocations } from '../../src/locations/repo';
import { loadSettings, readSetting, settings } from '../../src/settings/repo';

const csvFile = (name: string, text: string) => new File([text], name, { type: 'text/csv' });

beforeEach(async () => {
  await db.settings.clear();
  await loadSettings();
  await reloadLocations();
});

async function setUp() {
  const user = userEvent.setup();
  render(<LocationSettings />);
  const country = await screen.findByLabelText('Home country');
  return { user, country: country as HTMLSelectElement };
}

describe('LocationSettings', () => {
  it('offers the 11 countries by name and saves the home country and default location', async () => {
    const { user, country } = await setUp();
    const names = within(country)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(names).toHaveLength(12);
    expect(names).toContain('Cambodia');
    expect(names).toContain('Lao PDR');
    expect(screen.queryByLabelText('Default location')).toBeNull();

    await user.selectOptions(country, 'Cambodia');
    expect(await readSetting('homeCountry')).toBe('KH');

    const place = (await screen.findByLabelText('Default location')) as HTMLSelectElement;
    // Only Cambodia's locations: the whole country and its 25 provinces.
    expect(
      within(place)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toHaveLength(1 + 1 + 25);
    expect(within(place).queryByRole('option', { name: 'Bangkok' })).toBeNull();
    await user.selectOptions(place, 'Phnom Penh');
    expect(await readSetting('defaultOrgUnit')).toBe('KH-12');
    expect(settings.value.defaultOrgUnit).toBe('KH-12');
    expect(screen.getByText('Cambodia › Phnom Penh')).toBeTruthy();

    // Another country: the default location in Cambodia no longer fits and is cleared.
    await user.selectOptions(country, 'Thailand');
    expect(await readSetting('homeCountry')).toBe('TH');
    expect(await readSetting('defaultOrgUnit')).toBeNull();
    expect(
      within(screen.getByLabelText('Default location')).getByRole('option', { name: 'Bangkok' }),
    ).toBeTruthy();
  });

  it('works by keyboard: the controls are reached with Tab', async () => {
    const { user, country } = await setUp();
    await user.tab();
    expect(document.activeElement).toBe(country);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Load your own location list (CSV or JSON)'));
  });

  it('refuses a bad file, lists each bad row with its line and reason, and keeps the list', async () => {
    const { user } = await setUp();
    const bad = 'code,name,parent\nKH,Cambodia,\nKH 12,Phnom Penh,KH\nKH-17,,KH\nKH-2,Battambang,XX\n';
    await user.upload(
      screen.getByLabelText('Load your own location list (CSV or JSON)'),
      csvFile('bad.csv', bad),
    );

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“bad.csv” was not loaded, and nothing has changed.');
    const reasons = within(alert)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(reasons).toEqual([
      'Line 3: The code “KH 12” is not valid: use 1 to 50 letters, digits, “-”, “_” or “.”, starting with a letter or digit.',
      'Line 4: The name is missing.',
      'Line 5: The parent “XX” is not in the file.',
    ]);
    expect(activeList.value?.custom).toBeNull();
    expect(activeList.value?.tree.size).toBe(303);
    expect(await readSetting('locations.custom')).toBeUndefined();
    expect(screen.getByText(/The default list is in use/)).toBeTruthy();
  });

  it('makes a good file the list, warns about settings it leaves out, and goes back to the default', async () => {
    const { user, country } = await setUp();
    await user.selectOptions(country, 'Cambodia');
    await user.selectOptions(await screen.findByLabelText('Default location'), 'Phnom Penh');

    const good =
      '\uFEFFcode;name;parent\nOU_LA;Lao PDR;\nOU_VT;"Vientiane Capital";OU_LA\nOU_VT_1;Chanthabuly;OU_VT\n';
    await user.upload(
      screen.getByLabelText('Load your own location list (CSV or JSON)'),
      csvFile('lao.csv', good),
    );

    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('“lao.csv” is now the location list (3 locations).');
    expect(status.textContent).toContain('Your home country is not in this list.');
    expect(status.textContent).toContain('Your default location is not in this list');
    expect(activeList.value?.custom?.fileName).toBe('lao.csv');
    expect(
      within(country)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose…', 'Lao PDR']);
    expect(screen.getByText(/Your organisation's list is in use: “lao.csv”/)).toBeTruthy();

    await user.selectOptions(country, 'Lao PDR');
    const place = await screen.findByLabelText('Default location');
    await user.selectOptions(place, 'OU_VT_1');
    expect(await readSetting('defaultOrgUnit')).toBe('OU_VT_1');
    expect(screen.getByText('Lao PDR › Vientiane Capital › Chanthabuly')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Go back to the default ASEAN list' }));
    expect(await screen.findByText('The default ASEAN list is in use again.')).toBeTruthy();
    expect(activeList.value?.custom).toBeNull();
    expect(within(country).getAllByRole('option')).toHaveLength(12);
  });
});
