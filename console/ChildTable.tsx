// One row per child location of the place shown, one column per indicator: where the numbers come from.
// With small numbers hidden, each indicator's column is protected as a list (the app's suppression), so a
// hidden count cannot be worked out from the location's total.

import { formatNumber } from '../src/i18n/i18n';
import { INDICATORS } from '../src/tally/catalog';
import { TableWrap } from '../src/tally/IndicatorTable';
import type { IndicatorCode } from '../src/tally/indicators';
import { suppressTable } from '../src/tally/suppress';
import { t } from './i18n';

export interface ChildRow {
  orgUnit: string;
  name: string;
  totals: Partial<Record<IndicatorCode, number>>;
}

function shown(rows: readonly ChildRow[], hideSmall: boolean) {
  const out = new Map<string, string>();
  for (const def of INDICATORS) {
    const values = rows.map((r) => ({
      disaggregation: { orgUnit: r.orgUnit },
      value: r.totals[def.code] ?? 0,
    }));
    const cells = hideSmall ? suppressTable(values, ['orgUnit']) : null;
    rows.forEach((r, i) => {
      const c = cells?.[i];
      const n = r.totals[def.code] ?? 0;
      out.set(`${r.orgUnit}|${def.code}`, c && c.value === null ? c.display : formatNumber(n));
    });
  }
  return out;
}

export function ChildTable({
  rows,
  caption,
  hideSmall,
}: {
  rows: readonly ChildRow[];
  caption: string;
  hideSmall: boolean;
}) {
  if (rows.length === 0) return null;
  const text = shown(rows, hideSmall);
  return (
    <TableWrap id="children" caption={caption}>
      <table class="report-table child-table" aria-labelledby="children-c">
        <thead>
          <tr>
            <th scope="col">{t('console.tallies.childLocation')}</th>
            {INDICATORS.map((d) => (
              <th key={d.code} scope="col" class="num">
                {t(d.labelKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.orgUnit}>
              <th scope="row">{r.name}</th>
              {INDICATORS.map((d) => (
                <td key={d.code} class="num">
                  {text.get(`${r.orgUnit}|${d.code}`)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
