// The inspection schema (SPEC §2.1) accepts what a field worker may truly answer (including "unknown" and
// "age not known") and rejects everything else with the translation key that says how to fix it.
import { describe, expect, it } from 'vitest';
import { inspection, inspectionInput } from '../../src/inspections/schema';

const KEY_1 = '0b9f3a52-2d7e-4c1b-9a6f-3e8d1c2b4a50';
const KEY_2 = '6c2e8f14-5b3a-4d9e-8f7c-1a2b3c4d5e6f';

const good = () => ({
  orgUnit: 'KH-12',
  date: '2026-03-14',
  type: 'targeted_child_labour',
  announced: false,
  establishment: {
    name: 'Sok brick kiln',
    isic: 'C',
    formality: 'informal',
    hardToReach: true,
    workersFemale: 4,
    workersMale: 9,
  },
  childLabourToolUsed: true,
  children: [
    { key: KEY_1, sex: 'female', age: 13, ageEstimated: true, hazardous: 'yes', worstForm: 'none' },
    {
      key: KEY_2,
      sex: 'unknown',
      age: null,
      ageEstimated: false,
      hazardous: 'unknown',
      worstForm: 'unknown',
    },
  ],
  outcomes: ['administrative_fine', 'child_removed_referred'],
  fine: { amount: 400000, currency: 'khr' },
  registration: { authority: 'court', date: '2026-04-02', reference: 'PP-2026-114' },
  followUpDue: '2026-05-01',
  notes: 'Kiln owner was present.',
});

type Input = ReturnType<typeof good>;

/** The error key at each path, as the form shows them. */
function errorsOf(value: unknown, schema = inspectionInput): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

function change(edit: (v: Input) => void): Input {
  const v = good();
  edit(v);
  return v;
}

describe('inspection schema', () => {
  it('accepts a full inspection, with "unknown" answers and an age not known', () => {
    const result = inspectionInput.safeParse(good());
    expect(result.success).toBe(true);
    // The currency is stored as the ISO code, whatever case it was typed in.
    expect(result.data?.fine?.currency).toBe('KHR');
    expect(result.data?.children[1]?.age).toBeNull();
  });

  it('accepts a minimal inspection: no children, no outcomes, no fine, no registration', () => {
    const v = change((x) => {
      x.children = [];
      x.outcomes = [];
      delete (x as Partial<Input>).fine;
      delete (x as Partial<Input>).registration;
      delete (x as Partial<Input>).followUpDue;
      delete (x as Partial<Input>).notes;
      delete (x.establishment as Partial<Input['establishment']>).workersFemale;
    });
    expect(errorsOf(v)).toEqual({});
  });

  it('rejects missing or wrong answers with a key that says what to do', () => {
    expect(errorsOf(change((x) => (x.date = '14/03/2026')))).toEqual({ date: 'errors.date' });
    expect(errorsOf(change((x) => (x.orgUnit = '')))).toEqual({ orgUnit: 'errors.orgUnit' });
    expect(errorsOf(change((x) => (x.type = 'surprise')))).toEqual({ type: 'errors.choose' });
    expect(errorsOf(change((x) => delete (x as Partial<Input>).announced))).toEqual({
      announced: 'errors.choose',
    });
    expect(errorsOf(change((x) => (x.establishment.name = '   ')))).toEqual({
      'establishment.name': 'errors.required',
    });
    expect(errorsOf(change((x) => (x.establishment.isic = 'Z')))).toEqual({
      'establishment.isic': 'errors.choose',
    });
    expect(errorsOf(change((x) => (x.establishment.workersMale = -1)))).toEqual({
      'establishment.workersMale': 'errors.notNegative',
    });
    expect(errorsOf(change((x) => (x.notes = 'x'.repeat(4001))))).toEqual({ notes: 'errors.tooLong' });
  });

  it('checks each child found', () => {
    expect(errorsOf(change((x) => (x.children[0]!.age = 30)))).toEqual({ 'children.0.age': 'errors.age' });
    expect(errorsOf(change((x) => (x.children[0]!.age = 12.5)))).toEqual({
      'children.0.age': 'errors.wholeNumber',
    });
    // Left empty is not the same as "age not known": the person is asked to do one or the other.
    expect(errorsOf(change((x) => delete (x.children[1] as { age?: unknown }).age))).toEqual({
      'children.1.age': 'errors.ageOrUnknown',
    });
    expect(errorsOf(change((x) => (x.children[1]!.sex = 'girl')))).toEqual({
      'children.1.sex': 'errors.choose',
    });
    expect(errorsOf(change((x) => (x.children[0]!.hazardous = 'maybe')))).toEqual({
      'children.0.hazardous': 'errors.choose',
    });
    expect(errorsOf(change((x) => (x.children[0]!.key = 'row-1')))).toEqual({
      'children.0.key': 'errors.id',
    });
  });

  it('needs the fine when "administrative fine" is ticked, and reports it with the other problems', () => {
    const noFine = change((x) => {
      delete (x as Partial<Input>).fine;
      x.establishment.name = '';
    });
    expect(errorsOf(noFine)).toEqual({
      'establishment.name': 'errors.required',
      'fine.amount': 'errors.fineRequired',
    });
    expect(errorsOf(change((x) => delete (x.fine as { amount?: number }).amount))).toEqual({
      'fine.amount': 'errors.fineRequired',
    });
    expect(errorsOf(change((x) => (x.fine.amount = -5)))).toEqual({ 'fine.amount': 'errors.notNegative' });
    expect(errorsOf(change((x) => (x.fine.currency = 'riel')))).toEqual({
      'fine.currency': 'errors.currency',
    });
    // Not fined: no fine needed.
    const notFined = change((x) => {
      x.outcomes = ['warning'];
      delete (x as Partial<Input>).fine;
    });
    expect(errorsOf(notFined)).toEqual({});
  });

  it('a court or mediation registration needs its authority and date', () => {
    const v = change((x) => {
      x.registration = { reference: 'PP-1' } as Input['registration'];
    });
    expect(errorsOf(v)).toEqual({
      'registration.authority': 'errors.choose',
      'registration.date': 'errors.date',
    });
    expect(errorsOf(change((x) => (x.registration.authority = 'police')))).toEqual({
      'registration.authority': 'errors.choose',
    });
  });

  it('the stored record needs the fine too (a backup cannot bring in a fine without an amount)', () => {
    const stored = {
      ...change((x) => delete (x as Partial<Input>).fine),
      id: '1d7c5e3a-9b8f-4a6e-8d2c-0f1e2d3c4b5a',
      createdAt: '2026-03-14T08:00:00.000Z',
      updatedAt: '2026-03-14T08:00:00.000Z',
      deletedAt: null,
      periods: ['2026-03', '2026-04'],
    };
    expect(errorsOf(stored, inspection as unknown as typeof inspectionInput)).toEqual({
      'fine.amount': 'errors.fineRequired',
    });
  });
});
