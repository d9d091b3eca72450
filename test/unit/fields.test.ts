import { describe, expect, it } from 'vitest';
import { birthDate, isoDate } from '../../src/records/fields';

const message = (schema: typeof isoDate, value: string) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues.map((i) => i.message);
};

describe('dates', () => {
  it('takes real days of 2000–2099 for events', () => {
    expect(message(isoDate, '2026-02-28')).toBeNull();
    expect(message(isoDate, '2028-02-29')).toBeNull();
    expect(message(isoDate, '2026-02-30')).toEqual(['errors.date']);
    expect(message(isoDate, '2026-13-01')).toEqual(['errors.date']);
    expect(message(isoDate, 'yesterday')).toEqual(['errors.date']);
    expect(message(isoDate, '')).toEqual(['errors.date']);
    expect(message(isoDate, '2206-03-01')).toEqual(['errors.dateRange']);
    expect(message(isoDate, '1999-12-31')).toEqual(['errors.dateRange']);
  });

  it('takes dates of birth from 1990', () => {
    expect(message(birthDate, '1995-06-01')).toBeNull();
    expect(message(birthDate, '1989-12-31')).toEqual(['errors.dateRange']);
    expect(message(birthDate, '2013-02-29')).toEqual(['errors.date']);
  });
});
