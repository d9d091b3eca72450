// The monthly tally as CSV (SPEC §7), long format: one row per period × orgUnit × indicator × breakdown. Pure:
// labels come from a callback (the app passes `t`), so this runs without i18next in tests and on a server.
//
// - UTF-8 with a byte order mark: Excel otherwise reads Khmer, Lao, Myanmar and Thai as mojibake.
// - CRLF line ends and RFC 4180 quoting: what spreadsheet programs expect.
// - Formula injection: a cell starting with = + - @ (or tab or CR) gets a leading apostrophe, so a
//   location named "=HYPERLINK(…)" stays text when the file is opened.
// - Column names are fixed codes, not translated: they are what a script or the server reads back.
// - Layout (README "The CSV export"): each indicator is published as tables (tally/publish.ts
//   `publishTables`); `table` names a row's breakdowns and `row` says what it is (`cell`, `total`, `margin`,
//   `breakdown`), so filtering `row` = `cell` and adding up `value` counts each child once per indicator.
import { keyFromData, type TKey } from '../i18n/keys';
import { disaggregationLabelKey, indicatorOrder, valueLabelKey } from '../tally/catalog';

export const CSV_COLUMNS = [
  'period',
  'orgUnit',
  'orgUnitName',
  'indicator',
  'indicatorLabel',
  'table',
  'row',
  'disaggregation',
  'disaggregationLabel',
  'value',
] as const;

/** A DataValue, or a cell of a suppressed table (`value` null and `display` `<5`). */
export interface CsvValue {
  period: string;
  orgUnit: string;
  indicator: string;
  disaggregation: Record<string, string>;
  value: number | null;
  display?: string;
  /** The breakdowns of the table the row belongs to; default: the row's own keys (a plain DataValue). */
  table?: readonly string[];
  /** What the row is (tally/publish.ts `RowKind`); default `cell`. */
  row?: 'cell' | 'total' | 'margin' | 'breakdown';
}

const ROW_ORDER = { total: 0, cell: 1, margin: 2, breakdown: 3 } as const;

export interface CsvLabels {
  /** Translates a key such as `indicators.CHILDREN_IDENTIFIED.label` or `codes.childSexes.female`. */
  label: (key: TKey) => string;
  /** The name of a location code; the code itself when not given. */
  orgUnitName?: (code: string) => string;
}

const BOM = '\uFEFF';
const EOL = '\r\n';

/** `ageBand=12-14;sex=female`: keys sorted, so the same breakdown is always the same text. */
export function disaggregationCode(d: Record<string, string>): string {
  return Object.keys(d)
    .sort()
    .map((k) => `${k}=${d[k]}`)
    .join(';');
}

/** `Age band: 12–14 years; Sex: Girl`, in the order of `disaggregationCode`; a total reads "Total". */
export function disaggregationLabel(
  d: Record<string, string>,
  label: (key: TKey) => string,
  indicator?: string,
): string {
  const keys = Object.keys(d).sort();
  if (keys.length === 0) return label('disaggregations.total');
  return keys
    .map((k) => `${label(disaggregationLabelKey(k))}: ${label(valueLabelKey(k, d[k]!, indicator))}`)
    .join('; ');
}

/** Neutralises spreadsheet formulas, then quotes per RFC 4180 when needed. */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(values: readonly CsvValue[], labels: CsvLabels): string {
  const { label, orgUnitName = (code: string) => code } = labels;
  const rows = values
    .map((v) => {
      const table = (v.table ?? Object.keys(v.disaggregation)).join('×');
      return { v, d: disaggregationCode(v.disaggregation), table, row: v.row ?? 'cell' };
    })
    .sort(
      (a, b) =>
        a.v.period.localeCompare(b.v.period, 'en') ||
        a.v.orgUnit.localeCompare(b.v.orgUnit, 'en') ||
        indicatorOrder(a.v.indicator) - indicatorOrder(b.v.indicator) ||
        ROW_ORDER[a.row] - ROW_ORDER[b.row] ||
        (a.table < b.table ? -1 : a.table > b.table ? 1 : 0) ||
        (a.d < b.d ? -1 : a.d > b.d ? 1 : 0),
    )
    .map(({ v, d, table, row }) =>
      [
        v.period,
        v.orgUnit,
        orgUnitName(v.orgUnit),
        v.indicator,
        label(keyFromData(`indicators.${v.indicator}.label`)),
        table,
        row,
        d,
        disaggregationLabel(v.disaggregation, label, v.indicator),
        v.display ?? String(v.value ?? ''),
      ]
        .map(csvCell)
        .join(','),
    );
  return BOM + [CSV_COLUMNS.join(','), ...rows].map((line) => line + EOL).join('');
}

/** RFC 4180 parser (BOM, quotes, CRLF or LF); for tests and for reading an export back. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
