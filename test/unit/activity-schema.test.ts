// The activity schema (SPEC §2.4): good input is accepted; each kind of bad input is rejected with the
// translation key the form shows.
import { describe, expect, it } from 'vitest';
import { activityInput } from '../../src/activities/schema';

const good = () => ({
  orgUnit: 'LA-VT',
  date: '2026-02-20',
  kind: 'campaign_activity',
  title: '  Radio spots on the worst forms of child labour ',
  notes: 'Three provinces.',
});

function errorsOf(value: unknown): Record<string, string> {
  const result = activityInput.safeParse(value);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('activity schema', () => {
  it('accepts a good activity and trims the title', () => {
    const result = activityInput.safeParse(good());
    expect(result.success).toBe(true);
    expect(result.data?.title).toBe('Radio spots on the worst forms of child labour');
    const { notes: _n, ...noNotes } = good();
    expect(errorsOf(noNotes)).toEqual({});
  });

  it('rejects each kind of bad input with the right message key', () => {
    expect(errorsOf({ ...good(), date: '' })).toEqual({ date: 'errors.date' });
    expect(errorsOf({ ...good(), orgUnit: 'Vientiane capital' })).toEqual({ orgUnit: 'errors.orgUnit' });
    expect(errorsOf({ ...good(), kind: 'party' })).toEqual({ kind: 'errors.choose' });
    expect(errorsOf({ ...good(), title: ' ' })).toEqual({ title: 'errors.required' });
    expect(errorsOf({ ...good(), title: 'x'.repeat(201) })).toEqual({ title: 'errors.tooLong' });
    expect(errorsOf({ ...good(), notes: 'x'.repeat(4001) })).toEqual({ notes: 'errors.tooLong' });
  });
});
