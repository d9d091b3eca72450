// The first start (issue 15.7, issue 11.2): language, country, usual location, passphrase and device name,
// each skippable, in the person's language at once; the passphrase offered before any record, with a plain
// way to decline; a device that already has records never sees it.
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveActivity } from '../../src/activities/repo';
import { db } from '../../src/db/db';
import { setLanguage } from '../../src/i18n/i18n';
import { reloadLocations } from '../../src/locations/repo';
import { PassphraseSettings } from '../../src/privacy/PassphraseSettings';
import { reloadVault, vault } from '../../src/privacy/vault';
import { loadSettings, settings } from '../../src/settings/repo';
import { FirstRun } from '../../src/setup/FirstRun';
import { FIRST_RUN_KEY, needsFirstRun } from '../../src/setup/first-run';

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  await loadSettings();
  await reloadLocations();
  await reloadVault();
});
afterEach(async () => {
  await setLanguage('en');
});

const heading = () => screen.getByRole('heading', { level: 2 }).textContent;

describe('first run', { timeout: 60_000 }, () => {
  it('shows on a new device only, and not again once done', async () => {
    expect(await needsFirstRun('off')).toBe(true);
    await db.settings.put({ key: FIRST_RUN_KEY, value: true });
    expect(await needsFirstRun('off')).toBe(false);
    await db.settings.clear();
    await db.settings.put({ key: 'homeCountry', value: 'KH' });
    expect(await needsFirstRun('off')).toBe(false);
    await db.settings.clear();
    await saveActivity({ orgUnit: 'KH-12', date: '2026-01-15', kind: 'campaign_activity', title: 'Radio' });
    expect(await needsFirstRun('off')).toBe(false);
    expect(await needsFirstRun('locked')).toBe(false);
  });

  it('speaks the chosen language at once; each step saves or is skipped; the passphrase can be declined', async () => {
    const done = vi.fn();
    const user = userEvent.setup();
    render(<FirstRun onDone={done} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'km');
    await waitFor(() => expect(heading()).toBe('ភាសា'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'ភាសា' }), 'en');
    await waitFor(() => expect(heading()).toBe('Language'));
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(heading()).toBe('Country');
    await user.selectOptions(await screen.findByLabelText('Home country'), 'KH');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(heading()).toBe('Your usual location');
    // Skipped: nothing chosen.
    await user.click(screen.getByRole('button', { name: 'Skip' }));

    expect(heading()).toBe('Protect names with a passphrase');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 })));
    await user.click(screen.getByRole('button', { name: 'Not now' }));

    expect(heading()).toBe('Name of this device');
    fireEvent.change(screen.getByLabelText('Device label'), { target: { value: 'Battambang tablet 2' } });
    await user.click(screen.getByRole('button', { name: 'Start using Pelita' }));
    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(settings.value).toMatchObject({
      language: 'en',
      homeCountry: 'KH',
      defaultOrgUnit: null,
      deviceLabel: 'Battambang tablet 2',
    });
    expect(vault.value.status).toBe('off');
    expect(await needsFirstRun('off')).toBe(false);
  });

  it('"Skip the set-up" still passes by the passphrase once, then ends', async () => {
    const done = vi.fn();
    const user = userEvent.setup();
    render(<FirstRun onDone={done} />);
    await user.click(screen.getByRole('button', { name: 'Skip the set-up' }));
    expect(heading()).toBe('Protect names with a passphrase');
    expect(done).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Skip the set-up' }));
    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(vault.value.status).toBe('off');
  });

  it('Settings says plainly what a passphrase set later cannot erase, and how to be rid of it', () => {
    render(<PassphraseSettings />);
    const said = screen.getByText(/cannot erase those older copies/);
    expect(said.textContent).toContain('clear this site');
  });

  it('sets the passphrase before the first record, then goes on', async () => {
    const user = userEvent.setup();
    render(<FirstRun onDone={() => undefined} />);
    for (let i = 0; i < 3; i++) await user.click(screen.getByRole('button', { name: 'Skip' }));
    expect(heading()).toBe('Protect names with a passphrase');
    await user.type(screen.getByLabelText('New passphrase'), 'river stone lantern');
    await user.type(screen.getByLabelText('New passphrase again'), 'river stone lantern');
    await user.click(screen.getByLabelText(/I understand/));
    await user.click(screen.getByRole('button', { name: 'Set the passphrase' }));
    // Deriving the key takes 600,000 PBKDF2 rounds (SPEC §9): seconds on a loaded machine. The test may
    // last as long as its wait, not vitest's default 5 s.
    await waitFor(() => expect(heading()).toBe('Name of this device'), { timeout: 30_000 });
    expect(vault.value.status).toBe('unlocked');
  }, 60_000);
});
