// The CSV export: what a person opening it in a spreadsheet sees, and that it reads back to the same data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, disaggregationCode, parseCsv, toCsv } from '../../src/export/csv';
import { suppressDataValues } from '../../src/tally/suppress';
import type { DataValue } from '../../src/tally/tally';
import { tallyByOrgUnit } from '../../src/tally/tally';
import { goldenInput } from '../helpers/golden';

const load = (lang: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lang}/translation.json`), 'utf8'));
/** A tiny `t`: looks a dotted key up in a locale file; a missing key comes back as itself (as i18next does). */
const labelIn = (lang: string) => {
  const strings = load(lang);
  return (key: string) => {
    const v = key
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], strings);
    return typeof v === 'string' ? v : key;
  };
};

const values: DataValue[] = [
  {
    indicator: 'CHILDREN_REFERRED',
    disaggregation: { sex: 'female', ageBand: '12-14', nationalityGroup: 'national' },
    orgUnit: 'KH-12',
    period: '2026-02',
    value: 7,
  },
  { indicator: 'CASES_REPORTED_ONLINE', disaggregation: {}, orgUnit: 'KH-12', period: '2026-02', value: 12 },
  {
    indicator: 'PEOPLE_TRAINED',
    disaggregation: { sex: 'female', agency: 'police' },
    orgUnit: 'KH-2',
    period: '2026-02',
    value: 9,
  },
];

describe('toCsv', () => {
  const csv = toCsv(values, {
    label: labelIn('en'),
    orgUnitName: (c) => ({ 'KH-12': 'Phnom Penh', 'KH-2': 'Battambang' })[c] ?? c,
  });

  it('starts with a UTF-8 BOM, ends lines with CRLF, and names the columns', () => {
    expect(csv.startsWith('\uFEFFperiod,orgUnit,orgUnitName,indicator,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(values.length + 2);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(parseCsv(csv)[0]).toEqual([...CSV_COLUMNS]);
  });

  it('reads back to the same values, one row per period × orgUnit × indicator × breakdown', () => {
    const [, ...rows] = parseCsv(csv);
    expect(rows).toEqual([
      [
        '2026-02',
        'KH-12',
        'Phnom Penh',
        'CHILDREN_REFERRED',
        'Children referred to services',
        'sex×ageBand×nationalityGroup',
        'cell',
        'ageBand=12-14;nationalityGroup=national;sex=female',
        'Age band: 12–14 years; Nationality: National; Sex: Girl',
        '7',
      ],
      [
        '2026-02',
        'KH-12',
        'Phnom Penh',
        'CASES_REPORTED_ONLINE',
        'Cases reported online',
        '',
        'cell',
        '',
        'Total',
        '12',
      ],
      [
        '2026-02',
        'KH-2',
        'Battambang',
        'PEOPLE_TRAINED',
        'People trained',
        'sex×agency',
        'cell',
        'agency=police;sex=female',
        'Agency: Police; Sex: Female',
        '9',
      ],
    ]);
  });

  it('round-trips a whole month of the golden tally', () => {
    const all = [...tallyByOrgUnit(goldenInput(), '2026-02', { homeCountry: 'KH' }).values()].flat();
    const [, ...rows] = parseCsv(toCsv(all, { label: labelIn('en') }));
    const back = rows.map((r) => `${r[0]}|${r[1]}|${r[3]}|${r[7]}|${r[9]}`).sort();
    const want = all.map(
      (v) => `${v.period}|${v.orgUnit}|${v.indicator}|${disaggregationCode(v.disaggregation)}|${v.value}`,
    );
    expect(back).toEqual(want.sort());
  });

  it('writes labels in the chosen language, Khmer included', () => {
    const km = toCsv(values, { label: labelIn('km') });
    const [, first] = parseCsv(km);
    expect(first?.[4]).toBe(load('km').indicators.CHILDREN_REFERRED.label);
    expect(first?.[8]).toContain(load('km').codes.childSexes.female);
  });

  it('shows suppressed cells as <5', () => {
    const small: DataValue[] = [
      {
        indicator: 'ACTIVITIES',
        disaggregation: { kind: 'campaign_activity' },
        orgUnit: 'KH-12',
        period: '2026-02',
        value: 2,
      },
      {
        indicator: 'ACTIVITIES',
        disaggregation: { kind: 'study_research' },
        orgUnit: 'KH-12',
        period: '2026-02',
        value: 6,
      },
    ];
    const rows = parseCsv(toCsv(suppressDataValues(small), { label: labelIn('en') })).slice(1);
    expect(rows.map((r) => [r[7], r[9]])).toEqual([
      ['', '8'],
      ['kind=campaign_activity', '<5'],
      ['kind=study_research', 'x'],
    ]);
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['\rCR', `"'\rCR"`],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['He said "hi"', '"He said ""hi"""'],
    ['ភ្នំពេញ', 'ភ្នំពេញ'],
    ['<5', '<5'],
  ])('%j → %j', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
    expect(parseCsv(cell)[0]?.[0]).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
  });

  it('neutralises a location name that is a formula, in a whole export', () => {
    const csv = toCsv(values.slice(1, 2), { label: labelIn('en'), orgUnitName: () => '=1+2' });
    expect(parseCsv(csv)[1]?.[2]).toBe("'=1+2");
  });
});
