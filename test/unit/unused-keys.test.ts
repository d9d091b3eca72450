// Every translation key is used by some code (scripts/unused-keys.mjs): a string nobody can see any more is
// removed from all ten languages rather than kept and translated. The detector is checked on small cases too,
// so a key spelled out, built from a template or nested in another string is never reported as dead.
import { describe, expect, it } from 'vitest';
import { findUnused, unusedKeys } from '../../scripts/unused-keys.mjs';

describe('unused translation keys', () => {
  it('finds none in the app and console strings', () => {
    expect(findUnused()).toEqual([]);
  }, 60_000);

  it('tells a dead key from one the code uses, however it spells it', () => {
    // Source code as text; `%{` stands for a template's placeholder.
    const code = [
      "t('report.title'); const s = `%{t('sync.badge.attention')} · %{n}`;",
      't(`indicators.%{code}.label`); t(`codes.%{list}.%{value}`);',
      "const k = 'errors.' + reason; t('sync.pending', { count }); // t('report.old') in a comment",
      'const re = /[`\']/g; t("form.save");',
    ].map((line) => line.replaceAll('%{', '${'));
    const keys = [
      'report.title',
      'sync.badge.attention',
      'indicators.INSPECTIONS.label',
      'indicators.INSPECTIONS.annex2',
      'codes.sexes.female',
      'errors.tooLong',
      'sync.pending_one',
      'sync.pending_other',
      'form.save',
      'report.old',
      'report.nested',
      'cases.search',
    ];
    expect(unusedKeys(keys, code, ['See $t(report.nested)'])).toEqual([
      'indicators.INSPECTIONS.annex2',
      'report.old',
      'cases.search',
    ]);
  });
});
