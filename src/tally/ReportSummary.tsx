// The month at a glance: every computed indicator's total and its change, each linking to its section, so
// the long report can be read (and moved through by keyboard) from the top.
import { t } from '../i18n/i18n';
import { Delta, Num, TableWrap } from './IndicatorTable';
import type { IndicatorModel } from './report-model';

export function ReportSummary({
  models,
  caption,
  previousMonthName,
}: {
  models: readonly IndicatorModel[];
  caption: string;
  previousMonthName: string;
}) {
  return (
    <TableWrap id="report-summary" caption={caption}>
      <table class="report-table report-summary" aria-labelledby="report-summary-c">
        <thead>
          <tr>
            <th scope="col">{t('report.indicator')}</th>
            <th scope="col" class="num">
              {t('report.number')}
            </th>
            <th scope="col" class="num">
              {t('report.changeColumn', { month: previousMonthName })}
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.def.code}>
              <th scope="row">
                <a href={`#ind-${m.def.code}`}>{t(m.def.labelKey)}</a>
              </th>
              <Num c={m.total} />
              <Delta tag="td" now={m.total} before={m.previous} />
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
