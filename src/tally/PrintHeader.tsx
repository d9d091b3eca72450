// What a printed report says about itself: which place (with its path, "Cambodia › Phnom Penh"), which month,
// which device and when its numbers were read, and whether small numbers are hidden (a sheet with them shown
// must say so, as it is for internal use only). Shown on paper only; on screen the controls say the same.
import { formatDate, formatMonth, t } from '../i18n/i18n';
import { settings } from '../settings/repo';

interface Props {
  place: string;
  path: string;
  month: string;
  generatedAt: Date | null;
  hideSmall: boolean;
}

export function PrintHeader({ place, path, month, generatedAt, hideSmall }: Props) {
  const device = settings.value.deviceLabel.trim();
  return (
    <div class="print-header print-only">
      <p class="print-title">{t('report.printTitle', { place, month: formatMonth(month) })}</p>
      <dl class="facts">
        <dt>{t('report.location')}</dt>
        <dd>{path}</dd>
        <dt>{t('report.month')}</dt>
        <dd>{formatMonth(month)}</dd>
        <dt>{t('report.device')}</dt>
        <dd>{device || t('report.deviceUnnamed')}</dd>
        <dt>{t('report.generated')}</dt>
        <dd>{generatedAt ? formatDate(generatedAt, { dateStyle: 'long', timeStyle: 'short' }) : '—'}</dd>
        <dt>{t('report.smallNumbers')}</dt>
        <dd>{t(hideSmall ? 'report.smallHidden' : 'report.smallShown')}</dd>
      </dl>
    </div>
  );
}
