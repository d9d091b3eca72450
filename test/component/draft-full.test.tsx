// A full disk while typing (issue 11.12): when a draft can no longer be stored, the form says so at once, in
// words, with the next step, and says nothing once drafts are kept again.
import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActivityForm } from '../../src/activities/Form';
import { db } from '../../src/db/db';
import { t } from '../../src/i18n/i18n';
import { navigate } from '../../src/lib/router';
import { loadSettings } from '../../src/settings/repo';

beforeEach(async () => {
  await Promise.all([db.activities.clear(), db.drafts.clear(), db.settings.clear()]);
  await loadSettings();
  navigate('/activities/new');
});
afterEach(() => vi.restoreAllMocks());

describe('a draft that cannot be stored', () => {
  it('is said at once, with what to do, and the notice goes once drafts are kept again', async () => {
    const user = userEvent.setup({ delay: null });
    render(<ActivityForm params={{ id: 'new' }} />);
    const title = await screen.findByLabelText(/^Title/);
    const full = vi
      .spyOn(db.drafts, 'put')
      .mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await user.type(title, 'Radio');
    const alert = await screen.findByText(new RegExp(t('form.draftNotKept')));
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain(t('errors.quotaExceeded'));

    full.mockRestore();
    await user.type(title, ' spot');
    await waitFor(() => expect(screen.queryByText(new RegExp(t('form.draftNotKept')))).toBeNull());
    await waitFor(async () =>
      expect((await db.drafts.toArray())[0]?.value).toMatchObject({ title: 'Radio spot' }),
    );
  });
});
