#!/usr/bin/env node
// A git merge driver for locales/<lang>/translation.json: a three-way merge by key, not by line, so two
// branches that each add strings never conflict because their keys sort next to each other.
// Registered per clone (git does not carry drivers): `npm run setup:git`; .gitattributes names it.
// Usage (by git): node scripts/json-merge.mjs %O %A %B  — base, ours (written back), theirs.
// Exits 1, keeping ours, when one key was changed to two different values.
import { readFileSync, writeFileSync } from 'node:fs';

const [basePath, oursPath, theirsPath] = process.argv.slice(2);
const read = (p) => {
  try {
    return JSON.parse(readFileSync(p, 'utf8'));
  } catch {
    return {};
  }
};
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const conflicts = [];

function merge3(base, ours, theirs, path) {
  const out = { ...ours };
  for (const k of new Set([...Object.keys(base ?? {}), ...Object.keys(theirs ?? {})])) {
    const b = base?.[k];
    const t = theirs?.[k];
    const o = ours?.[k];
    if (same(b, t)) continue; // theirs did not touch it
    if (same(b, o) || (o === undefined && b === undefined)) {
      if (t === undefined) delete out[k];
      else out[k] = t;
    } else if (isObj(o) && isObj(t)) out[k] = merge3(isObj(b) ? b : {}, o, t, `${path}${k}.`);
    else if (!same(o, t)) conflicts.push(`${path}${k}`);
  }
  return out;
}
const sorted = (v) =>
  isObj(v)
    ? Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sorted(v[k])]),
      )
    : v;

const result = merge3(read(basePath), read(oursPath), read(theirsPath), '');
writeFileSync(oursPath, `${JSON.stringify(sorted(result), null, 2)}\n`);
if (conflicts.length) {
  console.error(`translation keys changed on both sides (kept ours): ${conflicts.join(', ')}`);
  process.exit(1);
}
