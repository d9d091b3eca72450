// One computed indicator on the report: its name, what it counts, the Annex 2 indicator it serves, its total
// with the change against last month, a bar chart of its main breakdown, and its tables.
import { t } from '../i18n/i18n';
import { BarChart } from './BarChart';
import { changeText, Dual, Num, OneWayTable, TwoWayTable, tableCaption } from './IndicatorTable';
import { codeLabel } from './labels';
import type { IndicatorModel } from './report-model';

interface Props {
  model: IndicatorModel;
  previousMonthName: string;
}

/** The bars: the main table's rows (for a crossed table, its row totals). */
function barsOf(m: IndicatorModel) {
  const main = m.main;
  if (!main) return null;
  if (main.kind === 'one') {
    return {
      key: main.key,
      bars: main.rows.map((r) => ({
        key: r.value,
        label: codeLabel(main.key, r.value, m.def.code),
        n: r.n,
      })),
    };
  }
  return {
    key: main.rowKey,
    bars: main.rows.map((r, i) => ({
      key: r,
      label: codeLabel(main.rowKey, r, m.def.code),
      n: main.rowTotals[i]!,
    })),
  };
}

export function IndicatorSection({ model, previousMonthName }: Props) {
  const { def, total, previous, main, others } = model;
  const id = `ind-${def.code}`;
  const label = t(def.labelKey);
  const chart = barsOf(model);
  const table = { indicator: def.code, previousMonthName };
  const [before = '', after = ''] = t('report.totalIs', { n: '\u0000' }).split('\u0000');
  return (
    <section class="report-indicator" id={id}>
      <h2 id={`${id}-h`}>{label}</h2>
      <p class="hint">{t(def.descriptionKey)}</p>
      <p class="annex2">
        <strong>{t('report.annex2')}</strong> {t(def.annex2)}
      </p>
      <p class="report-total">
        <strong>
          {/* The number goes where the language puts it ("Total: 3", "សរុប៖ 3 នាក់"). */}
          {before}
          <Num tag="span" c={total} />
          {after}
        </strong>{' '}
        <Dual
          class="change"
          own={changeText(total, previous, previousMonthName)}
          shared={changeText(total, previous, previousMonthName, true)}
        />
      </p>
      {total.n === 0 && previous.n === 0 ? (
        <p class="hint">{t('report.nothing')}</p>
      ) : (
        <>
          {chart && total.n !== 0 && (
            <BarChart
              id={`${id}-chart`}
              caption={t('report.chartCaption', { table: tableCaption(label, [chart.key]) })}
              bars={chart.bars}
            />
          )}
          {main?.kind === 'two' && (
            <TwoWayTable
              id={`${id}-main`}
              model={main}
              caption={tableCaption(label, [main.rowKey, main.colKey])}
              {...table}
            />
          )}
          {main?.kind === 'one' && (
            <OneWayTable
              id={`${id}-main`}
              model={main}
              caption={tableCaption(label, [main.key])}
              {...table}
            />
          )}
          {others.map((o) => (
            <OneWayTable
              key={o.key}
              id={`${id}-${o.key}`}
              model={o}
              caption={tableCaption(label, [o.key])}
              {...table}
            />
          ))}
        </>
      )}
    </section>
  );
}
