// The report's tables: real <table>s with a caption, header cells with their scope and translated labels,
// so a screen reader announces "Girl, 12–14 years, 3". One breakdown gives a list with the change against last
// month per row; two breakdowns cross (rows × columns) with totals both ways and the change per row total
// (a change in every crossed cell would make the table unreadable on a phone). Each table sits in a
// focusable, labelled `.table-wrap` that scrolls sideways by itself at 320 px, so the page never does.
import type { ComponentChildren } from 'preact';
import { formatNumber, t } from '../i18n/i18n';
import { codeLabel, disaggregationKeyLabel } from './labels';
import { type Count, change, type OneWay, type TwoWay } from './report-model';

/** A count as printed: the number, or the mark of a hidden one (`<5`, `x`). */
export const countText = (c: Count) => (c.n === null ? c.mark : formatNumber(c.n));

/** "+3 since February 2026", "−2 since …", "No change since …", or that it is hidden with a small number. */
export function changeText(now: Count, before: Count, previousMonthName: string): string {
  const delta = change(now, before);
  if (delta === null) return t('report.changeHidden', { month: previousMonthName });
  if (delta === 0) return t('report.noChange', { month: previousMonthName });
  return t('report.changeSince', {
    change: formatNumber(delta, { signDisplay: 'exceptZero' }),
    month: previousMonthName,
  });
}

/** The short form in a table cell: "+3", "−2", "0", or "hidden". */
export function deltaText(now: Count, before: Count): string {
  const delta = change(now, before);
  return delta === null ? t('report.hidden') : formatNumber(delta, { signDisplay: 'exceptZero' });
}

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

/** A count's cell; a hidden one is marked so print and screen can set it apart. */
function Num({ c }: { c: Count }) {
  return <td class={c.n === null ? 'num hidden-count' : 'num'}>{countText(c)}</td>;
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
              <Num c={r.n} />
              <td class="num">{deltaText(r.n, r.previous)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('report.total')}</th>
            <Num c={model.total} />
            <td class="num">{deltaText(model.total, model.previous)}</td>
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
                <Num key={model.cols[j]} c={n} />
              ))}
              <Num c={model.rowTotals[i]!} />
              <td class="num">{deltaText(model.rowTotals[i]!, model.previousRowTotals[i]!)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('report.total')}</th>
            {model.colTotals.map((n, j) => (
              <Num key={model.cols[j]} c={n} />
            ))}
            <Num c={model.total} />
            <td class="num">{deltaText(model.total, model.previous)}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
