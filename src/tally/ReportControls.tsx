// What the report is about: the month (last month by default) and the location (the device's default
// location, else its home country; a location includes everything below it), the one switch for shared
// outputs (hide small counts of children on paper and in the CSV; on by default), the optional sign-off
// block, and the Print button. All of it is remembered (report-prefs.ts).
import { t } from '../i18n/i18n';
import { LocationPicker } from '../locations/LocationPicker';
import { reportPrefs, setReportPrefs } from './report-prefs';

interface Props {
  month: string;
  onMonth: (month: string) => void;
  orgUnit: string | null;
  onOrgUnit: (code: string | null) => void;
  canPrint: boolean;
  hideSmall: boolean;
  onHideSmall: (hide: boolean) => void;
}

export function ReportControls(props: Props) {
  const { month, onMonth, orgUnit, onOrgUnit, canPrint, hideSmall, onHideSmall } = props;
  return (
    <search class="report-controls no-print">
      <div class="grid-2">
        <div class="field">
          <label for="report-month">{t('report.month')}</label>
          <input
            id="report-month"
            type="month"
            value={month}
            required
            onInput={(e) => onMonth(e.currentTarget.value)}
          />
        </div>
        <LocationPicker
          id="report-location"
          label="report.location"
          hint="report.locationHint"
          value={orgUnit}
          onChange={onOrgUnit}
        />
      </div>
      <label class="check" for="report-hide-small">
        <input
          id="report-hide-small"
          type="checkbox"
          checked={hideSmall}
          aria-describedby="report-hide-small-hint"
          onChange={(e) => onHideSmall(e.currentTarget.checked)}
        />
        {t('report.shareHidden')}
      </label>
      <p class="hint" id="report-hide-small-hint">
        {t(hideSmall ? 'report.shareHiddenOn' : 'report.shareHiddenOff')}
      </p>
      <label class="check" for="report-sign-off">
        <input
          id="report-sign-off"
          type="checkbox"
          checked={reportPrefs.value.signOff}
          onChange={(e) => void setReportPrefs({ signOff: e.currentTarget.checked })}
        />
        {t('report.signOff')}
      </label>
      <div class="actions">
        <button type="button" disabled={!canPrint} onClick={() => window.print()}>
          {t('report.print')}
        </button>
      </div>
    </search>
  );
}
