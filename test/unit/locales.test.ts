// Every language has exactly the keys English has, no more, no fewer, and no empty string; and every
// translation key used in the source exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../src/i18n/languages';

const root = join(import.meta.dirname, '../../locales');
const load = (lang: string) => JSON.parse(readFileSync(join(root, lang, 'translation.json'), 'utf8'));

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object')
      for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

const en = flatten(load('en'));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('has a folder for each of the ten languages and no other', () => {
    const dirs = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(dirs).toEqual([...LANGUAGE_CODES].sort());
  });

  for (const lang of LANGUAGE_CODES.filter((l) => l !== 'en')) {
    it(`${lang} has every English key and no extra one, each with the same placeholders`, () => {
      const other = flatten(load(lang));
      const missing = [...en.keys()].filter((k) => !other.has(k));
      const extra = [...other.keys()].filter((k) => !en.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      for (const [k, v] of other) {
        expect(typeof v === 'string' && v.trim().length > 0, `${lang}: ${k} is empty`).toBe(true);
        expect(placeholders(v as string), `${lang}: ${k} placeholders`).toEqual(
          placeholders(en.get(k) as string),
        );
      }
    });
  }

  it('every key written as t("...") in the source exists in English', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(entry.name)) {
          const src = readFileSync(p, 'utf8');
          for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
          for (const m of src.matchAll(/'(errors\.[a-zA-Z]+)'/g)) used.add(m[1]!);
        }
      }
    };
    walk(join(import.meta.dirname, '../../src'));
    const missing = [...used].filter((k) => !en.has(k) && ![...en.keys()].some((e) => e.startsWith(`${k}.`)));
    expect(missing).toEqual([]);
  });
});
