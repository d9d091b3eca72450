// SPEC §3, rule by rule and boundary by boundary, plus the reasons the case form shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ageAt,
  ageBand,
  type CaseLike,
  type ClassificationSettings,
  classify,
  SDG_871_SETTINGS,
} from '../../src/cases/classify';
import { hazardConditions, worstForms } from '../../src/records/codes';

type Row = {
  age: number | null;
  econ?: number | null;
  chores?: number | null;
  night?: string;
  worst?: string;
  hazards?: string[];
  expect: string;
};

const caseOf = (r: Omit<Row, 'expect'>): CaseLike => ({
  identifiedOn: '2026-02-10',
  child: r.age === null ? {} : { ageYears: r.age },
  work: {
    economicHours: r.econ === undefined ? 0 : r.econ,
    choreHours: r.chores === undefined ? 0 : r.chores,
    nightWork: r.night ?? 'no',
    worstForm: r.worst ?? 'none',
    hazards: r.hazards ?? [],
  },
});

describe('classify: economic hours by age (SDG 8.7.1 thresholds)', () => {
  const rows: Row[] = [
    { age: 4, econ: 1, expect: 'not_child_labour' },
    { age: 4, econ: 43, expect: 'hazardous' },
    { age: 5, econ: 0, expect: 'not_child_labour' },
    { age: 5, econ: 1, expect: 'below_minimum_age' },
    { age: 11, econ: 0, expect: 'not_child_labour' },
    { age: 11, econ: 1, expect: 'below_minimum_age' },
    { age: 12, econ: 1, expect: 'not_child_labour' },
    { age: 12, econ: 13, expect: 'not_child_labour' },
    { age: 12, econ: 14, expect: 'below_minimum_age' },
    { age: 14, econ: 13, expect: 'not_child_labour' },
    { age: 14, econ: 14, expect: 'below_minimum_age' },
    { age: 15, econ: 14, expect: 'not_child_labour' },
    { age: 15, econ: 42, expect: 'not_child_labour' },
    { age: 15, econ: 43, expect: 'hazardous' },
    { age: 17, econ: 42, expect: 'not_child_labour' },
    { age: 17, econ: 43, expect: 'hazardous' },
    { age: 18, econ: 14, expect: 'not_child_labour' },
    { age: 18, econ: 43, expect: 'hazardous' },
    { age: 5, econ: 42, expect: 'below_minimum_age' },
    { age: 5, econ: 43, expect: 'hazardous' },
  ];
  it.each(rows)('age $age, $econ h economic work → $expect', (r) => {
    expect(classify(caseOf(r)).category).toBe(r.expect);
  });
});

describe('classify: household chores (> 21 h, ages 5–14)', () => {
  const rows: Row[] = [
    { age: 4, chores: 22, expect: 'not_child_labour' },
    { age: 5, chores: 21, expect: 'not_child_labour' },
    { age: 5, chores: 22, expect: 'hazardous_chores' },
    { age: 11, chores: 22, expect: 'hazardous_chores' },
    { age: 14, chores: 21, expect: 'not_child_labour' },
    { age: 14, chores: 22, expect: 'hazardous_chores' },
    { age: 15, chores: 22, expect: 'not_child_labour' },
    // First match wins: work below the minimum age comes before chores.
    { age: 10, econ: 1, chores: 30, expect: 'below_minimum_age' },
  ];
  it.each(rows)('age $age, $chores h chores, $econ h work → $expect', (r) => {
    expect(classify(caseOf(r)).category).toBe(r.expect);
  });
});

describe('classify: worst forms and hazards come first, at any age', () => {
  it.each(worstForms.filter((w) => w !== 'none'))(
    'worst form %s → worst_form, with the form as reason',
    (worst) => {
      for (const age of [4, 10, 16, 18]) {
        const result = classify(caseOf({ age, worst, hazards: ['abuse'], econ: 50 }));
        expect(result.category).toBe('worst_form');
        expect(result.reasons[0]).toEqual({ key: 'classify.reasons.worstForm', values: { form: worst } });
      }
    },
  );

  it.each(hazardConditions)('hazard condition %s → hazardous', (hazard) => {
    const result = classify(caseOf({ age: 16, hazards: [hazard] }));
    expect(result.category).toBe('hazardous');
    expect(result.reasons).toContainEqual({ key: 'classify.reasons.hazard', values: { hazard } });
  });

  it('night work → hazardous; every hazardous condition that holds is a reason', () => {
    expect(classify(caseOf({ age: 16, night: 'yes' })).category).toBe('hazardous');
    const all = classify(
      caseOf({ age: 16, night: 'yes', econ: 45, hazards: ['abuse', 'unhealthy_environment'] }),
    );
    expect(all.reasons.map((r) => r.key)).toEqual([
      'classify.reasons.hazard',
      'classify.reasons.hazard',
      'classify.reasons.nightWork',
      'classify.reasons.longHours',
    ]);
  });
});

describe('classify: unknown answers count as not meeting a condition', () => {
  it.each([
    ['worst form unknown', { age: 10, worst: 'unknown' }],
    ['night work unknown', { age: 16, night: 'unknown' }],
    ['economic hours not known', { age: 10, econ: null }],
    ['chores not known', { age: 10, chores: null }],
  ] as const)('%s → not child labour, and the reasons say answers were unknown', (_, r) => {
    const result = classify(caseOf(r));
    expect(result.category).toBe('not_child_labour');
    expect(result.reasons.map((x) => x.key)).toContain('classify.reasons.unknownAnswers');
  });

  it('age unknown: the age rules are not applied and the reasons say so; hazards still are', () => {
    const result = classify(caseOf({ age: null, econ: 20 }));
    expect(result).toMatchObject({ category: 'not_child_labour', age: null, ageBand: null });
    expect(result.reasons.map((x) => x.key)).toContain('classify.reasons.ageUnknown');
    expect(classify(caseOf({ age: null, econ: 43 })).category).toBe('hazardous');
  });

  it('a child outside 5–17 is classified but flagged out of scope', () => {
    expect(classify(caseOf({ age: 18, econ: 50 })).reasons).toContainEqual({
      key: 'classify.reasons.outOfScope',
      values: { age: 18 },
    });
    expect(classify(caseOf({ age: 17 })).reasons.map((r) => r.key)).not.toContain(
      'classify.reasons.outOfScope',
    );
  });

  it('a half-filled form can be classified', () => {
    expect(classify({}).category).toBe('not_child_labour');
    expect(classify({ work: { worstForm: 'armed_conflict' } }).category).toBe('worst_form');
  });
});

describe('classify: country settings', () => {
  const national: ClassificationSettings = {
    ...SDG_871_SETTINGS,
    hazardousHours: 40,
    minimumAge: 14,
    lightWorkHours: 12,
  };
  it('changes the thresholds the rules use', () => {
    expect(classify(caseOf({ age: 16, econ: 41 })).category).toBe('not_child_labour');
    expect(classify(caseOf({ age: 16, econ: 41 }), national).category).toBe('hazardous');
    expect(classify(caseOf({ age: 13, econ: 12 }), national).category).toBe('below_minimum_age');
    expect(classify(caseOf({ age: 14, econ: 20 }), national).category).toBe('not_child_labour');
    expect(classify(caseOf({ age: 14, chores: 30 }), national).category).toBe('not_child_labour');
  });
});

describe('ageAt and ageBand', () => {
  it('uses the date of birth on the identification date, the typed age otherwise', () => {
    expect(ageAt({ dateOfBirth: '2014-02-10' }, '2026-02-10')).toBe(12);
    expect(ageAt({ dateOfBirth: '2014-02-11' }, '2026-02-10')).toBe(11);
    expect(ageAt({ dateOfBirth: '2012-02-29' }, '2025-02-28')).toBe(12);
    expect(ageAt({ dateOfBirth: '2012-02-29' }, '2025-03-01')).toBe(13);
    expect(ageAt({ dateOfBirth: '2014-02-10', ageYears: 3 }, '2026-02-10')).toBe(12);
    expect(ageAt({ ageYears: 9 }, '2026-02-10')).toBe(9);
    expect(ageAt({ dateOfBirth: '2014-02-10', ageYears: 9 }, undefined)).toBe(9);
    expect(ageAt({ dateOfBirth: '2027-01-01' }, '2026-02-10')).toBeNull();
    expect(ageAt({}, '2026-02-10')).toBeNull();
  });

  it.each([
    [4, null],
    [5, '5-11'],
    [11, '5-11'],
    [12, '12-14'],
    [14, '12-14'],
    [15, '15-17'],
    [17, '15-17'],
    [18, null],
    [null, null],
  ] as const)('age %s → band %s', (age, band) => {
    expect(ageBand(age)).toBe(band);
  });
});

describe('reasons as the case form shows them', () => {
  beforeAll(async () => {
    const en = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../locales/en/translation.json'), 'utf8'),
    );
    await i18next.init({
      lng: 'en',
      resources: { en: { translation: en } },
      interpolation: { escapeValue: false },
    });
  });
  const shown = (c: CaseLike) => classify(c).reasons.map((r) => i18next.t(r.key, r.values));

  it('explains the rule that matched in words', () => {
    expect(shown(caseOf({ age: 16, econ: 45 }))).toEqual(['Economic work 45 h a week is 43 h or more']);
    expect(shown(caseOf({ age: 10, worst: 'armed_conflict' }))).toEqual([
      `Worst form: ${i18next.t('codes.worstForms.armed_conflict')}`,
    ]);
    expect(shown(caseOf({ age: 13, econ: 14 }))).toEqual([
      'Economic work 14 h a week at age 13 is 14 h or more',
    ]);
    expect(shown(caseOf({ age: 8, chores: 25 }))).toEqual(['Household chores 25 h a week is more than 21 h']);
  });

  it('every reason key exists in English', () => {
    const keys = new Set<string>();
    for (const r of [
      caseOf({ age: 18, worst: 'armed_conflict' }),
      caseOf({ age: 16, hazards: ['abuse'], night: 'yes', econ: 50 }),
      caseOf({ age: 8, econ: 3 }),
      caseOf({ age: 8, chores: 30 }),
      caseOf({ age: null, econ: 3, night: 'unknown' }),
    ])
      for (const reason of classify(r).reasons) keys.add(reason.key);
    expect(keys.size).toBe(10);
    for (const k of keys) expect(i18next.exists(k), k).toBe(true);
  });
});
