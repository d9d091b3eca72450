// Restoring from the Backup panel (issue 11.11): a file too large is refused before it is read; a good file
// first shows what it will add and replace, and changes nothing until the person confirms.
import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/db';
import { BackupPanel } from '../../src/export/BackupPanel';
import { BACKUP_FORMAT, MAX_BACKUP_BYTES } from '../../src/export/backup';

const at = (d: string) => `${d}T08:00:00.000Z`;
const activity = (id: string, title: string) => ({
  id,
  createdAt: at('2026-01-15'),
  updatedAt: at('2026-01-20'),
  deletedAt: null,
  orgUnit: 'KH-12',
  periods: ['2026-01'],
  date: '2026-01-15',
  kind: 'campaign_activity',
  title,
});
const ID1 = '0b7c2c3e-1f4a-4d5b-8c6d-7e8f9a0b1c2d';
const ID2 = '1c8d3d4f-2a5b-4e6c-9d7e-8f9a0b1c2d3e';
const fileOf = (text: string) => new File([text], 'pelita-backup.json', { type: 'application/json' });

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('restore from the Backup panel', () => {
  it('refuses a file larger than any backup without reading it', async () => {
    const user = userEvent.setup();
    render(<BackupPanel />);
    const huge = fileOf('{}');
    Object.defineProperty(huge, 'size', { value: MAX_BACKUP_BYTES + 1 });
    const read = vi.spyOn(huge, 'text');
    await user.upload(screen.getByLabelText('Restore from a backup file'), huge);
    expect((await screen.findByRole('alert')).textContent).toContain('larger than 100 MB');
    expect(read).not.toHaveBeenCalled();
  });

  it('shows what it will add and replace, and restores only once confirmed', async () => {
    await db.activities.put({ ...activity(ID1, 'Radio'), updatedAt: at('2026-01-16') } as never);
    const user = userEvent.setup();
    render(<BackupPanel />);
    const text = JSON.stringify({
      format: BACKUP_FORMAT,
      records: { activities: [activity(ID1, 'Radio, corrected'), activity(ID2, 'Posters')] },
    });
    await user.upload(screen.getByLabelText('Restore from a backup file'), fileOf(text));
    const confirm = await screen.findByRole('region', { name: 'Restore this file?' });
    expect(confirm.textContent).toContain(
      "Activities: 1 to add, 1 to replace with the file's newer copy, 0 already up to date",
    );
    expect(await db.activities.count()).toBe(1);

    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region', { name: 'Restore this file?' })).toBeNull();
    expect((await db.activities.get(ID1))?.title).toBe('Radio');

    await user.upload(screen.getByLabelText('Restore from a backup file'), fileOf(text));
    const again = await screen.findByRole('region', { name: 'Restore this file?' });
    await user.click(within(again).getByRole('button', { name: 'Restore' }));
    await waitFor(async () => expect(await db.activities.count()).toBe(2));
    expect((await db.activities.get(ID1))?.title).toBe('Radio, corrected');
  });
});
