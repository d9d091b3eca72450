// The indicator catalog (SPEC §4) as data: what each indicator counts, where its numbers come from, which
// records it keeps and how it breaks them down. Screens, exports, suppression and sync all read this list, so
// adding an indicator (the 2026–2035 Roadmap will) is adding an entry here, a code in indicators.ts and its
// labels in the locales; tally.ts does not change unless a new kind of source record appears.
//
// How counting works: every record yields "units" through the extractor of a source (below); a unit has
// named fields, all plain codes. An indicator picks one source, keeps the units its `where` accepts, and adds
// one to the cell named by its `by` fields (or, with `perRecord`, counts each record once per cell).
//
// Age scope (ICLS, SPEC §3): a child whose known age is outside 5–17 is out of scope for EVERY indicator that
// counts children, their cases or their referrals (each has IN_SCOPE in `where`; a test checks that every
// indicator of a child source does); a child of unknown age is counted with age band `unknown`. A case's age
// is its age on the identification date, so all of a case's counts share one age band. Nothing disappears
// silently: tally.ts also counts the month's out-of-scope records, and the report says how many.
import { keyFromData, type TKey } from '../i18n/keys';
import { type CodeListName, codeLists } from '../records/codes';
import type { DisaggregationKey, IndicatorCode } from './indicators';

/** The sources whose units are children (or their cases and referrals): every indicator on them is age-scoped. */
export const CHILD_SOURCES: readonly SourceName[] = [
  'case',
  'case-referral',
  'case-withdrawal',
  'inspection-child',
];

/** Where units come from. Each yields units in the month of its own date (SPEC §2 `periods`). */
export const SOURCES = {
  /** One unit per case, in the month it was identified. */
  case: ['sex', 'age', 'ageBand', 'ageScope', 'nationalityGroup', 'sector', 'category', 'channel'],
  /** One unit per referral, in the month it was made; carries the case's fields too. */
  'case-referral': [
    'sex',
    'age',
    'ageBand',
    'ageScope',
    'nationalityGroup',
    'sector',
    'category',
    'channel',
    'service',
  ],
  /** One unit per case verified withdrawn, in the month of `withdrawnOn`. */
  'case-withdrawal': [
    'sex',
    'age',
    'ageBand',
    'ageScope',
    'nationalityGroup',
    'sector',
    'category',
    'channel',
  ],
  /** One unit per inspection, in the month of its date. */
  inspection: ['sector', 'hardToReach', 'toolUsed'],
  /** One unit per child found, in the month of the inspection. */
  'inspection-child': ['sex', 'age', 'ageBand', 'ageScope', 'sector', 'hardToReach'],
  /** One unit per court or mediation registration, in the month it was registered. */
  'inspection-registration': ['authority', 'sector'],
  /** One unit per participant, in the month the session started, at the participant's own orgUnit. */
  participant: ['sex', 'agency', 'completed', 'topics'],
  /** One unit per activity, in the month of its date. */
  activity: ['kind'],
} as const satisfies Record<string, readonly string[]>;

export type SourceName = keyof typeof SOURCES;
export type UnitField = (typeof SOURCES)[SourceName][number];

/** Keep a unit when, for every field named, its value is one of those listed (for `topics`: any of them). */
export type Where = Partial<Record<UnitField, readonly string[]>>;

export interface IndicatorDef {
  code: IndicatorCode;
  survey?: false;
  labelKey: TKey;
  descriptionKey: TKey;
  /** The Annex 2 indicator this serves, as a translation key. */
  annex2: TKey;
  source: SourceName;
  where?: Where;
  /** Disaggregation keys, each also a field of the source's units. */
  by: readonly (DisaggregationKey & UnitField)[];
  /**
   * Count a record once per cell however many units it yields: children referred, not referrals. A case is
   * one child (the app keeps no identity across cases), so distinct cases are distinct children.
   */
  perRecord?: true;
  /**
   * It counts children (their cases, referrals, withdrawals, or children found): small cells are hidden in
   * every shared output (SPEC §7) and the person's own screen marks them. Counts of inspections, activities,
   * registrations and trained officials protect nobody and are never hidden.
   */
  countsChildren?: true;
  /** The two (or one) breakdowns of the table that small-cell suppression protects; default: first two of `by`. */
  table?: readonly DisaggregationKey[];
  /**
   * This indicator's cells equal a slice of another's table (e.g. inspectors trained = people trained with
   * agency `labour_inspection`), so suppression must hide exactly the same cells in both.
   */
  sliceOf?: { indicator: IndicatorCode; fixed: Partial<Record<DisaggregationKey, string>> };
}

/** Annex 2 indicators that come from national surveys: listed so the Report says so, never computed. */
export interface SurveyIndicatorDef {
  code: string;
  survey: true;
  labelKey: TKey;
  descriptionKey: TKey;
  annex2: TKey;
  noteKey: TKey;
}

export type CatalogEntry = IndicatorDef | SurveyIndicatorDef;

const IN_SCOPE = ['in', 'unknown'] as const;
const CHILD_LABOUR = ['worst_form', 'hazardous', 'below_minimum_age', 'hazardous_chores'] as const;
const YES = ['yes'] as const;

const keys = (
  code: IndicatorCode | SurveyCode,
): Pick<IndicatorDef, 'labelKey' | 'descriptionKey' | 'annex2'> => ({
  labelKey: `indicators.${code}.label`,
  descriptionKey: `indicators.${code}.description`,
  annex2: `indicators.${code}.annex2`,
});
const computed = (
  code: IndicatorCode,
  def: Omit<IndicatorDef, 'code' | 'labelKey' | 'descriptionKey' | 'annex2'>,
) => ({ code, ...keys(code), ...def }) satisfies IndicatorDef;
const survey = (code: SurveyCode): SurveyIndicatorDef => ({
  code,
  survey: true,
  ...keys(code),
  noteKey: 'indicators.surveyNote',
});

/** The computed indicators, in the order screens and exports show them. */
export const INDICATORS: readonly IndicatorDef[] = [
  computed('CHILDREN_IDENTIFIED', {
    countsChildren: true,
    source: 'case',
    where: { ageScope: IN_SCOPE },
    by: ['sex', 'ageBand', 'nationalityGroup', 'category', 'sector'],
  }),
  computed('CHILDREN_REFERRED', {
    countsChildren: true,
    source: 'case-referral',
    where: { ageScope: IN_SCOPE },
    by: ['sex', 'ageBand', 'nationalityGroup'],
    perRecord: true,
  }),
  computed('REFERRALS_BY_SERVICE', {
    countsChildren: true,
    source: 'case-referral',
    where: { ageScope: IN_SCOPE },
    by: ['service'],
  }),
  computed('CASES_REPORTED_ONLINE', {
    countsChildren: true,
    source: 'case',
    where: { channel: ['online_report'], ageScope: IN_SCOPE },
    by: [],
  }),
  computed('CHILDREN_WITHDRAWN', {
    countsChildren: true,
    source: 'case-withdrawal',
    where: { ageScope: IN_SCOPE },
    by: ['sex', 'ageBand'],
  }),
  computed('YOUNG_WORKERS_CHILD_LABOUR', {
    countsChildren: true,
    source: 'case',
    where: { ageScope: IN_SCOPE, age: ['14', '15', '16', '17'], category: CHILD_LABOUR },
    by: ['sex', 'sector'],
  }),
  computed('INSPECTIONS', { source: 'inspection', by: ['hardToReach', 'sector'] }),
  computed('INSPECTIONS_CL_TOOL', { source: 'inspection', where: { toolUsed: YES }, by: [] }),
  computed('CHILDREN_FOUND_IN_INSPECTIONS', {
    countsChildren: true,
    source: 'inspection-child',
    where: { ageScope: IN_SCOPE },
    by: ['sex', 'ageBand', 'sector'],
  }),
  computed('COURT_MEDIATION_CASES', { source: 'inspection-registration', by: ['authority'] }),
  computed('PEOPLE_TRAINED', { source: 'participant', where: { completed: YES }, by: ['sex', 'agency'] }),
  computed('INSPECTORS_TRAINED', {
    source: 'participant',
    where: { completed: YES, agency: ['labour_inspection'] },
    by: ['sex'],
    sliceOf: { indicator: 'PEOPLE_TRAINED', fixed: { agency: 'labour_inspection' } },
  }),
  computed('TRAINED_GOVERNANCE', {
    source: 'participant',
    where: { completed: YES, topics: ['governance_anticorruption'] },
    by: ['sex', 'agency'],
  }),
  computed('ACTIVITIES', { source: 'activity', by: ['kind'] }),
];

/** Annex 2 proportions that only a national survey can give (a numerator without its population is not a rate). */
const SURVEY_CODES = [
  'SURVEY_CHILD_LABOUR_PREVALENCE',
  'SURVEY_HAZARDOUS_WORK_PREVALENCE',
  'SURVEY_SCHOOL_ENROLMENT',
  'SURVEY_SCHOOL_ATTENDANCE',
  'SURVEY_SOCIAL_PROTECTION_COVERAGE',
  'SURVEY_EXPENDITURE_SHARE',
] as const;
type SurveyCode = (typeof SURVEY_CODES)[number];
export const SURVEY_INDICATORS: readonly SurveyIndicatorDef[] = SURVEY_CODES.map(survey);

/** Everything the Report lists: computed indicators first, then the survey-based ones. */
export const CATALOG: readonly CatalogEntry[] = [...INDICATORS, ...SURVEY_INDICATORS];

const byCode = new Map(INDICATORS.map((d, i) => [d.code as string, [d, i] as const]));

export function indicatorDef(code: string): IndicatorDef | undefined {
  return byCode.get(code)?.[0];
}

/** Position in the catalog, for a stable order everywhere; unknown codes sort last. */
export function indicatorOrder(code: string): number {
  return byCode.get(code)?.[1] ?? INDICATORS.length;
}

/** The dimensions of the table suppression protects for `def` (at most two). */
export function tableOf(def: IndicatorDef): readonly DisaggregationKey[] {
  return def.table ?? def.by.slice(0, 2);
}

/** The code lists that label each disaggregation's values (`codes.<list>.<value>`), first match wins. */
const VALUE_LISTS: Record<DisaggregationKey, readonly CodeListName[]> = {
  sex: ['childSexes', 'sexes'],
  ageBand: ['ageBands'],
  nationalityGroup: ['nationalityGroups'],
  sector: ['isicSections'],
  category: ['categories'],
  agency: ['agencies'],
  service: ['services'],
  authority: ['authorities'],
  kind: ['activityKinds'],
  hardToReach: ['yesNo'],
};

/** Translation key of a disaggregation's name, e.g. `disaggregations.ageBand`; `key` comes from tally data. */
export const disaggregationLabelKey = (key: string) => keyFromData(`disaggregations.${key}`);

/**
 * Translation key of one value of a disaggregation, e.g. `codes.childSexes.female` ("Girl") for a child and
 * `codes.sexes.female` for a training participant. `unknown` beyond a code list (age band, sector) has its
 * own key in that list's labels.
 */
export function valueLabelKey(key: string, value: string, indicator?: string): TKey {
  let lists = VALUE_LISTS[key as DisaggregationKey] ?? [];
  if (key === 'sex' && indicatorDef(indicator ?? '')?.source === 'participant')
    lists = ['sexes', 'childSexes'];
  const list = lists.find((l) => (codeLists[l] as readonly string[]).includes(value)) ?? lists[0] ?? key;
  // The value comes from tally data (a stale or foreign tally may hold a code no list has: labels.ts).
  return keyFromData(`codes.${list}.${value}`);
}
