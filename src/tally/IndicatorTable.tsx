// The report's tables: real <table>s with a caption, header cells with their scope and translated labels,
// so a screen reader announces "Girl, 12–14 years, 3". One breakdown gives a list with the change against last
// month per row; two breakdowns cross (rows × columns) with totals both ways and the change per row total
// (a change in every crossed cell would make the table unreadable on a phone). Each table sits in a
// focusable, labelled `.table-wrap` that scrolls sideways by itself at 320 px, so the page never does.
import type { ComponentChildren, Ref } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, t } from '../i18n/i18n';
import { codeLabel, disaggregationKeyLabel } from './labels';
import { type Count, change, type OneWay, type TwoWay } from './report-model';
import { reportPrefs } from './report-prefs';

/** A mark as printed, in the language's digits: `<5`, `<၅`; `x` stays. */
export const markText = (mark: string) =>
  mark.startsWith('<') ? `<${formatNumber(Number(mark.slice(1)))}` : mark;

/** A count as the person's own screen shows it: the true number. */
export const countText = (c: Count) => formatNumber(c.n);

/** What a shared copy shows of `c`: its mark when small numbers are hidden for sharing; else null (the number). */
export const sharedText = (c: Count) => (reportPrefs.value.shareHidden && c.mark ? markText(c.mark) : null);

/**
 * A value with its shared form: on screen the true value, marked; on paper (print.css) the shared form,
 * written by CSS from `data-shared`, so every way of printing (the button, Ctrl+P, a PDF) prints the shared
 * copy and the true number never reaches paper.
 */
export function Dual({
  own,
  shared,
  tag = 'span',
  class: cls = '',
}: {
  own: string;
  shared: string | null;
  tag?: 'span' | 'td';
  class?: string;
}) {
  const Tag = tag;
  if (shared === null || shared === own) return <Tag class={cls || undefined}>{own}</Tag>;
  return (
    <Tag class={`${cls} would-hide`.trim()} data-shared={shared}>
      <span class="own">
        {own}
        <span class="visually-hidden"> {t('report.wouldHide')}</span>
      </span>
    </Tag>
  );
}

/** "+3 since February 2026", "−2 since …", "No change since …". */
export function changeText(now: Count, before: Count, previousMonthName: string, shared = false): string {
  const delta = change(now, before, shared && reportPrefs.value.shareHidden);
  if (delta === null) return t('report.changeHidden', { month: previousMonthName });
  if (delta === 0) return t('report.noChange', { month: previousMonthName });
  return t('report.changeSince', {
    change: formatNumber(delta, { signDisplay: 'exceptZero' }),
    month: previousMonthName,
  });
}

/** The short form in a table cell: "+3", "−2", "0", or "hidden" (a shared copy). */
export function deltaText(now: Count, before: Count, shared = false): string {
  const delta = change(now, before, shared && reportPrefs.value.shareHidden);
  return delta === null ? t('report.hidden') : formatNumber(delta, { signDisplay: 'exceptZero' });
}

/** A change, on screen and on paper. */
export function Delta({ now, before, tag = 'span' }: { now: Count; before: Count; tag?: 'span' | 'td' }) {
  return (
    <Dual
      tag={tag}
      class={tag === 'td' ? 'num' : ''}
      own={deltaText(now, before)}
      shared={deltaText(now, before, true)}
    />
  );
}

/** A count, on screen and on paper. */
export function Num({ c, tag = 'td', class: cls }: { c: Count; tag?: 'span' | 'td'; class?: string }) {
  return (
    <Dual tag={tag} class={cls ?? (tag === 'td' ? 'num' : '')} own={countText(c)} shared={sharedText(c)} />
  );
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
 * A table's box: its caption above, never cut; the table scrolls sideways inside the box by itself at 320 px
 * (the page never does), and when it does, a visible cue says so and the box's edge is shaded. The box takes
 * focus so a keyboard can scroll it, and is named by the caption. A group, not a fieldset: no form controls.
 */
export function TableWrap({
  id,
  caption,
  children,
}: {
  id: string;
  caption: string;
  children: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    check();
    return () => observer.disconnect();
  }, []);
  return (
    <div class="table-box">
      <p class="table-caption" id={`${id}-c`}>
        {caption}
      </p>
      {scrolls && (
        <p class="scroll-cue no-print" id={`${id}-cue`}>
          {t('report.scrollCue')} <span aria-hidden="true">→</span>
        </p>
      )}
      <ScrollBox id={id} cue={scrolls} box={box}>
        {children}
      </ScrollBox>
    </div>
  );
}

/** The focusable, named region a keyboard scrolls. */
function ScrollBox(props: {
  id: string;
  cue: boolean;
  box: Ref<HTMLDivElement>;
  children: ComponentChildren;
}) {
  const { id, cue, box, children } = props;
  const named = { 'aria-labelledby': `${id}-c`, 'aria-describedby': cue ? `${id}-cue` : undefined };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this is a named scroll box
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
    <div ref={box} class={cue ? 'table-wrap scrolls' : 'table-wrap'} role="group" {...named} tabIndex={0}>
      {children}
    </div>
  );
}

export function OneWayTable({ id, model, indicator, caption, previousMonthName }: TableProps<OneWay>) {
  const change = t('report.changeColumn', { month: previousMonthName });
  return (
    <TableWrap id={id} caption={caption}>
      <table class="report-table" aria-labelledby={`${id}-c`}>
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
              <Delta tag="td" now={r.n} before={r.previous} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('report.total')}</th>
            <Num c={model.total} />
            <Delta tag="td" now={model.total} before={model.previous} />
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

/** Columns per table: more are split into tables of this many that repeat the row labels (A4, phones). */
export const COLUMNS_PER_TABLE = 5;

/**
 * A crossed table. When it has more columns than fit (COLUMNS_PER_TABLE), it is split into several tables of
 * column groups, each repeating the row labels; the last one carries the totals and the change.
 */
export function TwoWayTable({ id, model, indicator, caption, previousMonthName }: TableProps<TwoWay>) {
  const groups: number[][] = [];
  for (let j = 0; j < model.cols.length; j += COLUMNS_PER_TABLE) {
    groups.push(model.cols.slice(j, j + COLUMNS_PER_TABLE).map((_, k) => j + k));
  }
  if (groups.length === 0) groups.push([]);
  return (
    <>
      {groups.map((cols, g) => {
        const last = g === groups.length - 1;
        const part = groups.length > 1 ? `${id}-${g + 1}` : id;
        const title =
          groups.length > 1 ? t('report.tablePart', { caption, part: g + 1, parts: groups.length }) : caption;
        return (
          <TableWrap key={part} id={part} caption={title}>
            <table class="report-table" aria-labelledby={`${part}-c`}>
              <thead>
                <tr>
                  <th scope="col">{disaggregationKeyLabel(model.rowKey)}</th>
                  {cols.map((j) => (
                    <th key={model.cols[j]} scope="col" class="num">
                      {codeLabel(model.colKey, model.cols[j]!, indicator)}
                    </th>
                  ))}
                  {last && (
                    <>
                      <th scope="col" class="num">
                        {t('report.total')}
                      </th>
                      <th scope="col" class="num">
                        {t('report.changeColumn', { month: previousMonthName })}
                      </th>
                    </>
                  )}
                </tr>
              </thead>
              <tbody>
                {model.rows.map((r, i) => (
                  <tr key={r}>
                    <th scope="row">{codeLabel(model.rowKey, r, indicator)}</th>
                    {cols.map((j) => (
                      <Num key={model.cols[j]} c={model.cells[i]![j]!} />
                    ))}
                    {last && (
                      <>
                        <Num c={model.rowTotals[i]!} />
                        <Delta tag="td" now={model.rowTotals[i]!} before={model.previousRowTotals[i]!} />
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('report.total')}</th>
                  {cols.map((j) => (
                    <Num key={model.cols[j]} c={model.colTotals[j]!} />
                  ))}
                  {last && (
                    <>
                      <Num c={model.total} />
                      <Delta tag="td" now={model.total} before={model.previous} />
                    </>
                  )}
                </tr>
              </tfoot>
            </table>
          </TableWrap>
        );
      })}
    </>
  );
}
