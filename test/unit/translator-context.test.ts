// The notes for translators (docs/translations.md) name keys of the English catalog; a note whose key was
// renamed or removed would tell translators about a string that no longer exists, so each one is checked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en/translation.json';

const doc = readFileSync(new URL('../../docs/translations.md', import.meta.url), 'utf8');

/** The backticked keys in the first column of the context tables (`a.b`, `a.*`, `a.b` / `c`). */
function notedKeys(): string[] {
  const keys: string[] = [];
  for (const line of doc.split('\n')) {
    const first = line.startsWith('| `') ? line.split('|')[1] : undefined;
    if (!first) continue;
    for (const [, key] of first.matchAll(/`([^`]+)`/g)) if (key?.includes('.')) keys.push(key);
  }
  return keys;
}

function exists(key: string): boolean {
  // `indicators.*.label`: some child of `indicators` has `label`; `codes.sexes.*`: `codes.sexes` has children.
  const walk = (node: unknown, parts: string[]): boolean => {
    if (parts.length === 0) return node !== undefined;
    if (!node || typeof node !== 'object') return false;
    const [head, ...rest] = parts;
    if (head === '*') return Object.values(node).some((child) => walk(child, rest));
    return walk((node as Record<string, unknown>)[head as string], rest);
  };
  return walk(en, key.split('.'));
}

describe('notes for translators', () => {
  it('has notes, and every key a note names is in the English catalog', () => {
    const keys = notedKeys();
    expect(keys.length).toBeGreaterThan(25);
    expect(keys.filter((k) => !exists(k))).toEqual([]);
  });

  it('would catch a note on a key that does not exist', () => {
    expect(exists('codes.sexes.*')).toBe(true);
    expect(exists('indicators.*.label')).toBe(true);
    expect(exists('cases.noSuchString')).toBe(false);
  });
});
