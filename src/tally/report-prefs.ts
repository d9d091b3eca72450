// What the report remembers between visits, in one settings row (`report.prefs`): the month and location
// last looked at, and the one switch for shared outputs (the printed report and the CSV): hide small numbers
// of children or not (on by default, SPEC §7). Held in a signal so the controls, the tables and the export
// panel read the same value; read once per app start, written on every change.
import { signal } from '@preact/signals';
import { readSetting, writeSetting } from '../settings/repo';

export interface ReportPrefs {
  /** `YYYY-MM`, or null for the default (last month). */
  month: string | null;
  orgUnit: string | null;
  /** Hide small counts of children in shared outputs (print and CSV). */
  shareHidden: boolean;
  /** Print a "Prepared by / Checked by" block at the end. */
  signOff: boolean;
}

const KEY = 'report.prefs';
export const DEFAULT_REPORT_PREFS: ReportPrefs = {
  month: null,
  orgUnit: null,
  shareHidden: true,
  signOff: false,
};

export const reportPrefs = signal<ReportPrefs>({ ...DEFAULT_REPORT_PREFS });
/** True once the stored preferences are in `reportPrefs` (the screen waits for them, then never again). */
export const reportPrefsLoaded = signal(false);

let loading: Promise<ReportPrefs> | null = null;

/** Reads the stored preferences once; a damaged row gives the defaults. */
export function loadReportPrefs(): Promise<ReportPrefs> {
  loading ??= readSetting<Partial<ReportPrefs>>(KEY).then(
    (stored) => {
      const s = stored && typeof stored === 'object' ? stored : {};
      reportPrefs.value = {
        month: typeof s.month === 'string' && /^\d{4}-\d{2}$/.test(s.month) ? s.month : null,
        orgUnit: typeof s.orgUnit === 'string' ? s.orgUnit : null,
        shareHidden: s.shareHidden !== false,
        signOff: s.signOff === true,
      };
      reportPrefsLoaded.value = true;
      return reportPrefs.value;
    },
    (err) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** For tests: forget what was read, so the next load reads storage again. */
export function resetReportPrefs() {
  loading = null;
  reportPrefs.value = { ...DEFAULT_REPORT_PREFS };
  reportPrefsLoaded.value = false;
}

export function setReportPrefs(change: Partial<ReportPrefs>): Promise<void> {
  reportPrefs.value = { ...reportPrefs.value, ...change };
  return writeSetting(KEY, reportPrefs.value);
}
