// The home dashboard: open cases, overdue follow-ups, and the main indicators this month against last month
// with their 12-month trend, from the stored tallies (summary-repo.ts). The person's own screen: true numbers.
// Plain HTML and CSS (no chart library); each trend is an image named by its numbers, for screen readers.
import { useEffect, useState } from 'preact/hooks';
import { formatMonth, formatMonthShort, formatNumber, t } from '../i18n/i18n';
import { today } from '../lib/dates';
import { Link } from '../ui/Link';
import { useLiveQuery } from '../ui/useLiveQuery';
import { countMissing, lastMonths, MAIN_INDICATORS, readSummary } from './summary-repo';
import './dashboard.css';

function Trend({ label, months, values }: { label: string; months: string[]; values: number[] }) {
  const max = Math.max(1, ...values);
  const words = months.map((m, i) => `${formatMonthShort(m)}: ${formatNumber(values[i]!)}`).join(', ');
  return (
    <span class="spark" role="img" aria-label={t('home.dash.trendOf', { indicator: label, values: words })}>
      {values.map((n, i) => (
        <span key={months[i]} style={{ height: `${Math.max(n > 0 ? 8 : 2, (n / max) * 100)}%` }} />
      ))}
    </span>
  );
}

export function Dashboard() {
  const now = today();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    countMissing(lastMonths(now.slice(0, 7))).then(
      () => setReady(true),
      () => setReady(true),
    );
  }, [now]);
  const summary = useLiveQuery(() => (ready ? readSummary(now) : Promise.resolve(null)), [ready, now]);
  if (!summary) return <p aria-busy="true">{t('common.loading')}</p>;
  const { months } = summary;
  const [thisMonth, lastMonth] = [months[11]!, months[10]!];
  return (
    <section class="dashboard" aria-labelledby="dash-h">
      <h2 id="dash-h">{t('home.dash.title')}</h2>
      <dl class="dash-facts">
        <div>
          <dt>{t('home.dash.openCases')}</dt>
          <dd>{formatNumber(summary.openCases)}</dd>
        </div>
        <div>
          <dt>{t('home.dash.overdue')}</dt>
          <dd>{formatNumber(summary.overdue)}</dd>
        </div>
      </dl>
      <p class="table-caption" id="dash-c">
        {t('home.dash.caption', { month: formatMonth(thisMonth), previous: formatMonth(lastMonth) })}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard */}
      <section class="table-wrap" aria-labelledby="dash-c" tabIndex={0}>
        <table aria-labelledby="dash-c">
          <thead>
            <tr>
              <th scope="col">{t('report.indicator')}</th>
              <th scope="col" class="num">
                {formatMonthShort(thisMonth)}
              </th>
              <th scope="col" class="num">
                {formatMonthShort(lastMonth)}
              </th>
              <th scope="col" class="num">
                {t('home.dash.change')}
              </th>
              <th scope="col">{t('home.dash.trend')}</th>
            </tr>
          </thead>
          <tbody>
            {MAIN_INDICATORS.map((code) => {
              const values = summary.totals[code];
              const label = t(`indicators.${code}.label`);
              const delta = values[11]! - values[10]!;
              return (
                <tr key={code}>
                  <th scope="row">{label}</th>
                  <td class="num">{formatNumber(values[11]!)}</td>
                  <td class="num">{formatNumber(values[10]!)}</td>
                  <td class="num">{formatNumber(delta, { signDisplay: 'exceptZero' })}</td>
                  <td>
                    <Trend label={label} months={months} values={values} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <p>
        <Link href="/reports">{t('home.dash.report')}</Link>
      </p>
    </section>
  );
}
