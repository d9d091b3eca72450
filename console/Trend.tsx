// Twelve months of one indicator for the place shown, as the app's bar chart (one bar per month). With small
// numbers hidden, a month's count of 1–4 shows only its mark, as in the app's report.
import { useState } from 'preact/hooks';
import { formatMonthShort } from '../src/i18n/i18n';
import { BarChart } from '../src/tally/BarChart';
import { INDICATORS } from '../src/tally/catalog';
import type { IndicatorCode } from '../src/tally/indicators';
import type { Count } from '../src/tally/report-model';
import { t } from './i18n';

export interface TrendMonth {
  period: string;
  totals: Partial<Record<IndicatorCode, number>>;
}

/** The true count, marked as a shared copy would hide it (on paper the bar chart draws only the mark). */
const count = (n: number, hideSmall: boolean): Count =>
  hideSmall && n > 0 && n < 5 ? { n, mark: '<5' } : { n };

export function Trend({
  months,
  place,
  hideSmall,
}: {
  months: readonly TrendMonth[];
  place: string;
  hideSmall: boolean;
}) {
  const withData = INDICATORS.find((d) => months.some((m) => (m.totals[d.code] ?? 0) > 0));
  const [chosen, setChosen] = useState<IndicatorCode | null>(null);
  const code = chosen ?? withData?.code ?? INDICATORS[0]!.code;
  const def = INDICATORS.find((d) => d.code === code)!;
  return (
    <section class="trend" aria-labelledby="trend-h">
      <h2 id="trend-h">{t('console.tallies.trend')}</h2>
      <div class="field no-print">
        <label for="trend-indicator">{t('console.tallies.trendIndicator')}</label>
        <select
          id="trend-indicator"
          value={code}
          onChange={(e) => setChosen(e.currentTarget.value as IndicatorCode)}
        >
          {INDICATORS.map((d) => (
            <option key={d.code} value={d.code}>
              {t(d.labelKey)}
            </option>
          ))}
        </select>
      </div>
      <BarChart
        id="trend-chart"
        caption={t('console.tallies.trendCaption', { indicator: t(def.labelKey), place })}
        bars={months.map((m) => ({
          key: m.period,
          label: formatMonthShort(m.period),
          n: count(m.totals[code] ?? 0, hideSmall),
        }))}
      />
    </section>
  );
}
