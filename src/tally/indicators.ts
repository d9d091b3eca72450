// The indicator codes of SPEC §4 and the disaggregation keys a data value may carry. The full catalog
// (labels, sources, filters, DHIS2 mapping) is catalog.ts; these lists are what the server validates against,
// so they stay small and free of the app's code.
import {
  activityKinds,
  ageBands,
  agencies,
  authorities,
  categories,
  childSexes,
  isicSections,
  nationalityGroups,
  services,
  sexes,
  UNKNOWN,
  yesNo,
} from '../records/codes';

export const INDICATOR_CODES = [
  'CHILDREN_IDENTIFIED',
  'CHILDREN_REFERRED',
  'REFERRALS_BY_SERVICE',
  'CASES_REPORTED_ONLINE',
  'CHILDREN_WITHDRAWN',
  'YOUNG_WORKERS_CHILD_LABOUR',
  'INSPECTIONS',
  'INSPECTIONS_CL_TOOL',
  'CHILDREN_FOUND_IN_INSPECTIONS',
  'COURT_MEDIATION_CASES',
  'PEOPLE_TRAINED',
  'INSPECTORS_TRAINED',
  'TRAINED_GOVERNANCE',
  'ACTIVITIES',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** Each disaggregation key and the values it may take (SPEC §6). */
export const DISAGGREGATIONS = {
  sex: [...new Set([...sexes, ...childSexes])],
  ageBand: [...ageBands, UNKNOWN],
  nationalityGroup: nationalityGroups,
  sector: [...isicSections, UNKNOWN],
  category: categories,
  agency: agencies,
  service: services,
  authority: authorities,
  kind: activityKinds,
  hardToReach: yesNo,
} as const satisfies Record<string, readonly string[]>;
export type DisaggregationKey = keyof typeof DISAGGREGATIONS;
export const DISAGGREGATION_KEYS = Object.keys(DISAGGREGATIONS) as DisaggregationKey[];
