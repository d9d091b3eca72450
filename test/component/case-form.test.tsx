// The child case form as a social worker uses it: found by labels, the category changing as answers come in,
// the consent rule on a referral, a follow-up, and editing a saved case.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { CaseForm } from '../../src/cases/Form';
import { db } from '../../src/db/db';
import { t } from '../../src/i18n/i18n';
import { today } from '../../src/lib/dates';
import { navigate } from '../../src/lib/router';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';

beforeEach(async () => {
  await Promise.all([db.cases.clear(), db.drafts.clear(), db.outbox.clear(), db.settings.clear()]);
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await saveSetting('defaultOrgUnit', 'KH-12');
  await reloadLocations();
  navigate('/cases/new');
});

const group = (name: string | RegExp) => screen.getByRole('group', { name });
const setDate = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });
const live = () => screen.getByRole('region', { name: 'Child labour assessment' });

async function fillChild(user: ReturnType<typeof userEvent.setup>) {
  await user.selectOptions(await screen.findByLabelText(/How the child was identified/), 'Hotline');
  await user.click(within(group('Sex')).getByLabelText('Girl'));
  await user.type(screen.getByLabelText('Age in years'), '13');
  await user.selectOptions(screen.getByLabelText(/Nationality/), 'Cambodia');
}

describe('CaseForm', () => {
  it('shows the category live as hours and hazards are entered', async () => {
    const user = userEvent.setup({ delay: null });
    render(<CaseForm params={{ id: 'new' }} />);
    await fillChild(user);
    expect(live().textContent).toContain('12–14 years');
    expect(live().textContent).toContain('Not child labour');

    await user.type(screen.getByLabelText('Hours of economic work last week'), '20');
    await waitFor(() => expect(live().textContent).toContain('Below the minimum working age'));
    // The reason, in words, with the numbers that decided it.
    expect(live().textContent).toContain(
      t('classify.reasons.belowMinimumAge', { hours: 20, age: 13, threshold: 14 }),
    );

    await user.click(within(group('Hazardous conditions')).getByLabelText(/Dangerous machinery/));
    await waitFor(() => expect(live().textContent).toContain('Hazardous work'));
    expect(within(live()).getByRole('list').textContent).toContain(
      'Dangerous machinery, tools or heavy loads',
    );
    expect(live().textContent).not.toContain('classify.reasons');
    expect(live().querySelector('[aria-live="polite"]')).not.toBeNull();
  });

  it('refuses a referral without consent, keeps what was typed, then saves it with an override reason', async () => {
    const user = userEvent.setup({ delay: null });
    render(<CaseForm params={{ id: 'new' }} />);
    await fillChild(user);
    expect(screen.getByText('Assigned when saved')).toBeTruthy();
    await user.type(screen.getByLabelText("Child's name"), 'Sokha');

    await user.click(screen.getByRole('button', { name: 'Add a referral' }));
    const service = within(group('Referral 1')).getByLabelText(/Service/);
    // Keyboard users land in the new row.
    await waitFor(() => expect(document.activeElement).toBe(service));
    await user.selectOptions(service, 'Health care');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const consent = group(/consent to services/);
    await waitFor(() =>
      expect(within(consent).getByText(/A referral needs the child's consent/)).toBeTruthy(),
    );
    expect(consent.getAttribute('aria-invalid')).toBe('true');
    expect(await db.cases.count()).toBe(0);
    // Nothing lost.
    expect((within(group('Referral 1')).getByLabelText(/Service/) as HTMLSelectElement).value).toBe('health');
    expect((screen.getByLabelText("Child's name") as HTMLInputElement).value).toBe('Sokha');

    await user.click(within(consent).getByLabelText('No'));
    await user.type(screen.getByLabelText('Why services go ahead without consent'), 'Child in danger.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('KH-12-2026-0001');
    const [saved] = await db.cases.toArray();
    expect(saved).toMatchObject({
      caseCode: 'KH-12-2026-0001',
      orgUnit: 'KH-12',
      channel: 'hotline',
      consent: false,
      consentOverride: 'Child in danger.',
      status: 'referred',
      child: { name: 'Sokha', sex: 'female', ageYears: 13, nationality: 'KH' },
    });
    expect(saved!.referrals).toMatchObject([{ service: 'health', status: 'referred', referredOn: today() }]);
  });

  it('adds a follow-up to a saved case and edits it, keeping its code', async () => {
    const user = userEvent.setup({ delay: null });
    render(<CaseForm params={{ id: 'new' }} />);
    await fillChild(user);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('KH-12-2026-0001');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Child case');

    await user.click(screen.getByRole('button', { name: 'Add a follow-up visit' }));
    const visit = group('Follow-up 1');
    await user.click(
      within(within(visit).getByRole('group', { name: 'Still working' })).getByLabelText('No'),
    );
    setDate(within(visit).getByLabelText('Next visit due'), '2099-01-15');
    await user.type(within(visit).getByLabelText('Visit notes'), 'Back at school.');
    await user.selectOptions(screen.getByLabelText('Status'), 'Monitoring');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(async () => expect((await db.cases.toArray())[0]?.status).toBe('monitoring'));
    const [saved] = await db.cases.toArray();
    expect(await db.cases.count()).toBe(1);
    expect(saved).toMatchObject({ caseCode: 'KH-12-2026-0001', dueOn: '2099-01-15' });
    expect(saved!.followUps).toMatchObject([
      { date: today(), stillWorking: 'no', nextVisitDue: '2099-01-15', notes: 'Back at school.' },
    ]);

    // Opened again later, the saved case is there to edit.
    cleanup();
    render(<CaseForm params={{ id: saved!.id }} />);
    await screen.findByText('KH-12-2026-0001');
    expect((within(group('Follow-up 1')).getByLabelText('Visit notes') as HTMLTextAreaElement).value).toBe(
      'Back at school.',
    );
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('monitoring');
    expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy();
  });

  it('asks for the withdrawal date and the closure reason when the status needs them', async () => {
    const user = userEvent.setup({ delay: null });
    render(<CaseForm params={{ id: 'new' }} />);
    await fillChild(user);
    await user.selectOptions(screen.getByLabelText('Status'), 'Withdrawn (verified)');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Some fields need attention. Fix the fields marked in red, then save again.');
    expect(screen.getByLabelText(/Date withdrawal was verified/).getAttribute('aria-invalid')).toBe('true');
    await user.selectOptions(screen.getByLabelText('Status'), 'Closed');
    expect(screen.getByLabelText(/Reason for closing/)).toBeTruthy();
    expect(await db.cases.count()).toBe(0);
  });
});
