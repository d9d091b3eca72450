// Who has reported: for a month and a place, the devices expected there, which reported, which are silent
// and since when, which still hold months they have not sent; and the reporting rate per child location, the
// figure DHIS2 users read first.
import { formatDate, formatMonth, formatNumber } from '../src/i18n/i18n';
import { TableWrap } from '../src/tally/IndicatorTable';
import { api, query } from './api';
import { LocationSelect, MonthInput } from './Controls';
import { errorText } from './errors';
import { t } from './i18n';
import { selection, tree } from './state';
import { useFetch } from './useFetch';

interface Answer {
  expected: number;
  reported: number;
  devices: {
    id: string;
    label: string;
    child: string | null;
    reported: boolean;
    lastHeardAt: string | null;
    pending: number | null;
    oldestPendingPeriod: string | null;
  }[];
  children: { orgUnit: string; name: string; expected: number; reported: number }[];
}

const rate = (reported: number, expected: number) =>
  expected === 0
    ? '—'
    : t('console.completeness.percent', { n: formatNumber(Math.round((100 * reported) / expected)) });

export function Completeness() {
  const { orgUnit, to: period } = selection.value;
  const key = orgUnit ? query({ orgUnit, period }) : null;
  const { data, error, loading } = useFetch(key, () => api<Answer>(`completeness?${key}`));
  const place = tree.value?.nameOf(orgUnit) ?? orgUnit;
  const silent = data?.devices.filter((d) => !d.reported) ?? [];
  return (
    <section>
      <h1>{t('console.completeness.title')}</h1>
      <search class="report-controls no-print">
        <div class="console-controls">
          <LocationSelect id="completeness-location" />
          <MonthInput id="completeness-month" label="console.month" which="to" />
        </div>
      </search>
      {error && (
        <p class="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {loading && <p aria-busy="true">{t('common.loading')}</p>}
      {data && (
        <>
          <p class="lead" data-testid="completeness-summary">
            {t('console.completeness.summary', {
              reported: formatNumber(data.reported),
              expected: formatNumber(data.expected),
              rate: rate(data.reported, data.expected),
              place,
              month: formatMonth(period),
            })}
          </p>
          {silent.length > 0 && (
            <p class="notice">
              {t('console.completeness.silentList', { devices: silent.map((d) => d.label).join(', ') })}
            </p>
          )}
          {data.children.length > 0 && (
            <TableWrap
              id="completeness-children"
              caption={t('console.completeness.byChild', { place, month: formatMonth(period) })}
            >
              <table class="report-table" aria-labelledby="completeness-children-c">
                <thead>
                  <tr>
                    <th scope="col">{t('console.tallies.childLocation')}</th>
                    <th scope="col" class="num">
                      {t('console.completeness.expected')}
                    </th>
                    <th scope="col" class="num">
                      {t('console.completeness.reported')}
                    </th>
                    <th scope="col" class="num">
                      {t('console.completeness.rate')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.children.map((c) => (
                    <tr key={c.orgUnit}>
                      <th scope="row">{c.name}</th>
                      <td class="num">{formatNumber(c.expected)}</td>
                      <td class="num">{formatNumber(c.reported)}</td>
                      <td class="num">{rate(c.reported, c.expected)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <TableWrap
            id="completeness-devices"
            caption={t('console.completeness.devices', { place, month: formatMonth(period) })}
          >
            <table class="report-table" aria-labelledby="completeness-devices-c">
              <thead>
                <tr>
                  <th scope="col">{t('console.devices.label')}</th>
                  <th scope="col">{t('console.location')}</th>
                  <th scope="col">{t('console.completeness.state')}</th>
                  <th scope="col">{t('console.completeness.lastHeard')}</th>
                  <th scope="col">{t('console.completeness.unsent')}</th>
                </tr>
              </thead>
              <tbody>
                {data.devices.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.label}</th>
                    <td>{tree.value?.nameOf(d.child ?? orgUnit) ?? d.child ?? orgUnit}</td>
                    <td class={d.reported ? 'ok' : 'bad'}>
                      {t(d.reported ? 'console.completeness.hasReported' : 'console.completeness.silent')}
                    </td>
                    <td>
                      {d.lastHeardAt
                        ? formatDate(d.lastHeardAt, { dateStyle: 'medium', timeStyle: 'short' })
                        : t('console.completeness.never')}
                    </td>
                    <td>
                      {d.pending === null
                        ? t('console.completeness.unknown')
                        : d.pending === 0
                          ? t('console.completeness.allSent')
                          : t('console.completeness.pending', {
                              n: formatNumber(d.pending),
                              month: d.oldestPendingPeriod ? formatMonth(d.oldestPendingPeriod) : '—',
                            })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}
