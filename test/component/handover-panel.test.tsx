// The handover panel on the case list: the caseload downloads encrypted (the download itself is the browser's)
// and can then be marked transferred; a file that does not open with the passphrase says so, importing nothing.
import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HandoverOne, HandoverPanel } from '../../src/cases/HandoverPanel';
import { caseload, importCases } from '../../src/cases/handover';
import { saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { aCase } from '../helpers/factories';

beforeEach(async () => {
  await db.cases.clear();
});

describe('HandoverPanel', () => {
  it('refuses a short passphrase in words', async () => {
    const user = userEvent.setup();
    render(<HandoverPanel />);
    await user.click(screen.getByText('Hand over cases to another worker'));
    await user.type(
      screen.getByLabelText('Passphrase for the file (at least 8 characters)', {
        selector: '#handover-pass',
      }),
      'short',
    );
    await user.click(screen.getByRole('button', { name: 'Download the encrypted file' }));
    await screen.findByText('The passphrase needs at least 8 characters.');
  });

  it('says a file is not a handover file and imports nothing', async () => {
    const user = userEvent.setup();
    const created = vi.spyOn(URL, 'createObjectURL');
    render(<HandoverPanel />);
    await user.click(screen.getByText('Hand over cases to another worker'));
    await user.upload(
      screen.getByLabelText('Handover file'),
      new File(['{"format":"something else"}'], 'cases.json', { type: 'application/json' }),
    );
    await user.type(
      screen.getByLabelText('Passphrase for the file (at least 8 characters)', {
        selector: '#handover-open',
      }),
      'blue heron at dawn',
    );
    await user.click(screen.getByRole('button', { name: 'Import the cases' }));
    await screen.findByText('This is not a Pelita case handover file.');
    await waitFor(async () => expect(await db.cases.count()).toBe(0));
    expect(created).not.toHaveBeenCalled();
  });

  it('one case from its own screen: the file holds that case alone, and marking it transferred removes it here', async () => {
    const one = await saveCase(aCase());
    const other = await saveCase(aCase());
    const files: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      files.push(blob as Blob);
      return 'blob:handover';
    });
    const user = userEvent.setup();
    render(<HandoverOne id={one.id} />);
    await user.click(screen.getByText('Hand over this case to another worker'));
    await user.type(
      screen.getByLabelText('Passphrase for the file (at least 8 characters)'),
      'blue heron at dawn',
    );
    await user.click(screen.getByRole('button', { name: 'Download the encrypted file' }));
    await user.click(await screen.findByRole('button', { name: 'Mark this case transferred' }));
    await waitFor(async () => expect((await caseload()).map((c) => c.id)).toEqual([other.id]));
    expect(files).toHaveLength(1);
    const text = await files[0]!.text();
    await db.cases.clear();
    const { imported } = await importCases(text, 'blue heron at dawn');
    expect(imported.map((c) => c.id)).toEqual([one.id]);
  });
});
