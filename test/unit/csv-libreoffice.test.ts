// The shared CSV as a person opens it (SPEC §7; issue 12's "Done when"): the file the Reports screen exports
// (export/downloads.ts `csvText`, every breakdown published by tally/publish.ts) for a realistic month, in
// Khmer and in Myanmar, with small numbers hidden and not, opened by LibreOffice Calc. What Calc read is
// checked cell by cell: the Khmer and Myanmar text is intact (the BOM is not a stray character and UTF-8 is
// not mojibake), a location named like a formula stays text, every count is a number Calc can add, and
// filtering `row` = `cell` for an indicator adds up to its total (README, "The CSV export").
//
// Calc is driven headless (`soffice --convert-to fods`: the flat XML spreadsheet it would save), with the
// Text Import dialog's choices a person makes for this file: comma, double quote, the character set left as
// Calc proposes it, and "Evaluate formulas" ticked, the riskiest setting. A control file shows the check can fail: the same cell
// without the export's neutralising apostrophe becomes a live formula. Needs LibreOffice
// (`apt-get install libreoffice-calc-nogui`; `.ci/run` installs it).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../../src/export/csv';
import { csvText } from '../../src/export/downloads';
import { setLanguage, t } from '../../src/i18n/i18n';
import type { Language } from '../../src/i18n/languages';
import { shownTree } from '../../src/locations/locations';
import { nameOf, reloadLocations, resetToDefaultList, saveCustomList } from '../../src/locations/repo';
import { INDICATORS, indicatorDef } from '../../src/tally/catalog';
import { tally } from '../../src/tally/tally';
import { goldenInput, HOME } from '../helpers/golden';

const SOFFICE = '/usr/bin/soffice';
const MONTH = '2026-02';
// A deployment's own list may name a place anything; the export must keep such a name from running.
const FORMULA_NAME = '=HYPERLINK("https://example.org/","ကမ္ဘောဒီးယား")';

interface Cell {
  type: string;
  value?: string;
  formula?: string;
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(Number(e[1] === 'x' ? `0${e.slice(1)}` : e.slice(1))) : entities[e]!,
  );
const attr = (tag: string, name: string) => tag.match(new RegExp(`${name}="([^"]*)"`))?.[1];

/** The first sheet of a flat ODF spreadsheet, as rows of cells (repeated cells expanded, text decoded). */
function readFods(xml: string): Cell[][] {
  const table = xml.slice(xml.indexOf('<table:table '), xml.indexOf('</table:table>'));
  return [...table.matchAll(/<table:table-row\b[^>]*>([\s\S]*?)<\/table:table-row>/g)].map(([, row]) => {
    const cells: Cell[] = [];
    for (const [, tag, body] of row!.matchAll(
      /(<table:(?:covered-)?table-cell\b[^>]*?)(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g,
    )) {
      const paragraphs = [...(body ?? '').matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)].map(([, p]) =>
        decode(
          p!
            .replace(/<text:s text:c="(\d+)"\/>/g, (_, n: string) => ' '.repeat(Number(n)))
            .replace(/<text:s\/>/g, ' ')
            .replace(/<[^>]+>/g, ''),
        ),
      );
      const cell: Cell = {
        type: attr(tag!, 'office:value-type') ?? 'empty',
        value: attr(tag!, 'office:value'),
        formula: attr(tag!, 'table:formula'),
        text: paragraphs.join('\n'),
      };
      const repeat = Number(attr(tag!, 'table:number-columns-repeated') ?? 1);
      for (let i = 0; i < Math.min(repeat, 20); i++) cells.push(cell);
    }
    return cells;
  });
}

/** Opens each CSV in Calc as described above and returns what Calc read, by file name. */
function openInCalc(dir: string, files: string[]): Map<string, Cell[][]> {
  const out = join(dir, 'calc');
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      // Comma, double quote, the character set as Calc proposes it, from line 1, standard columns, default
      // language, quoted fields not forced to text, no special numbers, (export-only tokens), and
      // Evaluate formulas ticked.
      '--infilter=CSV:44,34,,1,,0,false,false,false,false,false,-1,true',
      '--convert-to',
      'fods',
      '--outdir',
      out,
      ...files.map((f) => join(dir, f)),
    ],
    { stdio: 'pipe', timeout: 90_000 },
  );
  return new Map(
    files.map((f) => [f, readFods(readFileSync(join(out, f.replace(/\.csv$/, '.fods')), 'utf8'))]),
  );
}

const input = goldenInput();
const totals = (values: ReturnType<typeof tally>) => {
  const out = new Map<string, number>();
  for (const v of values) out.set(v.indicator, (out.get(v.indicator) ?? 0) + v.value);
  return out;
};

interface Export {
  lang: Language;
  suppress: boolean;
  file: string;
  csv: string;
  totals: Map<string, number>;
  area: string;
}

const exports: Export[] = [];
let calc: Map<string, Cell[][]>;
let dir: string;

beforeAll(async () => {
  if (spawnSync(SOFFICE, ['--version']).status !== 0)
    throw new Error(
      `${SOFFICE} is missing: apt-get install libreoffice-calc-nogui (bash .ci/run installs it)`,
    );
  dir = mkdtempSync(join(tmpdir(), 'pelita-calc-'));
  // Khmer on the default list (the place names in Khmer); Myanmar on a deployment's own list with one place
  // named like a formula. Cambodia's February, the whole country as the Reports screen totals it.
  const setups: { lang: Language; list?: Parameters<typeof saveCustomList>[0]; area: string }[] = [
    { lang: 'km', area: HOME },
    {
      lang: 'my',
      area: HOME,
      list: [
        { code: HOME, name: FORMULA_NAME, parent: null },
        ...['KH-12', 'KH-2', 'KH-23'].map((code) => ({ code, name: `+${code}`, parent: HOME })),
      ],
    },
  ];
  for (const { lang, list, area } of setups) {
    if (list) await saveCustomList(list, 'own.csv');
    else await resetToDefaultList();
    await reloadLocations();
    await setLanguage(lang);
    // Place names follow the language once its names file is in (locations/names.ts).
    await vi.waitFor(() => expect(nameOf(area)).toBe(list ? FORMULA_NAME : 'កម្ពុជា'));
    // As the Reports screen builds its area (tally/Report.tsx `areaOf`).
    const tree = shownTree.value!;
    const codes = new Set([area, ...tree.descendantsOf(area).map((l) => l.code)]);
    const values = tally(input, MONTH, { within: (o) => codes.has(o), orgUnit: area, homeCountry: HOME });
    for (const suppress of [false, true]) {
      const csv = await csvText(values, { suppress, name: (code) => tree.nameOf(code) });
      const file = `pelita-${lang}-${suppress ? 'shared' : 'own'}.csv`;
      writeFileSync(join(dir, file), csv);
      exports.push({ lang, suppress, file, csv, totals: totals(values), area });
    }
  }
  await resetToDefaultList();
  await setLanguage('en');
  // The control: the Myanmar file as a naive export would write it, without the neutralising apostrophes.
  writeFileSync(join(dir, 'naive.csv'), exports[2]!.csv.replaceAll(`"'=`, '"=').replaceAll(",'+", ',+'));
  calc = openInCalc(dir, [...exports.map((e) => e.file), 'naive.csv']);
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const NUMBER = /^\d+$/;

describe('the shared CSV opened in LibreOffice Calc', () => {
  it('the check can fail: without the apostrophe the same cell is a live formula', () => {
    const sheet = calc.get('naive.csv')!;
    expect(sheet[1]![2]!.formula).toMatch(/HYPERLINK/);
  });

  for (const i of [0, 1, 2, 3]) {
    const name = () => `${exports[i]!.lang}, small numbers ${exports[i]!.suppress ? 'hidden' : 'shown'}`;
    it(`${i < 2 ? 'km' : 'my'} ${i % 2 ? 'shared' : 'own'}: every cell reads as written, no formula, counts as numbers`, () => {
      const e = exports[i]!;
      const csv = parseCsv(e.csv);
      const sheet = calc.get(e.file)!;
      expect(sheet.length, name()).toBe(csv.length);
      expect(csv.length).toBeGreaterThan(100);
      // The header's first cell is "period", not a BOM and "period".
      expect(sheet[0]![0]!.text).toBe('period');
      for (const [r, row] of csv.entries()) {
        for (const [c, text] of row.entries()) {
          const cell = sheet[r]![c]!;
          expect(cell.formula, `${name()} row ${r + 1} col ${c + 1}`).toBeUndefined();
          if (r > 0 && NUMBER.test(text)) {
            expect(cell.type, `${name()} row ${r + 1} col ${c + 1}: ${text}`).toBe('float');
            expect(Number(cell.value)).toBe(Number(text));
          } else {
            expect(cell.type === 'string' || (cell.type === 'empty' && text === '')).toBe(true);
            expect(cell.text, `${name()} row ${r + 1} col ${c + 1}`).toBe(text);
          }
        }
      }
    });

    it(`${i < 2 ? 'km' : 'my'} ${i % 2 ? 'shared' : 'own'}: its language's text is intact, and row = cell sums to each total`, async () => {
      const e = exports[i]!;
      const sheet = calc.get(e.file)!;
      const head = sheet[0]!.map((c) => c.text);
      const col = (row: Cell[], key: string) => row[head.indexOf(key)]!;
      const rows = sheet.slice(1);
      await setLanguage(e.lang);
      try {
        // Khmer or Myanmar labels, exactly as the app's translation has them.
        const label = t('indicators.CHILDREN_IDENTIFIED.label');
        expect(label).toMatch(e.lang === 'km' ? /[\u1780-\u17FF]/ : /[\u1000-\u109F]/);
        expect(rows.filter((r) => col(r, 'indicatorLabel').text === label).length).toBeGreaterThan(5);
        expect(
          rows.some((r) => /[\u1780-\u17FF\u1000-\u109F]/.test(col(r, 'disaggregationLabel').text)),
        ).toBe(true);
      } finally {
        await setLanguage('en');
      }
      // The place: in Khmer script, or the formula-like name of the deployment's list, as text.
      const place = col(rows[0]!, 'orgUnitName');
      expect(place.text).toBe(e.lang === 'km' ? 'កម្ពុជា' : `'${FORMULA_NAME}`);
      expect(place.type).toBe('string');

      const never = new Set<string>(INDICATORS.filter((d) => !d.countsChildren).map((d) => d.code));
      let checked = 0;
      for (const [code, total] of e.totals) {
        const def = indicatorDef(code)!;
        const own = rows.filter((r) => col(r, 'indicator').text === code);
        const values = (kind: string) =>
          own.filter((r) => col(r, 'row').text === kind).map((r) => col(r, 'value'));
        const totalCell = values('total');
        expect(totalCell, code).toHaveLength(1);
        if (never.has(code) || !e.suppress) expect(totalCell[0]!.type, code).toBe('float');
        if (totalCell[0]!.type === 'float') expect(Number(totalCell[0]!.value), code).toBe(total);
        if (def.by.length === 0) continue;
        // The one filter: row = cell, then the sum of value.
        const cells = values('cell');
        const numbers = cells.filter((c) => c.type === 'float');
        const sum = numbers.reduce((n, c) => n + Number(c.value), 0);
        if (numbers.length === cells.length) {
          expect(sum, `${name()}: ${code}, row = cell`).toBe(total);
          checked++;
        } else {
          // Hidden cells (`<5`, `x`) are text: Calc's sum leaves them out and falls short, never over.
          expect(e.suppress && !never.has(code), code).toBe(true);
          expect(
            cells.filter((c) => c.type !== 'float').every((c) => c.text === '<5' || c.text === 'x'),
          ).toBe(true);
          expect(sum, code).toBeLessThan(total);
        }
        // Inspections, activities, trainings: never hidden, whatever the setting.
        if (never.has(code))
          expect(
            own.every((r) => col(r, 'value').type === 'float'),
            code,
          ).toBe(true);
      }
      expect(checked).toBeGreaterThan(e.suppress ? 3 : 10);
    });
  }
});
