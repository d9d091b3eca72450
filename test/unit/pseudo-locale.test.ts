import { describe, expect, it } from 'vitest';
import en from '../../locales/en/translation.json';
import { pseudoLocale, pseudoString } from '../../src/i18n/pseudo';

describe('pseudo-locale', () => {
  it('accents letters, pads by a third, brackets, and keeps placeholders and nested keys intact', () => {
    expect(pseudoString('Follow-up {{n}}')).toBe('[Föllöw-üp {{n}}·····]');
    expect(pseudoString('Worst form: $t(codes.worstForms.{{form}})')).toBe(
      '[Wörst förm: $t(codes.worstForms.{{form}})··············]',
    );
  });

  it('transforms every English string and keeps every key', () => {
    const flat = (o: object, p = ''): Array<[string, string]> =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'string' ? [[p + k, v] as [string, string]] : flat(v as object, `${p}${k}.`),
      );
    const before = flat(en);
    const after = new Map(flat(pseudoLocale(en as never)));
    expect(after.size).toBe(before.length);
    for (const [key, value] of before) {
      const pseudo = after.get(key)!;
      expect(pseudo.startsWith('[') && pseudo.endsWith(']'), key).toBe(true);
      for (const placeholder of value.match(/\{\{[^}]*\}\}/g) ?? [])
        expect(pseudo, key).toContain(placeholder);
    }
  });
});
