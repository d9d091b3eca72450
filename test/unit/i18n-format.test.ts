// Every number a string interpolates goes through the app's formatter, so Myanmar never mixes digits on one
// screen, and every date follows the chosen language's own data.
import { afterAll, describe, expect, it } from 'vitest';
import { formatDate, formatMonth, formatNumber, setLanguage, t } from '../../src/i18n/i18n';

afterAll(() => setLanguage('en'));

describe('i18n formatting', () => {
  it('writes interpolated counts in Myanmar digits, like formatNumber', async () => {
    await setLanguage('my');
    expect(formatNumber(1234)).toBe('၁,၂၃၄');
    const text = t('sync.badge.waiting', { count: 3 });
    expect(text).toContain('၃');
    expect(text).not.toMatch(/[0-9]/);
  });

  it('formats English dates day-month-year and Tetum months in Tetum', async () => {
    await setLanguage('en');
    expect(formatDate('2026-12-02', { dateStyle: 'short' })).toBe('02/12/2026');
    expect(t('sync.badge.waiting', { count: 1234 })).toContain('1,234');
    await setLanguage('tet');
    expect(formatMonth('2026-11')).toBe('Novembru 2026');
  });
});
