// The published tables of a shared output (SPEC §7: a shared file never drops a breakdown the catalog has):
// every indicator as its tables, each row saying what it is, so one spreadsheet filter gives the right sum.
// Pure. The shared CSV (export/csv.ts) is this, row for row; the printed shared copy (report-model.ts) hides
// exactly the cells this hides.
import { indicatorDef, tableOf } from './catalog';
import {
  DEFAULTS,
  type SuppressedValue,
  type SuppressOptions,
  suppressDataValues,
  suppressTable,
} from './suppress';
import type { DataValue } from './tally';

const sum = (values: readonly { value: number }[]) => values.reduce((n, v) => n + v.value, 0);

/**
 * What a row of a published table is, so one spreadsheet filter gives the right sum:
 * - `cell`: a cell of the indicator's one finest table; per indicator the cells add up to its total, each
 *   child (inspection, activity, …) counted once;
 * - `total`: the indicator's total (its only row when it has no breakdown);
 * - `margin`: a row or column total of a crossed table;
 * - `breakdown`: a cell of one of the indicator's other breakdowns, as its own list (adds up to the total).
 */
export type RowKind = 'cell' | 'total' | 'margin' | 'breakdown';

export interface PublishedRow {
  period: string;
  orgUnit: string;
  indicator: DataValue['indicator'];
  /** The breakdowns of the table the row belongs to, in catalog order (empty for the total). */
  table: readonly string[];
  row: RowKind;
  disaggregation: Record<string, string>;
  /** null when hidden; `display` then holds its mark. */
  value: number | null;
  display: string;
}

/** Above this share of hidden cells a crossed table tells nothing: its breakdowns are published one by one. */
export const MOSTLY_HIDDEN = 0.5;

const sumBy = (values: readonly DataValue[], keys: readonly string[]) => {
  const out = new Map<string, { d: Record<string, string>; n: number }>();
  for (const v of values) {
    const d = Object.fromEntries(keys.map((k) => [k, v.disaggregation[k] ?? '']));
    const key = keys.map((k) => d[k]).join('\u0001');
    const cell = out.get(key) ?? { d, n: 0 };
    cell.n += v.value;
    out.set(key, cell);
  }
  return [...out.values()];
};

/**
 * Every indicator's tables for a shared output, per (period, orgUnit). Raw (`suppress` false, or an
 * indicator that counts no children): the full cross of its breakdowns as `cell` rows, its `total`, and each
 * breakdown as its own list. Suppressed (children-counting indicators): the catalog's table (`tableOf`, two
 * breakdowns at most) protected with its margins, and every other breakdown as its own protected list; when
 * the crossed table would be mostly hidden, its two breakdowns are published as lists instead. The lists share
 * only the total with the crossed table, so each is protected on its own; when the total is hidden, every list
 * hides at least two entries, or its entries would add up to it.
 */
export function publishTables(
  values: readonly DataValue[],
  options: { suppress: boolean } & SuppressOptions,
): PublishedRow[] {
  const o = { ...DEFAULTS, ...options };
  const groups = new Map<string, DataValue[]>();
  for (const v of values) {
    const key = `${v.period}\u0001${v.orgUnit}\u0001${v.indicator}`;
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  const shown = options.suppress ? suppressDataValues(values, o) : [];
  const hiddenOf = new Map<string, SuppressedValue[]>();
  for (const c of shown) {
    const key = `${c.period}\u0001${c.orgUnit}\u0001${c.indicator}`;
    hiddenOf.set(key, [...(hiddenOf.get(key) ?? []), c]);
  }
  const out: PublishedRow[] = [];
  for (const [key, group] of groups) {
    const def = indicatorDef(group[0]!.indicator);
    if (!def) continue;
    const { period, orgUnit, indicator } = group[0]!;
    const row = (
      table: readonly string[],
      kind: RowKind,
      d: Record<string, string>,
      n: number | null,
      display?: string,
    ) =>
      out.push({
        period,
        orgUnit,
        indicator,
        table,
        row: kind,
        disaggregation: d,
        value: n,
        display: display ?? String(n),
      });
    const total = sum(group);
    if (!options.suppress || !def.countsChildren) {
      row([], 'total', {}, total);
      if (def.by.length === 0) continue;
      for (const c of sumBy(group, def.by)) if (c.n > 0) row(def.by, 'cell', c.d, c.n);
      if (def.by.length > 1) {
        for (const k of def.by)
          for (const c of sumBy(group, [k])) if (c.n > 0) row([k], 'breakdown', c.d, c.n);
      }
      continue;
    }
    const main = tableOf(def);
    const cells = hiddenOf.get(key) ?? [];
    const totalCell = cells.find((c) => Object.keys(c.disaggregation).length === 0);
    const totalHidden = !!totalCell && totalCell.value === null;
    row([], 'total', {}, totalHidden ? null : total, totalCell?.display ?? String(total));
    if (main.length === 0) continue;
    const interior = cells.filter((c) => !c.margin);
    const mostlyHidden =
      main.length === 2 && interior.filter((c) => c.value === null).length > interior.length * MOSTLY_HIDDEN;
    const lists = def.by.filter((k) => mostlyHidden || !main.includes(k));
    if (!mostlyHidden) {
      for (const c of cells) {
        const keys = Object.keys(c.disaggregation);
        if (keys.length === 0) continue;
        row(main, keys.length === main.length ? 'cell' : 'margin', c.disaggregation, c.value, c.display);
      }
    }
    lists.forEach((k, i) => {
      const list = suppressTable(group, [k], o).filter((c) => !c.margin && (c.value ?? 1) > 0);
      if (totalHidden && list.filter((c) => c.suppressed).length < Math.min(2, list.length)) {
        for (const c of list) {
          c.value = null;
          c.display = c.suppressed === 'primary' ? o.primaryDisplay : o.complementaryDisplay;
          c.suppressed ??= 'complementary';
        }
      }
      // With no crossed table, the first list is the indicator's table of cells.
      const kind: RowKind = mostlyHidden && i === 0 ? 'cell' : 'breakdown';
      for (const c of list) row([k], kind, c.disaggregation, c.value, c.display);
    });
  }
  return out;
}
