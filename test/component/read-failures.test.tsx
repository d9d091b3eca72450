// Reads and exports that fail (issue 11.13) say what happened and offer a way on, instead of "Loading…"
// forever or nothing at all: a record form whose draft or record cannot be read, the sync screen's preview,
// the Backup panel's export and the error screen's "Export my data".
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActivityForm } from '../../src/activities/Form';
import { saveActivity } from '../../src/activities/repo';
import { ErrorBoundary } from '../../src/app/ErrorBoundary';
import { db } from '../../src/db/db';
import { BackupPanel } from '../../src/export/BackupPanel';
import * as dump from '../../src/export/dump';
import { t } from '../../src/i18n/i18n';
import { navigate } from '../../src/lib/router';
import { loadSettings } from '../../src/settings/repo';
import { SyncScreen } from '../../src/sync/SyncScreen';

const preview = vi.hoisted(() => ({ fail: false }));
vi.mock('../../src/sync/sync', async (original) => {
  const real = await original<typeof import('../../src/sync/sync')>();
  return {
    ...real,
    previewPending: () => (preview.fail ? Promise.reject(closed()) : real.previewPending()),
  };
});

/** What Dexie throws when the browser took the database away. */
function closed() {
  return Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' });
}

beforeEach(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await Promise.all(db.tables.map((table) => table.clear()));
  await loadSettings();
  navigate('/activities/new');
});
afterEach(() => {
  vi.restoreAllMocks();
  preview.fail = false;
});

const unavailable = () => t('errors.storageUnavailable');

describe('reads that fail', () => {
  it('a new form whose draft cannot be read says why, with Try again', async () => {
    vi.spyOn(db.drafts, 'get').mockRejectedValue(closed());
    render(<ActivityForm params={{ id: 'new' }} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(unavailable());
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.queryByText(t('common.loading'))).toBeNull();
  });

  it('a saved record that cannot be read says why', async () => {
    const saved = await saveActivity({
      orgUnit: 'KH-12',
      date: '2026-01-15',
      kind: 'campaign_activity',
      title: 'Radio',
    });
    vi.spyOn(db.table('activities'), 'get').mockRejectedValue(closed());
    render(<ActivityForm params={{ id: saved.id }} />);
    expect((await screen.findByRole('alert')).textContent).toContain(unavailable());
  });

  it("the sync screen's preview says why, with Try again", async () => {
    preview.fail = true;
    render(<SyncScreen />);
    expect((await screen.findByText(unavailable())).closest('[role="alert"]')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('a backup that cannot be made says so', async () => {
    vi.spyOn(db.cases, 'toArray').mockRejectedValue(closed());
    const user = userEvent.setup();
    render(<BackupPanel />);
    await user.click(screen.getByRole('button', { name: t('backup.export') }));
    const alert = await screen.findByText(new RegExp(t('backup.exportFailed')));
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain(unavailable());
  });

  it('"Export my data" that fails says so', async () => {
    vi.spyOn(dump, 'dumpAll').mockRejectedValue(closed());
    const Broken = (): null => {
      throw new Error('broken screen');
    };
    const user = userEvent.setup();
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    );
    await user.click(screen.getByRole('button', { name: t('errorBoundary.export') }));
    expect((await screen.findByText(new RegExp(t('errorBoundary.exportFailed')))).textContent).toContain(
      unavailable(),
    );
  });
});
