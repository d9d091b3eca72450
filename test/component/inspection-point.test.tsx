// The establishment's GPS point (issue 15 item 3): taken from the Geolocation API (mocked here: jsdom has
// none), shown with its accuracy, retaken, cleared, refused politely, and saved with the inspection.
import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/db';
import { InspectionForm } from '../../src/inspections/Form';
import { navigate } from '../../src/lib/router';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';

type Success = (p: GeolocationPosition) => void;
type Failure = (e: GeolocationPositionError) => void;
const fixes: Array<{ lat: number; lon: number; accuracy: number } | 'denied'> = [];
const getCurrentPosition = vi.fn((ok: Success, fail: Failure, _options?: PositionOptions) => {
  const next = fixes.shift();
  if (!next || next === 'denied') {
    fail({
      code: 1,
      PERMISSION_DENIED: 1,
      POSITION_UNAVAILABLE: 2,
      TIMEOUT: 3,
      message: '',
    } as GeolocationPositionError);
    return;
  }
  ok({
    coords: { latitude: next.lat, longitude: next.lon, accuracy: next.accuracy },
    timestamp: Date.parse('2026-03-14T09:30:00Z'),
  } as GeolocationPosition);
});

beforeEach(async () => {
  Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
  fixes.length = 0;
  await Promise.all([db.inspections.clear(), db.drafts.clear(), db.settings.clear()]);
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await saveSetting('defaultOrgUnit', 'KH-12');
  await reloadLocations();
  navigate('/inspections/new');
});
afterEach(() => {
  Reflect.deleteProperty(navigator, 'geolocation');
});

describe('the GPS point of the establishment', () => {
  it('is taken with its accuracy, retaken, cleared, and says so when the location is not allowed', async () => {
    const user = userEvent.setup();
    render(<InspectionForm params={{ id: 'new' }} />);
    const group = await screen.findByRole('group', { name: 'GPS location of the establishment (optional)' });
    fixes.push({ lat: 11.5564123456, lon: 104.9282, accuracy: 12.4 });
    await user.click(within(group).getByRole('button', { name: 'Record the GPS location' }));
    await within(group).findByText(/^11\.55641, 104\.92820 — accurate to about 12 m/);
    expect(getCurrentPosition.mock.calls[0]![2]).toMatchObject({ enableHighAccuracy: true, maximumAge: 0 });

    fixes.push({ lat: 11.5565, lon: 104.9283, accuracy: 5 });
    await user.click(within(group).getByRole('button', { name: 'Take it again' }));
    await within(group).findByText(/accurate to about 5 m/);

    fixes.push('denied');
    await user.click(within(group).getByRole('button', { name: 'Take it again' }));
    await within(group).findByText(/not allowed to use the location/);
    // The point taken before stays.
    expect(within(group).getByText(/accurate to about 5 m/)).toBeTruthy();

    await user.click(within(group).getByRole('button', { name: 'Clear the location' }));
    await waitFor(() => expect(within(group).queryByText(/accurate to/)).toBeNull());
    expect(within(group).getByRole('button', { name: 'Record the GPS location' })).toBeTruthy();
  });
});
