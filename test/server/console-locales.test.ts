// The console's strings (locales/<lang>/console.json, apart from the app's so the phones' precached strings
// do not grow): every language has exactly English's keys with the same placeholders, translated (not English
// copies), and every key the console's source asks for exists, in console.json or in the app's strings.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../src/i18n/languages';

const root = join(import.meta.dirname, '../..');
const load = (lang: string, file: string) =>
  JSON.parse(readFileSync(join(root, 'locales', lang, file), 'utf8')) as Record<string, unknown>;

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const e of flatten(v as Record<string, unknown>, key)) out.set(...e);
    else out.set(key, v as string);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const en = flatten(load('en', 'console.json'));

describe('console strings', () => {
  for (const lang of LANGUAGE_CODES.filter((l) => l !== 'en')) {
    it(`${lang}: every key, the same placeholders, translated`, () => {
      const other = flatten(load(lang, 'console.json'));
      expect({
        missing: [...en.keys()].filter((k) => !other.has(k)),
        extra: [...other.keys()].filter((k) => !en.has(k)),
      }).toEqual({ missing: [], extra: [] });
      for (const [k, v] of other) {
        expect(v.trim().length > 0, `${lang}: ${k} is empty`).toBe(true);
        expect(placeholders(v), `${lang}: ${k}`).toEqual(placeholders(en.get(k)!));
      }
      // Names such as "CSV" or "{{n}}%" may read the same; whole sentences may not.
      const same = [...other].filter(([k, v]) => v === en.get(k) && v.split(' ').length > 2);
      expect(same).toEqual([]);
    });
  }

  it('every key the console asks for exists in English', () => {
    const app = flatten(load('en', 'translation.json'));
    const used = new Set<string>();
    for (const dir of ['console', 'server/console']) {
      for (const f of readdirSync(join(root, dir))) {
        if (!/\.tsx?$/.test(f)) continue;
        const src = readFileSync(join(root, dir, f), 'utf8');
        for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
        for (const m of src.matchAll(/(?:label=|')(console\.[a-zA-Z0-9_.]+[a-zA-Z0-9])['"]/g))
          used.add(m[1]!);
      }
    }
    const missing = [...used].filter((k) =>
      k.startsWith('console.') ? !en.has(k.slice('console.'.length)) : !app.has(k),
    );
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(80);
  });
});
