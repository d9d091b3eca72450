// The catalog is data that screens, exports and sync trust: every entry must be complete and consistent with
// the codes the server validates, its sources' fields and the translations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../src/i18n/languages';
import {
  CATALOG,
  CHILD_SOURCES,
  INDICATORS,
  indicatorDef,
  SOURCES,
  SURVEY_INDICATORS,
  tableOf,
  valueLabelKey,
} from '../../src/tally/catalog';
import { DISAGGREGATION_KEYS, DISAGGREGATIONS, INDICATOR_CODES } from '../../src/tally/indicators';

const locale = (lang: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lang}/translation.json`), 'utf8'));
const has = (strings: unknown, key: string) =>
  typeof key
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], strings) === 'string';

describe('catalog', () => {
  it('scopes every indicator that counts children to ages 5–17 and marks it for suppression, and no other', () => {
    for (const d of INDICATORS) {
      const child = CHILD_SOURCES.includes(d.source);
      expect(d.where?.ageScope, d.code).toEqual(child ? ['in', 'unknown'] : undefined);
      expect(d.countsChildren ?? false, d.code).toBe(child);
    }
    const never = [
      'INSPECTIONS',
      'INSPECTIONS_CL_TOOL',
      'ACTIVITIES',
      'PEOPLE_TRAINED',
      'INSPECTORS_TRAINED',
    ];
    for (const code of never) expect(indicatorDef(code)?.countsChildren, code).toBeUndefined();
  });

  it('lists the 14 indicators of SPEC §4, in the shared order, with their label keys', () => {
    expect(INDICATORS.map((d) => d.code)).toEqual([...INDICATOR_CODES]);
    for (const d of INDICATORS) {
      expect(d.labelKey).toBe(`indicators.${d.code}.label`);
      expect(d.descriptionKey).toBe(`indicators.${d.code}.description`);
      expect(d.annex2).toBe(`indicators.${d.code}.annex2`);
    }
  });

  it.each(INDICATORS.map((d) => [d.code, d] as const))(
    '%s: breakdowns and filters are fields of its source',
    (_, d) => {
      const fields: readonly string[] = SOURCES[d.source];
      for (const key of d.by) {
        expect(fields).toContain(key);
        expect(DISAGGREGATION_KEYS).toContain(key);
      }
      for (const [field, allowed] of Object.entries(d.where ?? {})) {
        expect(fields).toContain(field);
        const list = DISAGGREGATIONS[field as keyof typeof DISAGGREGATIONS] as readonly string[] | undefined;
        if (list) for (const v of allowed ?? []) expect(list).toContain(v);
      }
      for (const key of tableOf(d)) expect(d.by).toContain(key);
      expect(tableOf(d).length).toBeLessThanOrEqual(2);
    },
  );

  it('every age-banded indicator keeps children out of 5–17 out (the age scope filter)', () => {
    for (const d of INDICATORS.filter((x) => (x.by as readonly string[]).includes('ageBand'))) {
      expect(d.where?.ageScope, d.code).toEqual(['in', 'unknown']);
    }
  });

  it('a slice names a real indicator whose table holds the fixed breakdown', () => {
    for (const d of INDICATORS.filter((x) => x.sliceOf)) {
      const parent = indicatorDef(d.sliceOf!.indicator)!;
      expect(parent.source).toBe(d.source);
      for (const key of Object.keys(d.sliceOf!.fixed)) expect(tableOf(parent)).toContain(key);
      expect([...tableOf(parent)].filter((k) => !(k in d.sliceOf!.fixed))).toEqual([...tableOf(d)]);
    }
  });

  it('lists survey-based Annex 2 indicators as such, never as computed ones', () => {
    expect(SURVEY_INDICATORS.length).toBeGreaterThanOrEqual(4);
    for (const s of SURVEY_INDICATORS) {
      expect(s.survey).toBe(true);
      expect(s.noteKey).toBe('indicators.surveyNote');
      expect(INDICATOR_CODES as readonly string[]).not.toContain(s.code);
    }
    expect(CATALOG).toHaveLength(INDICATORS.length + SURVEY_INDICATORS.length);
  });

  it.each(LANGUAGE_CODES)('%s has every label, description, Annex 2 text and breakdown name', (lang) => {
    const strings = locale(lang);
    for (const e of CATALOG)
      for (const key of [e.labelKey, e.descriptionKey, e.annex2]) expect(has(strings, key), key).toBe(true);
    expect(has(strings, 'indicators.surveyNote')).toBe(true);
    for (const key of [...DISAGGREGATION_KEYS, 'total'])
      expect(has(strings, `disaggregations.${key}`), key).toBe(true);
  });

  it('every breakdown value the tally can emit has a label', () => {
    const en = locale('en');
    for (const d of INDICATORS)
      for (const key of d.by)
        for (const value of DISAGGREGATIONS[key]) {
          const k = valueLabelKey(key, value, d.code);
          expect(has(en, k), `${d.code} ${k}`).toBe(true);
        }
    expect(valueLabelKey('sex', 'female', 'CHILDREN_IDENTIFIED')).toBe('codes.childSexes.female');
    expect(valueLabelKey('sex', 'female', 'PEOPLE_TRAINED')).toBe('codes.sexes.female');
  });
});
