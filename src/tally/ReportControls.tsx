// What the report is about: the month (last month by default) and the location (the device's default
// location, else its home country; a location includes everything below it), whether small numbers are hidden
// on screen and on paper (on by default, as for a shared export), and the Print button.
import { t } from '../i18n/i18n';
import { LocationPicker } from '../locations/LocationPicker';

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
        {t('report.hideSmall')}
      </label>
      <p class="hint" id="report-hide-small-hint">
        {t(hideSmall ? 'report.hideSmallOn' : 'report.hideSmallOff')}
      </p>
      <div class="actions">
        <button type="button" disabled={!canPrint} onClick={() => window.print()}>
          {t('report.print')}
        </button>
      </div>
    </search>
  );
}
