#!/usr/bin/env node
// Merges translations into locales/<lang>/translation.json, safely while several people (or helpers) edit.
// Usage: node scripts/i18n-merge.mjs strings.json
//   strings.json: { "en": { "inspections": { "title": "Inspections" } }, "id": { ... }, ... }
// Keys are merged deeply, existing keys are overwritten, and every file is written with sorted keys.
import { mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'locales', '.lock');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
function withLock(fn) {
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 200) throw new Error(`locales are locked (remove ${lock} if nobody is merging)`);
      sleep(50);
    }
  }
  try {
    return fn();
  } finally {
    rmdirSync(lock);
  }
}

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function merge(into, from) {
  for (const [k, v] of Object.entries(from)) {
    if (isObj(v)) into[k] = merge(isObj(into[k]) ? into[k] : {}, v);
    else into[k] = v;
  }
  return into;
}
function sorted(v) {
  if (!isObj(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sorted(v[k])]),
  );
}

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
withLock(() => {
  for (const [lang, strings] of Object.entries(input)) {
    const file = join(root, 'locales', lang, 'translation.json');
    let current = {};
    try {
      current = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      mkdirSync(dirname(file), { recursive: true });
    }
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(sorted(merge(current, strings)), null, 2)}\n`);
    renameSync(tmp, file);
  }
});
console.log(`merged ${Object.keys(input).join(', ')}`);
