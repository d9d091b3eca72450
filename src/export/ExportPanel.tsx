// The report's downloads (SPEC §7, §6): the tally as CSV for one month or a range of months, small counts of
// children hidden or not by the report's one switch for shared outputs (report-prefs.ts), and the month as a
// DHIS2 data value set with the import options DHIS2 needs. What happened is said in a status line that
// screen readers announce.
import { useEffect, useState } from 'preact/hooks';
import { formatNumber, t } from '../i18n/i18n';
import { toPelitaError } from '../lib/errors';
import { indicatorLabel } from '../tally/labels';
import { reportPrefs } from '../tally/report-prefs';
import { type Area, DHIS2_IMPORT_OPTIONS, downloadCsv, downloadDhis2, monthRange } from './downloads';

/** A range longer than this is refused: each month may need a recount from its records. */
export const MAX_MONTHS = 36;
const MONTH = /^\d{4}-\d{2}$/;

interface Props {
  area: Area | null;
  month: string;
}

function rangeError(from: string, to: string): string | null {
  if (!MONTH.test(from) || !MONTH.test(to)) return t('report.export.chooseMonths');
  if (from > to) return t('report.export.badRange');
  if (monthRange(from, to).length > MAX_MONTHS) return t('report.export.tooLong', { max: MAX_MONTHS });
  return null;
}

export function ExportPanel({ area, month }: Props) {
  const [from, setFrom] = useState(month);
  const [to, setTo] = useState(month);
  const suppress = reportPrefs.value.shareHidden;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  // A new month above is a new report: the CSV range follows it.
  useEffect(() => {
    setFrom(month);
    setTo(month);
  }, [month]);

  const badRange = rangeError(from, to);
  const run = async (job: () => Promise<string>) => {
    setBusy(true);
    setStatus(null);
    try {
      setStatus({ text: await job() });
    } catch (err) {
      setStatus({ text: t(toPelitaError(err).code), error: true });
    } finally {
      setBusy(false);
    }
  };
  const csv = () =>
    run(async () => t('report.export.saved', { file: await downloadCsv(area!, from, to, suppress) }));
  const dhis2 = () =>
    run(async () => {
      const r = await downloadDhis2(area!, month);
      const saved = t('report.export.dhis2Saved', { file: r.fileName, cells: formatNumber(r.cells) });
      if (r.unmapped.length === 0) return saved;
      return `${saved} ${t('report.export.unmapped', { list: r.unmapped.map(indicatorLabel).join(', ') })}`;
    });

  return (
    <section class="report-exports no-print" aria-labelledby="report-exports-h">
      <h2 id="report-exports-h">{t('report.export.title')}</h2>
      <fieldset>
        <legend>{t('report.export.csvLegend')}</legend>
        <p class="hint">{t('report.export.rangeHint')}</p>
        <div class="grid-2">
          <div class="field">
            <label for="report-from">{t('report.export.from')}</label>
            <input
              id="report-from"
              type="month"
              value={from}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="report-to">{t('report.export.to')}</label>
            <input id="report-to" type="month" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </div>
        </div>
        {badRange && (
          <p class="field-error" id="report-range-error">
            {badRange}
          </p>
        )}
        <p class="hint" id="report-suppress-hint">
          {t(suppress ? 'report.export.sharedHidden' : 'report.export.sharedShown')}
        </p>
        <button
          type="button"
          class="primary"
          disabled={!area || busy || !!badRange}
          aria-describedby={badRange ? 'report-range-error report-suppress-hint' : 'report-suppress-hint'}
          onClick={csv}
        >
          {t('report.export.csv')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('report.export.dhis2Legend')}</legend>
        <p class="hint" id="report-dhis2-hint">
          {t('report.export.dhis2Hint')}
        </p>
        <p>
          <code>{DHIS2_IMPORT_OPTIONS}</code>
        </p>
        <button
          type="button"
          disabled={!area || busy || !MONTH.test(month)}
          aria-describedby="report-dhis2-hint"
          onClick={dhis2}
        >
          {t('report.export.dhis2')}
        </button>
      </fieldset>
      <p role="status" class={status?.error ? 'error' : undefined}>
        {status?.text ?? ''}
      </p>
    </section>
  );
}
