// The passphrase lock as a person meets it: Settings warns before a passphrase is set and checks what is
// typed; "Lock now" takes every screen away (the child's name is nowhere on the page) and the lock screen asks
// for the passphrase, refusing a wrong one and waiting after repeated ones; the app locks itself when left
// alone; and an encrypted backup asks for its passphrase and changes nothing when it is wrong.
import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { type CaseInput, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { BackupPanel } from '../../src/export/BackupPanel';
import { buildBackup } from '../../src/export/backup';
import { readAllRecords } from '../../src/export/repo';
import { navigate } from '../../src/lib/router';
import { encryptWith } from '../../src/privacy/backup';
import { deriveKey, randomSalt } from '../../src/privacy/crypto';
import { LockScreen } from '../../src/privacy/LockScreen';
import { PassphraseSettings } from '../../src/privacy/PassphraseSettings';
import { setPassphrase } from '../../src/privacy/repo';
import { lock, reloadVault, setIdleMinutes, startVault, vault } from '../../src/privacy/vault';
import { loadSettings, saveSetting } from '../../src/settings/repo';
import { aCase } from '../helpers/factories';

const FEW = { iterations: 1_000 };
const PASS = 'river stone lantern';

// PassphraseSettings sets a passphrase with the app's 600,000 iterations; here the repo gets fewer.
vi.mock('../../src/privacy/crypto', async (load) => {
  const real = await load<typeof import('../../src/privacy/crypto')>();
  return { ...real, PBKDF2_ITERATIONS: 1_000 };
});

/** A case with the child's name, the one personal field these tests look for on screen and on disk. */
function sokha(): CaseInput {
  return aCase({
    child: { name: 'Sokha Chan' },
    work: { economicHours: 20, inSchool: 'yes' },
    referrals: [],
    followUps: [],
    status: 'identified',
  });
}

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await reloadVault();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Settings › Passphrase lock', () => {
  it('warns first, checks what was typed, then seals the records', async () => {
    const user = userEvent.setup();
    await saveCase(sokha());
    render(<PassphraseSettings />);
    expect(screen.getByText(/If it is forgotten, nobody can recover the names/)).toBeTruthy();

    await user.type(screen.getByLabelText('New passphrase'), 'short');
    await user.type(screen.getByLabelText('New passphrase again'), 'shirt');
    await user.click(screen.getByRole('button', { name: 'Set the passphrase' }));
    expect(screen.getByText('The passphrase needs at least 8 characters.')).toBeTruthy();
    expect(screen.getByText('The two passphrases are not the same.')).toBeTruthy();
    expect(screen.getByText('Tick the box to show you understand.')).toBeTruthy();
    expect(screen.getByLabelText('New passphrase').getAttribute('aria-invalid')).toBe('true');
    expect(vault.value.status).toBe('off');

    await user.clear(screen.getByLabelText('New passphrase'));
    await user.type(screen.getByLabelText('New passphrase'), PASS);
    await user.clear(screen.getByLabelText('New passphrase again'));
    await user.type(screen.getByLabelText('New passphrase again'), PASS);
    await user.click(screen.getByLabelText(/I understand that a forgotten passphrase/));
    await user.click(screen.getByRole('button', { name: 'Set the passphrase' }));

    await screen.findByRole('heading', { name: 'Change the passphrase' });
    expect(vault.value.status).toBe('unlocked');
    expect(JSON.stringify(await db.cases.toArray())).not.toContain('Sokha');
    expect((screen.getByLabelText('Lock after this long without use') as HTMLSelectElement).value).toBe('5');
  });

  it('refuses a change with a wrong current passphrase', async () => {
    const user = userEvent.setup();
    await setPassphrase(PASS, FEW);
    render(<PassphraseSettings />);
    await user.type(
      screen.getByLabelText('Current passphrase', { selector: '#passphrase-current' }),
      'not it',
    );
    await user.type(screen.getByLabelText('New passphrase'), 'seven green mangoes');
    await user.type(screen.getByLabelText('New passphrase again'), 'seven green mangoes');
    await user.click(screen.getByRole('button', { name: 'Change the passphrase' }));
    await screen.findByText('That passphrase is not right. Nothing was opened.');
  });
});

describe('locking', () => {
  it('"Lock now" takes the screen and the name away; the passphrase brings them back', async () => {
    const user = userEvent.setup();
    await setPassphrase(PASS, FEW);
    const saved = await saveCase(sokha());
    navigate(`/cases/${saved.id}`);
    render(<App />);
    const name = (await screen.findByLabelText("Child's name", undefined, {
      timeout: 8000,
    })) as HTMLInputElement;
    expect(name.value).toBe('Sokha Chan');

    await user.click(screen.getByRole('button', { name: 'Lock now' }));
    await screen.findByRole('heading', { name: 'Pelita is locked' });
    expect(document.body.innerHTML).not.toContain('Sokha');
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Lock now' })).toBeNull();

    await user.type(screen.getByLabelText('Passphrase'), 'wrong words');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByText('That passphrase is not right. Nothing was opened.');
    expect(document.body.innerHTML).not.toContain('Sokha');

    await user.type(screen.getByLabelText('Passphrase'), PASS);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    const again = (await screen.findByLabelText("Child's name", undefined, {
      timeout: 8000,
    })) as HTMLInputElement;
    expect(again.value).toBe('Sokha Chan');
  }, 30_000);

  it('waits longer after repeated wrong tries, even after the screen is opened again', async () => {
    const user = userEvent.setup();
    await setPassphrase(PASS, FEW);
    await lock();
    const { unmount } = render(<LockScreen />);
    for (const wrong of ['wrong one', 'wrong two']) {
      await user.type(screen.getByLabelText('Passphrase'), wrong);
      await user.click(screen.getByRole('button', { name: 'Unlock' }));
      await screen.findByText('That passphrase is not right. Nothing was opened.');
    }
    expect((await screen.findByTestId('unlock-wait')).textContent).toMatch(/Try again in [45] seconds/);
    expect((screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement).disabled).toBe(true);
    unmount();
    render(<LockScreen />);
    expect((await screen.findByTestId('unlock-wait')).textContent).toMatch(/Try again in [1-5] seconds/);
  });

  it('locks by itself after the idle time; a key press counts as use', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await startVault();
    await setPassphrase(PASS, FEW);
    await setIdleMinutes(2);
    await vi.advanceTimersByTimeAsync(90_000);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    await vi.advanceTimersByTimeAsync(90_000);
    expect(vault.value.status).toBe('unlocked');
    await vi.advanceTimersByTimeAsync(35_000);
    expect(vault.value.status).toBe('locked');
  });
});

describe('encrypted backup restore', () => {
  it('asks for the passphrase; a wrong one is refused and changes nothing', async () => {
    const user = userEvent.setup();
    await saveCase(sokha());
    const salt = randomSalt();
    const key = await deriveKey(PASS, salt, 1_000);
    const file = await encryptWith(key, salt, 1_000, buildBackup(await readAllRecords(), 'x'));
    await Promise.all(db.tables.map((table) => table.clear()));

    render(<BackupPanel />);
    await user.upload(
      screen.getByLabelText('Restore from a backup file'),
      new File([file], 'pelita-backup.json', { type: 'application/json' }),
    );
    await user.type(await screen.findByLabelText('Passphrase of the backup'), 'wrong words');
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    await screen.findByText('That passphrase does not open this backup.');
    expect(screen.getByRole('alert').textContent).toContain('nothing on this device changed');
    expect(await db.cases.count()).toBe(0);

    await user.type(screen.getByLabelText('Passphrase of the backup'), PASS);
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    // What it will add is shown first, to confirm.
    const confirm = await screen.findByRole('region', { name: 'Restore this file?' });
    expect(confirm.textContent).toContain('Cases: 1 to add');
    await user.click(within(confirm).getByRole('button', { name: 'Restore' }));
    await waitFor(async () => expect(await db.cases.count()).toBe(1));
    expect((await db.cases.toArray())[0]?.child.name).toBe('Sokha Chan');
  });
});
