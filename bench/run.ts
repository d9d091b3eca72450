// `npm run bench` (after `vite build`): every benchmark of SPEC §11, one table against the budgets, and
// bench/out/results.json for the record. Each module exports
//   default async function (): Promise<Array<{ what, value, unit, budget, ok }>>
// and runs in turn; one that fails prints its error and the others still run. The exit code is 1 when a
// module failed or a figure missed its budget.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_PATH } from '../test/helpers/browser';
import type { BenchRow } from './size';

/** In this order; the last two are optional (written by others, or later). */
const MODULES = [
  { file: 'size.ts', required: true },
  { file: 'lighthouse.ts', required: true },
  { file: 'server.ts', required: false },
  { file: 'db.ts', required: false },
];

const here = import.meta.dirname;

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .split('\n')
      .at(-1)!;
  } catch {
    return `not found at ${CHROMIUM_PATH}`;
  }
}

function table(rows: BenchRow[]): string {
  const cells = rows.map((r) => [
    r.what,
    `${r.value.toLocaleString('en')} ${r.unit}`,
    r.budget,
    r.ok ? 'ok' : 'MISSED',
  ]);
  const head = ['what', 'measured', 'budget', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((s, i) => s.padEnd(widths[i]!)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

const rows: Array<BenchRow & { module: string }> = [];
const failures: Array<{ module: string; error: string }> = [];

for (const { file, required } of MODULES) {
  const path = join(here, file);
  if (!existsSync(path)) {
    if (required) failures.push({ module: file, error: 'missing' });
    else console.log(`(bench/${file} does not exist yet: skipped)`);
    continue;
  }
  const started = Date.now();
  console.log(`\n▶ bench/${file}`);
  try {
    const mod = (await import(pathToFileURL(path).href)) as { default: () => Promise<BenchRow[]> };
    const got = await mod.default();
    for (const row of got) rows.push({ ...row, module: file });
    console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`✗ bench/${file} failed:`, err);
    failures.push({ module: file, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

console.log(`\n${table(rows)}`);
for (const f of failures) console.log(`✗ bench/${f.module} failed: ${f.error.split('\n')[0]}`);

const out = join(here, 'out');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'results.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length, chromium: chromiumVersion() },
      results: rows,
      failures,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nWritten to ${join(out, 'results.json')}`);
process.exitCode = failures.length > 0 || rows.some((r) => !r.ok) ? 1 : 0;
