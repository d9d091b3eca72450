// The printed report's optional sign-off (ReportControls ticks it, remembered): lines for who prepared the
// report and who checked it, with name, position, signature and date, as a ministry asks of a monthly sheet.
// Paper only.
import { type TKey, t } from '../i18n/i18n';
import { reportPrefs } from './report-prefs';

export function SignOff() {
  if (!reportPrefs.value.signOff) return null;
  const block = (role: TKey) => (
    <div class="sign-off-block">
      <p class="sign-off-role">{t(role)}</p>
      <dl>
        {(['report.signName', 'report.signPosition', 'report.signSignature', 'report.signDate'] as const).map(
          (k) => (
            <div key={k}>
              <dt>{t(k)}</dt>
              <dd />
            </div>
          ),
        )}
      </dl>
    </div>
  );
  return (
    <div class="sign-off print-only">
      {block('report.preparedBy')}
      {block('report.checkedBy')}
    </div>
  );
}
