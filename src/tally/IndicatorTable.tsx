// The report's tables: real <table>s with a caption, header cells with their scope and translated labels,
// so a screen reader announces "Girl, 12–14 years, 3". One breakdown gives a list with the change against last
// month per row; two breakdowns cross (rows × columns) with totals both ways and the change per row total
// (a change in every crossed cell would make the table unreadable on a phone). Each table sits in a
// focusable, labelled `.table-wrap` that scrolls sideways by itself at 320 px, so the page never does.
import type { ComponentChildren } from 'preact';
import { formatNumber, t } from '../i18n/i18n';
import { codeLabel, disaggregationKeyLabel } from './labels';
import type { OneWay, TwoWay } from './report-model';

/** "+3 since February 2026", "−2 since …" or "No change since …". */
export function changeText(now: number, before: number, previousMonthName: string): string {
  const delta = now - before;
  if (delta === 0) return t('report.noChange', { month: previousMonthName });
  return t('report.changeSince', {
    change: formatNumber(delta, { signDisplay: 'exceptZero' }),
    month: previousMonthName,
  });
}

/** The short form in a table cell: "+3", "−2", "0". */
const delta = (now: number, before: number) => formatNumber(now - before, { signDisplay: 'exceptZero' });

/** "Children identified, by Sex and Age band". */
export function tableCaption(indicatorLabel: string, keys: readonly string[]): string {
  const names = keys.map(disaggregationKeyLabel);
  const breakdown = names.length === 2 ? t('report.and', { a: names[0], b: names[1] }) : (names[0] ?? '');
  return t('report.tableCaption', { indicator: indicatorLabel, breakdown });
}

interface TableProps<M> {
  id: string;
  model: M;
  indicator: string;
  caption: string;
  previousMonthName: string;
}

/**
 * A table's box: it scrolls sideways by itself at 320 px (the page never does), takes focus so a keyboard can
 * scroll it, and is named by the caption it holds. A group, not a fieldset: it holds no form controls.
 */
export function TableWrap({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this is a named scroll box
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
    <div class="table-wrap" role="group" aria-labelledby={`${id}-c`} tabIndex={0}>
      {children}
    </div>
  );
}

export function OneWayTable({ id, model, indicator, caption, previousMonthName }: TableProps<OneWay>) {
  const change = t('report.changeColumn', { month: previousMonthName });
  return (
    <TableWrap id={id}>
      <table class="report-table">
        <caption id={`${id}-c`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{disaggregationKeyLabel(model.key)}</th>
            <th scope="col" class="num">
              {t('report.number')}
            </th>
            <th scope="col" class="num">
              {change}
            </th>
          </tr>
        </thead>
        <tbody>
          {model.rows.map((r) => (
            <tr key={r.value}>
              <th scope="row">{codeLabel(model.key, r.value, indicator)}</th>
              <td class="num">{formatNumber(r.n)}</td>
              <td class="num">{delta(r.n, r.previous)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('report.total')}</th>
            <td class="num">{formatNumber(model.total)}</td>
            <td class="num">{delta(model.total, model.previous)}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

export function TwoWayTable({ id, model, indicator, caption, previousMonthName }: TableProps<TwoWay>) {
  return (
    <TableWrap id={id}>
      <table class="report-table">
        <caption id={`${id}-c`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{disaggregationKeyLabel(model.rowKey)}</th>
            {model.cols.map((c) => (
              <th key={c} scope="col" class="num">
                {codeLabel(model.colKey, c, indicator)}
              </th>
            ))}
            <th scope="col" class="num">
              {t('report.total')}
            </th>
            <th scope="col" class="num">
              {t('report.changeColumn', { month: previousMonthName })}
            </th>
          </tr>
        </thead>
        <tbody>
          {model.rows.map((r, i) => (
            <tr key={r}>
              <th scope="row">{codeLabel(model.rowKey, r, indicator)}</th>
              {model.cells[i]!.map((n, j) => (
                <td key={model.cols[j]} class="num">
                  {formatNumber(n)}
                </td>
              ))}
              <td class="num">{formatNumber(model.rowTotals[i]!)}</td>
              <td class="num">{delta(model.rowTotals[i]!, model.previousRowTotals[i]!)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('report.total')}</th>
            {model.colTotals.map((n, j) => (
              <td key={model.cols[j]} class="num">
                {formatNumber(n)}
              </td>
            ))}
            <td class="num">{formatNumber(model.total)}</td>
            <td class="num">{delta(model.total, model.previous)}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
