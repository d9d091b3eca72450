// The monthly report (SPEC §4, §7): pick a month and a location, see every computed indicator with its
// breakdowns, bar chart and change against the month before; print it on A4; download it as CSV or as DHIS2
// data. The numbers come from the stored tallies (tally/repo.ts `monthValues`), kept up to date by every save,
// so the screen reads a few hundred cells per month whether the device holds a hundred records or 100,000;
// the tables are built from them once per (month, location) and memoised. Small numbers are hidden by default
// (SPEC §7): the printed report is handed round at meetings, so it is shared like an export.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { toPelitaError } from '../app/errors';
import type { Area } from '../export/downloads';
import { formatMonth, t } from '../i18n/i18n';
import type { LocationTree } from '../locations/locations';
import { useLocations } from '../locations/repo';
import { currentMonth, previousMonth } from '../records/periods';
import { settings } from '../settings/repo';
import { ExportPanel } from './ExportPanel';
import { IndicatorSection } from './IndicatorSection';
import { PrintHeader } from './PrintHeader';
import { ReportControls } from './ReportControls';
import { ReportSummary } from './ReportSummary';
import { monthValues } from './repo';
import { buildReport } from './report-model';
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
  /** When the numbers were read: the printed report's "generated". */
  at: Date;
}

/** This month's and last month's values for `area`; `error` holds a translation key. */
function useMonthData(area: Area | null, month: string) {
  const [data, setData] = useState<MonthData | null>(null);
  const [error, setError] = useState<{ key: string; code: string } | null>(null);
  const key = area && MONTH.test(month) ? `${month}|${area.orgUnit}` : null;
  useEffect(() => {
    if (!area || !key) return;
    let live = true;
    Promise.all([
      monthValues(month, area.within, area.orgUnit),
      monthValues(previousMonth(month), area.within, area.orgUnit),
    ]).then(
      ([current, previous]) => live && setData({ key, current, previous, at: new Date() }),
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
  const tree = useLocations();
  const [month, setMonth] = useState(() => previousMonth(currentMonth()));
  const [orgUnit, setOrgUnit] = useState<string | null>(
    () => settings.value.defaultOrgUnit ?? settings.value.homeCountry ?? null,
  );
  const area = useMemo(() => (tree && orgUnit ? areaOf(tree, orgUnit) : null), [tree, orgUnit]);
  const { data, error } = useMonthData(area, month);
  const [hideSmall, setHideSmall] = useState(true);
  const models = useMemo(
    () => data && buildReport(data.current, data.previous, hideSmall),
    [data, hideSmall],
  );
  const validMonth = MONTH.test(month);
  const place = orgUnit && tree ? tree.nameOf(orgUnit) : '';
  const previousMonthName = validMonth ? formatMonth(previousMonth(month)) : '';

  let body: ComponentChildren;
  if (!orgUnit) body = <p class="notice">{t('report.chooseLocation')}</p>;
  else if (!validMonth) body = <p class="notice">{t('report.chooseMonth')}</p>;
  else if (error) body = <p class="error">{t(error)}</p>;
  else if (!data || !models) body = <p aria-busy="true">{t('common.loading')}</p>;
  else if (data.current.length === 0) {
    body = <p class="notice report-empty">{t('report.empty', { month: formatMonth(month), place })}</p>;
  } else {
    body = (
      <>
        <ReportSummary
          models={models}
          caption={t('report.summary', { month: formatMonth(month), place })}
          previousMonthName={previousMonthName}
        />
        {models.map((m) => (
          <IndicatorSection key={m.def.code} model={m} previousMonthName={previousMonthName} />
        ))}
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
        onHideSmall={setHideSmall}
      />
      <ExportPanel area={area} month={validMonth ? month : ''} />
      {/* Says that new numbers are there, without reading the whole report aloud. */}
      <p role="status" class="visually-hidden">
        {data ? t('report.shown', { month: formatMonth(month), place }) : ''}
      </p>
      <div class="report-body">{body}</div>
      <SurveyList />
    </section>
  );
}
