// The monthly report (SPEC §4, §7): pick a month and a location, see every computed indicator with its
// breakdowns, bar chart and change against the month before; print it on A4; download it as CSV or as DHIS2
// data. The numbers come from the stored tallies (tally/repo.ts `monthValues`), kept up to date by every save,
// so the screen reads a few hundred cells per month whether the device holds a hundred records or 100,000;
// the tables are built from them once per (month, location) and memoised. Small numbers are hidden by default
// (SPEC §7): the printed report is handed round at meetings, so it is shared like an export.
// Small numbers: the person's own screen shows the true numbers and marks those a shared copy hides; the one
// switch for shared outputs (print and CSV) is remembered, with the month and location (report-prefs.ts).
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Area } from '../export/downloads';
import { ExportPanel } from '../export/ExportPanel';
import { formatMonth, t } from '../i18n/i18n';
import { currentMonth, previousMonth } from '../lib/dates';
import { type ErrorCode, toPelitaError } from '../lib/errors';
import type { LocationTree } from '../locations/locations';
import { useLocations } from '../locations/repo';
import { settings } from '../settings/repo';
import { IndicatorSection } from './IndicatorSection';
import { PrintHeader } from './PrintHeader';
import { ReportControls } from './ReportControls';
import { ReportSummary } from './ReportSummary';
import { monthOutOfScope, monthValues } from './repo';
import { buildReport, hidesAny, type IndicatorModel } from './report-model';
import { loadReportPrefs, reportPrefs, reportPrefsLoaded, setReportPrefs } from './report-prefs';
import { SignOff } from './SignOff';
import { SurveyList } from './SurveyList';
import type { DataValue } from './tally';
import './report.css';

const MONTH = /^\d{4}-\d{2}$/;

/** A location and everything below it, as a set: one lookup per stored row, however deep the list. */
function areaOf(tree: LocationTree, orgUnit: string): Area {
  const codes = new Set([orgUnit, ...tree.descendantsOf(orgUnit).map((l) => l.code)]);
  return { orgUnit, within: (code) => codes.has(code), name: (code) => tree.nameOf(code) };
}

interface MonthData {
  key: string;
  current: DataValue[];
  previous: DataValue[];
  /** Records of the month about a child outside 5–17: counted in no indicator, said in the report. */
  outOfScope: number;
  /** When the numbers were read: the printed report's "generated". */
  at: Date;
}

/** This month's and last month's values for `area`; `error` holds a translation key. */
function useMonthData(area: Area | null, month: string) {
  const [data, setData] = useState<MonthData | null>(null);
  const [error, setError] = useState<{ key: string; code: ErrorCode } | null>(null);
  const key = area && MONTH.test(month) ? `${month}|${area.orgUnit}` : null;
  useEffect(() => {
    if (!area || !key) return;
    let live = true;
    Promise.all([
      monthValues(month, area.within, area.orgUnit),
      monthValues(previousMonth(month), area.within, area.orgUnit),
      monthOutOfScope(month, area.within),
    ]).then(
      ([current, previous, outOfScope]) =>
        live && setData({ key, current, previous, outOfScope, at: new Date() }),
      (err) => live && setError({ key, code: toPelitaError(err).code }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return {
    data: data?.key === key ? data : null,
    error: error?.key === key ? error.code : null,
  };
}

export function Report(_props: { params?: Record<string, string> }) {
  useEffect(() => {
    void loadReportPrefs();
  }, []);
  return reportPrefsLoaded.value ? <ReportScreen /> : <p aria-busy="true">{t('common.loading')}</p>;
}

function ReportScreen() {
  const tree = useLocations();
  const prefs = reportPrefs.value;
  const month = prefs.month ?? previousMonth(currentMonth());
  const orgUnit = prefs.orgUnit ?? settings.value.defaultOrgUnit ?? settings.value.homeCountry ?? null;
  const setMonth = (m: string) => void setReportPrefs({ month: m || null });
  const setOrgUnit = (o: string | null) => void setReportPrefs({ orgUnit: o });
  const area = useMemo(() => (tree && orgUnit ? areaOf(tree, orgUnit) : null), [tree, orgUnit]);
  const { data, error } = useMonthData(area, month);
  const hideSmall = prefs.shareHidden;
  const models = useMemo(() => data && buildReport(data.current, data.previous), [data]);
  const validMonth = MONTH.test(month);
  const place = orgUnit && tree ? tree.nameOf(orgUnit) : '';
  const previousMonthName = validMonth ? formatMonth(previousMonth(month)) : '';

  let body: ComponentChildren;
  if (!orgUnit) body = <p class="notice">{t('report.chooseLocation')}</p>;
  else if (!validMonth) body = <p class="notice">{t('report.chooseMonth')}</p>;
  else if (error) body = <p class="error">{t(error)}</p>;
  else if (!data || !models) body = <p aria-busy="true">{t('common.loading')}</p>;
  else if (data.current.length === 0) {
    body = (
      <>
        <p class="notice report-empty">{t('report.empty', { month: formatMonth(month), place })}</p>
        <OutOfScope n={data.outOfScope} />
      </>
    );
  } else {
    body = (
      <>
        <OutOfScope n={data.outOfScope} />
        {hideSmall && models.some(hidesAny) && (
          <p class="hint report-legend no-print">{t('report.legend')}</p>
        )}
        <ReportSummary
          models={models}
          caption={t('report.summary', { month: formatMonth(month), place })}
          previousMonthName={previousMonthName}
        />
        {models
          .filter((m) => m.total.n > 0 || m.previous.n > 0)
          .map((m) => (
            <IndicatorSection key={m.def.code} model={m} previousMonthName={previousMonthName} />
          ))}
        <NothingFor models={models} month={formatMonth(month)} />
      </>
    );
  }

  return (
    <section class="report">
      <h1>{t('report.title')}</h1>
      {orgUnit && validMonth && (
        <PrintHeader
          place={place}
          path={tree?.pathOf(orgUnit) ?? orgUnit}
          month={month}
          generatedAt={data?.at ?? null}
          hideSmall={hideSmall}
        />
      )}
      <ReportControls
        month={month}
        onMonth={setMonth}
        orgUnit={orgUnit}
        onOrgUnit={setOrgUnit}
        canPrint={!!data}
        hideSmall={hideSmall}
        onHideSmall={(v) => void setReportPrefs({ shareHidden: v })}
      />
      <ExportPanel area={area} month={validMonth ? month : ''} />
      {/* Says that new numbers are there, without reading the whole report aloud. */}
      <p role="status" class="visually-hidden">
        {data ? t('report.shown', { month: formatMonth(month), place }) : ''}
      </p>
      <div class="report-body">{body}</div>
      <SurveyList />
      {data && <SignOff />}
    </section>
  );
}

/** "Out of age scope: N": records of the month about a child outside 5–17, counted in no indicator (SPEC §3). */
function OutOfScope({ n }: { n: number }) {
  if (n === 0) return null;
  return (
    <p class="report-out-of-scope">
      <strong>{t('report.outOfScope', { count: n })}</strong>{' '}
      <span class="hint">{t('report.outOfScopeHint')}</span>
    </p>
  );
}

/**
 * The indicators with nothing this month or last, in one line rather than a section each: an almost empty
 * month prints on a page or two, not five.
 */
function NothingFor({ models, month }: { models: readonly IndicatorModel[]; month: string }) {
  const none = models.filter((m) => m.total.n === 0 && m.previous.n === 0);
  if (none.length === 0) return null;
  return (
    <section class="report-indicator report-none" aria-labelledby="report-none-h">
      <h2 id="report-none-h">{t('report.noneTitle', { month })}</h2>
      <ul>
        {none.map((m) => (
          <li key={m.def.code}>{t(m.def.labelKey)}</li>
        ))}
      </ul>
    </section>
  );
}
