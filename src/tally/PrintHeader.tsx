// What a printed report says about itself: which place (with its path, "Cambodia › Phnom Penh"), which month,
// which device and when its numbers were read, and whether small numbers are hidden (a sheet with them shown
// must say so, as it is for internal use only). Shown on paper only; on screen the controls say the same.
import { formatDate, formatMonth, formatNumber, t } from '../i18n/i18n';
import { settings } from '../settings/repo';

const cssString = (s: string) => `"${s.replace(/["\\\n]/g, (c) => (c === '\n' ? ' ' : `\\${c}`))}"`;

/**
 * The page's margins say on every sheet where and when it is from, and which page of how many ("Page 2 of
 * 5"), in the chosen language and its digits (CSS counters in Myanmar digits for Myanmar).
 */
export function pageStyle(place: string, month: string): string {
  const digits = formatNumber(0) === '၀' ? 'myanmar' : 'decimal';
  const text = t('report.page', { page: '\uE000', pages: '\uE001' });
  const [a = '', b = '', c = ''] = text.split(/[\uE000\uE001]/);
  // "Page 2 of 5", or the other way round ("၅ ခုအနက် ၂").
  const [first, second] =
    text.indexOf('\uE000') < text.indexOf('\uE001') ? ['page', 'pages'] : ['pages', 'page'];
  const counter = `${cssString(a)} counter(${first}, ${digits}) ${cssString(b)} counter(${second}, ${digits}) ${cssString(c)}`;
  return `@page { size: A4; margin: 14mm 12mm 16mm; @bottom-left { content: ${cssString(`${place} · ${month}`)}; font-size: 8pt; } @bottom-right { content: ${counter}; font-size: 8pt; } }`;
}

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
      <style>{pageStyle(place, formatMonth(month))}</style>
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
