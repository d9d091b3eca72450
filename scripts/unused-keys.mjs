#!/usr/bin/env node
// Lists the translation keys of locales/en/translation.json and console.json that no code uses any more, so
// a string nobody can see is not kept (and translated) in ten languages. Usage: node scripts/unused-keys.mjs
// (exit 1 and a list when there are some; `--remove` deletes them from every language). The code is every
// .ts/.tsx file under src/, console/ and server/ (the console and the server's CSV read the app's strings
// too); tests do not count. A key is used when the code holds it as a string (`'report.title'`), as the base
// of a plural (`sync.pending` for `sync.pending_one`), when a template literal matches it
// (`indicators.${code}.label` matches every `indicators.*.label`), when a string ending in a dot is its
// prefix (`'codes.' + list`), or when another translation nests it (`$t(codes.sexes.female)`). So it errs on
// the side of "used": it may miss a dead key built from a template, never flag a live one the code spells out.
// test/unit/unused-keys.test.ts runs it in `npm test`.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every leaf key of a nested translation object, dotted. */
export function leafKeys(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? leafKeys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

// Blocks the code reads whole, as an object, rather than key by key.
const WHOLE = [
  'format.', // src/i18n/i18n.ts: `getResourceBundle(lang, 'translation').format`, for src/lib/locale-format.ts
];

const PLURAL = /_(zero|one|two|few|many|other)$/;
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The string literals of a source text, and its template literals as patterns (`indicators.${…}.label` as
 * ['indicators.', '.label']), read with TypeScript's parser so regular expressions and comments cannot
 * confuse it.
 */
export function literals(source, fileName = 'x.tsx') {
  const strings = [];
  const templates = [];
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) strings.push(node.text);
    else if (ts.isTemplateExpression(node))
      templates.push([node.head.text, ...node.templateSpans.map((span) => span.literal.text)]);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { strings, templates };
}

/** A template literal's parts as a regular expression over keys: each `${…}` stands for any text. */
export const templatePattern = (parts) => new RegExp(`^${parts.map(escapeRe).join('.+')}$`);

/** The keys of `keys` that `sources` (texts of code) and `translations` (nested `$t(…)`) never use. */
export function unusedKeys(keys, sources, translations = []) {
  const strings = new Set();
  const prefixes = [...WHOLE];
  const patterns = [];
  for (const source of sources) {
    const found = literals(source);
    for (const s of found.strings) {
      strings.add(s);
      if (s.endsWith('.') && !s.startsWith('.')) prefixes.push(s);
    }
    for (const t of found.templates) {
      // Only a template whose own text has a dot and a letter can be a key (not `${n} km`, `${a}${b}`).
      const text = t.join('');
      if (!text.includes('.') || !/[A-Za-z]/.test(text)) continue;
      patterns.push(templatePattern(t));
    }
  }
  for (const text of translations) for (const m of text.matchAll(/\$t\(([^,)]+)/g)) strings.add(m[1].trim());
  return keys.filter((key) => {
    const base = key.replace(PLURAL, '');
    if (strings.has(key) || strings.has(base)) return false;
    if (prefixes.some((p) => key.startsWith(p))) return false;
    return !patterns.some((re) => re.test(key) || re.test(base));
  });
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [path] : [];
  });
}

/** The unused keys of the app's strings (translation.json) and of the console's (console.json, `console.*`). */
export function findUnused() {
  const read = (file) => JSON.parse(readFileSync(join(root, 'locales/en', file), 'utf8'));
  const app = read('translation.json');
  const console = { console: read('console.json') };
  const sources = ['src', 'console', 'server'].flatMap((d) => sourceFiles(join(root, d)));
  const texts = sources.map((f) => readFileSync(f, 'utf8'));
  const values = (obj) =>
    leafKeys(obj)
      .map((k) => k.split('.').reduce((o, p) => o[p], obj))
      .filter((v) => typeof v === 'string');
  const keys = [
    ...leafKeys(app).map((k) => `translation.json ${k}`),
    ...leafKeys(console).map((k) => `console.json ${k}`),
  ];
  const unused = new Set(
    unusedKeys([...leafKeys(app), ...leafKeys(console)], texts, [...values(app), ...values(console)]),
  );
  return keys.filter((k) => unused.has(k.split(' ')[1]));
}

/** Deletes `keys` (as `findUnused` gives them) from every language's file, under i18n-merge's lock. */
export function removeKeys(keys) {
  const lock = join(root, 'locales', '.lock');
  mkdirSync(lock); // fails while scripts/i18n-merge.mjs is merging: run again after
  try {
    for (const lang of readdirSync(join(root, 'locales'))) {
      for (const file of ['translation.json', 'console.json']) {
        const path = join(root, 'locales', lang, file);
        if (!existsSync(path)) continue;
        const strings = JSON.parse(readFileSync(path, 'utf8'));
        for (const entry of keys.filter((k) => k.startsWith(`${file} `))) {
          const parts = entry.slice(file.length + 1).split('.');
          if (file === 'console.json') parts.shift();
          const trail = [strings];
          for (const part of parts.slice(0, -1)) trail.push(trail.at(-1)?.[part]);
          if (!trail.at(-1)) continue;
          delete trail.at(-1)[parts.at(-1)];
          // Drop the objects the deletion left empty.
          for (let i = trail.length - 1; i > 0; i--)
            if (Object.keys(trail[i]).length === 0) delete trail[i - 1][parts[i - 1]];
        }
        writeFileSync(path, `${JSON.stringify(strings, null, 2)}\n`);
      }
    }
  } finally {
    rmdirSync(lock);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const unused = findUnused();
  if (unused.length && process.argv.includes('--remove')) {
    removeKeys(unused);
    console.log(`removed from every language:\n${unused.join('\n')}`);
  } else if (unused.length) {
    console.log(
      `${unused.length} translation keys no code uses (--remove deletes them):\n${unused.join('\n')}`,
    );
    process.exit(1);
  } else console.log('every translation key is used');
}
