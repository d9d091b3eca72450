#!/usr/bin/env node
// The import fence of the device app (docs/architecture.md, "Layers on the device"): a module may import its
// own layer and the layers below it, never one above. Static imports, re-exports, `import type` and lazy
// `import()` all count: a lazy import that runs up is still a loop in the design, and a type is a dependency.
// Run by `npm test` (`npm run lint:layers`); `--list` prints every import that runs up, `--count` only counts.
//
// A file's layer is that of the longest entry of LAYERS matching its path under src/. `*` stands for any
// record type's folder: a folder with a kind.ts (a record type's descriptor, src/records/README.md), so a new
// record type needs no line here. Imports inside one top-level folder are that folder's own business, except
// for the files that sit lower than their folder (the descriptors): they may import their own folder only
// lazily (`import()`) or for types, so whatever loads a descriptor loads nothing else of the folder.
// Keep LAYERS and the table in docs/architecture.md the same.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** From the bottom: a module may import from its own row and the rows before it. */
export const LAYERS = [
  ['leaf helpers', ['lib', 'i18n']],
  ['storage', ['db']],
  ['record kinds', ['records/contract.ts', 'records/registry.ts', '*/kind.ts']],
  ['UI primitives', ['ui']],
  ['write pipeline', ['records', 'privacy', 'locations', 'settings']],
  ['form and list kit', ['ui/form', 'ui/RecordList.tsx', 'ui/ListFilters.tsx']],
  ['record types', ['*']],
  ['outputs', ['tally', 'export', 'sync']],
  ['shell', ['app', 'setup', 'sw', 'main.tsx']],
];

/**
 * Known upward imports, each with its reason. The check fails on any other, and on one of these that is
 * gone (so the list only shrinks). Format: `from-file -> imported-file`.
 */
export const KNOWN = new Map([
  [
    'records/repo-core.ts -> tally/repo.ts',
    'the write pipeline keeps the stored tallies in the same transaction as the record (lazy, on the first write)',
  ],
]);

/** The entries of LAYERS for the tree at `dir`, with `*` spelled out as its record types' folders. */
function entriesOf(dir) {
  const recordFolders = readdirSync(dir).filter(
    (d) => statSync(join(dir, d)).isDirectory() && existsSync(join(dir, d, 'kind.ts')),
  );
  return LAYERS.flatMap(([name, list], rank) =>
    list.flatMap((e) => {
      if (e === '*') return recordFolders.map((d) => ({ e: d, rank, name }));
      if (e.startsWith('*/')) return recordFolders.map((d) => ({ e: `${d}/${e.slice(2)}`, rank, name }));
      return [{ e, rank, name }];
    }),
  );
}

/** The LAYERS entry a path under src/ belongs to (longest match), or undefined. */
function entryOf(entries, rel) {
  let best;
  for (const x of entries) {
    if ((rel === x.e || rel.startsWith(`${x.e}/`)) && (!best || x.e.length > best.e.length)) best = x;
  }
  return best;
}

/** The file an import names: `x` may be `x.ts`, `x.tsx`, `x/index.ts` or a file with its extension. */
function fileOf(dir, target) {
  for (const t of [`${target}.ts`, `${target}.tsx`, `${target}/index.ts`, target]) {
    if (existsSync(join(dir, t)) && statSync(join(dir, t)).isFile()) return t;
  }
  return target;
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

// `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, `import.meta.glob('x')`.
const SPEC =
  /\b(?:(import|export)\s+(type\s+)?(?:[\w*{}\s,]*?\s*from\s*)?|(import)\s*\(\s*|import\.meta\.glob[^(]*\(\s*\[?\s*)['"]([^'"]+)['"]/g;

/** Every import of the tree at `dir` that runs up, as `{ file, target, spec, from, to }`. */
export function upwardImports(dir = src) {
  const entries = entriesOf(dir);
  const found = [];
  for (const file of files(dir)) {
    const rel = relative(dir, file).split('\\').join('/');
    const from = entryOf(entries, rel);
    if (from === undefined) continue;
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
    for (const m of text.matchAll(SPEC)) {
      const spec = m[4];
      if (!spec.startsWith('.')) continue;
      const typeOnly = !!m[2];
      const lazy = !!m[3];
      const target = fileOf(
        dir,
        relative(dir, resolve(dirname(file), spec))
          .split('\\')
          .join('/'),
      );
      const to = entryOf(entries, target);
      if (to === undefined || to.rank <= from.rank) continue;
      const sameFolder = target.split('/')[0] === rel.split('/')[0];
      // Inside one folder: only a file placed lower than its folder is held to its layer, and then only for
      // what it loads at once.
      if (sameFolder && (from.e === rel.split('/')[0] || lazy || typeOnly)) continue;
      found.push({ file: rel, target, spec, from: from.name, to: to.name });
    }
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const up = upwardImports();
  const unknown = up.filter((u) => !KNOWN.has(`${u.file} -> ${u.target}`));
  const seen = new Set(up.map((u) => `${u.file} -> ${u.target}`));
  const gone = [...KNOWN.keys()].filter((k) => !seen.has(k));
  if (process.argv.includes('--count')) {
    console.log(`${up.length} upward import(s), ${up.length - unknown.length} of them known.`);
    process.exit(0);
  }
  if (process.argv.includes('--list')) {
    for (const u of up) console.log(`src/${u.file}: '${u.spec}' (${u.from} → ${u.to})`);
  }
  for (const u of unknown) console.error(`src/${u.file} imports '${u.spec}': ${u.from} → ${u.to}, upwards.`);
  for (const k of gone)
    console.error(`${k} no longer runs up: take it off KNOWN in scripts/check-layers.mjs.`);
  if (unknown.length > 0 || gone.length > 0) {
    console.error(
      '\nLower layers never import higher ones: see docs/architecture.md, "Layers on the device".',
    );
    process.exit(1);
  }
  console.log(`Layers: no import runs up but the ${KNOWN.size} known (scripts/check-layers.mjs, KNOWN).`);
}
