// The district's (or province's, or country's) month: every indicator of the catalog with its breakdowns,
// summed over every device and every location below, the change on the period before, one row per child
// location, a 12-month trend; printable on A4 and downloadable as CSV by the app's rules. The tables and
// charts are the app's own report components, fed with the server's sums.
import { useMemo } from 'preact/hooks';
import { formatDate, formatMonth, formatNumber, language } from '../src/i18n/i18n';
import { IndicatorSection } from '../src/tally/IndicatorSection';
import { ReportSummary } from '../src/tally/ReportSummary';
import { buildReport } from '../src/tally/report-model';
import { reportPrefs } from '../src/tally/report-prefs';
import type { DataValue } from '../src/tally/tally';
import { api, query } from './api';
import { type ChildRow, ChildTable } from './ChildTable';
import { LocationSelect, MonthInput } from './Controls';
import { errorText } from './errors';
import { t } from './i18n';
import { selection, tree } from './state';
import { Trend, type TrendMonth } from './Trend';
import { useFetch } from './useFetch';

interface TallyAnswer {
  devices: number;
  current: DataValue[];
  previous: DataValue[];
  children: ChildRow[];
}

function shift(period: string, n: number) {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
const span = (from: string, to: string) => {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
};
export const periodName = (from: string, to: string) =>
  from === to ? formatMonth(from) : t('console.range', { from: formatMonth(from), to: formatMonth(to) });

export function Tallies() {
  const { orgUnit, from, to } = selection.value;
  // The app's one switch for shared outputs (print, CSV); the console keeps it for the page's life only.
  const hideSmall = reportPrefs.value.shareHidden;
  const setHideSmall = (v: boolean) => {
    reportPrefs.value = { ...reportPrefs.value, shareHidden: v };
  };
  const key = orgUnit ? query({ orgUnit, from, to }) : null;
  const tallies = useFetch<TallyAnswer & { at: Date }>(key, async () => ({
    ...(await api<TallyAnswer>(`tallies?${key}`)),
    at: new Date(),
  }));
  const trend = useFetch(orgUnit ? query({ orgUnit, period: to }) : null, () =>
    api<{ months: TrendMonth[] }>(`trend?${query({ orgUnit, period: to })}`),
  );
  const data = tallies.data;
  const models = useMemo(() => data && buildReport(data.current, data.previous), [data]);
  const place = tree.value?.nameOf(orgUnit) ?? orgUnit;
  const n = span(from, to);
  const previousName = periodName(shift(from, -n), shift(to, -n));
  const csvHref = `/console/api/tallies.csv?${query({
    orgUnit,
    from,
    to,
    lang: language.value,
    suppress: String(hideSmall),
  })}`;

  return (
    <section class="report">
      <h1>{t('console.tallies.title')}</h1>
      <div class="print-header print-only">
        <p class="print-title">{t('report.printTitle', { place, month: periodName(from, to) })}</p>
        <dl class="facts">
          <dt>{t('report.location')}</dt>
          <dd>{tree.value?.pathOf(orgUnit) ?? orgUnit}</dd>
          <dt>{t('report.generated')}</dt>
          <dd>{data ? formatDate(data.at, { dateStyle: 'long', timeStyle: 'short' }) : '—'}</dd>
          <dt>{t('report.smallNumbers')}</dt>
          <dd>{t(hideSmall ? 'report.smallHidden' : 'report.smallShown')}</dd>
        </dl>
      </div>
      <search class="report-controls no-print">
        <div class="console-controls">
          <LocationSelect id="tallies-location" />
          <MonthInput id="tallies-from" label="console.from" which="from" />
          <MonthInput id="tallies-to" label="console.to" which="to" />
        </div>
        <label class="check" for="tallies-hide-small">
          <input
            id="tallies-hide-small"
            type="checkbox"
            checked={hideSmall}
            aria-describedby="tallies-hide-small-hint"
            onChange={(e) => setHideSmall(e.currentTarget.checked)}
          />
          {t('report.shareHidden')}
        </label>
        <p class="hint" id="tallies-hide-small-hint">
          {t(hideSmall ? 'report.shareHiddenOn' : 'report.shareHiddenOff')}
        </p>
        <div class="actions">
          <button type="button" disabled={!data} onClick={() => window.print()}>
            {t('report.print')}
          </button>
          <a class="button" href={csvHref} download>
            {t('console.tallies.csv')}
          </a>
        </div>
      </search>
      <p role="status" class="visually-hidden">
        {data ? t('report.shown', { month: periodName(from, to), place }) : ''}
      </p>
      {tallies.error && (
        <p class="error" role="alert">
          {errorText(tallies.error)}
        </p>
      )}
      {tallies.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {data && models && (
        <div class="report-body">
          <p class="lead" data-testid="tallies-devices">
            {t('console.tallies.devices', {
              n: formatNumber(data.devices),
              place,
              period: periodName(from, to),
            })}
          </p>
          <ReportSummary
            models={models}
            caption={t('report.summary', { month: periodName(from, to), place })}
            previousMonthName={previousName}
          />
          <ChildTable
            rows={data.children}
            hideSmall={hideSmall}
            caption={t('console.tallies.childCaption', { place, period: periodName(from, to) })}
          />
          {trend.data && <Trend months={trend.data.months} place={place} hideSmall={hideSmall} />}
          {models.map((m) => (
            <IndicatorSection key={m.def.code} model={m} previousMonthName={previousName} />
          ))}
        </div>
      )}
    </section>
  );
}
