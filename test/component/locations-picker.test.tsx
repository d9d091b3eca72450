// The location picker record forms use: found by its label, home country first, the path of the choice shown,
// errors tied to the control, and a code the list no longer has kept visible.
import { render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { useState } from 'preact/hooks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/db';
import { LocationPicker } from '../../src/locations/LocationPicker';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';

beforeEach(async () => {
  await db.settings.clear();
  await loadSettings();
  await reloadLocations();
});

function Harness({
  initial = null,
  onChange,
}: {
  initial?: string | null;
  onChange?: (c: string | null) => void;
}) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <LocationPicker
      id="orgUnit"
      label="locations.defaultLocation"
      value={value}
      required
      onChange={(c) => {
        setValue(c);
        onChange?.(c);
      }}
    />
  );
}

describe('LocationPicker', () => {
  it('groups every location by country, the home country first', async () => {
    await saveSetting('homeCountry', 'TH');
    render(<Harness />);
    const select = await screen.findByRole('combobox', { name: /Default location/ });
    const groups = within(select).getAllByRole('group');
    expect(groups).toHaveLength(11);
    expect(groups[0]!.getAttribute('label')).toBe('Thailand');
    expect(groups[1]!.getAttribute('label')).toBe('Brunei Darussalam');
    expect(within(groups[0]!).getAllByRole('option')).toHaveLength(79);
    expect(within(select).getAllByRole('option')).toHaveLength(1 + 303);
    expect(select.getAttribute('aria-required')).toBe('true');
  });

  it('gives the chosen code and shows its path; going back to "Choose…" gives null', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<Harness onChange={onChange} />);
    const select = await screen.findByLabelText(/Default location/);
    await user.selectOptions(select, 'Siem Reap');
    expect(onChange).toHaveBeenLastCalledWith('KH-17');
    expect(screen.getByText('Cambodia › Siem Reap')).toBeTruthy();
    expect(select.getAttribute('aria-describedby')).toBe('orgUnit-path');
    await user.selectOptions(select, 'Choose…');
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(screen.queryByText('Cambodia › Siem Reap')).toBeNull();
  });

  it('shows an error tied to the control', async () => {
    render(
      <LocationPicker
        id="loc"
        label="locations.defaultLocation"
        value={null}
        onChange={() => {}}
        error="errors.orgUnit"
      />,
    );
    const select = await screen.findByLabelText('Default location');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(select.getAttribute('aria-describedby')).toBe('loc-error');
    expect(screen.getByText('Choose a location.').id).toBe('loc-error');
  });

  it('keeps a code the list does not have visible rather than dropping it', async () => {
    render(<Harness initial="KH-99" />);
    const select = (await screen.findByLabelText(/Default location/)) as HTMLSelectElement;
    expect(
      await within(select).findByRole('option', { name: 'KH-99 (not in the current list)' }),
    ).toBeTruthy();
    expect(select.value).toBe('KH-99');
  });
});
