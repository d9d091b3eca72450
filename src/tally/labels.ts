// Words for codes in tallies: indicator names and breakdowns, in the current language. Used by the report,
// the sync preview and the CSV export, so the same cell reads the same everywhere.
import { t } from '../i18n/i18n';
import { childSexes, sexes } from '../records/codes';
import type { DisaggregationKey } from './indicators';

const LIST_OF: Record<DisaggregationKey, string> = {
  sex: 'sexes',
  ageBand: 'ageBands',
  nationalityGroup: 'nationalityGroups',
  sector: 'isicSections',
  category: 'categories',
  agency: 'agencies',
  service: 'services',
  authority: 'authorities',
  kind: 'activityKinds',
  hardToReach: 'yesNo',
};

export const indicatorLabel = (code: string) => t(`indicators.${code}.label`);
export const disaggregationKeyLabel = (key: string) => t(`disaggregations.${key}`);

export function codeLabel(key: string, value: string): string {
  if (key === 'sex') {
    const list = (sexes as readonly string[]).includes(value) ? 'sexes' : (childSexes as readonly string[]).includes(value) ? 'childSexes' : null;
    return list ? t(`codes.${list}.${value}`) : value;
  }
  const list = LIST_OF[key as DisaggregationKey];
  return list ? t(`codes.${list}.${value}`) : value;
}

/** `Sex: Girl · Age: 12–14 years`; an empty breakdown is the indicator's total. */
export function disaggregationLabel(d: Record<string, string>): string {
  const parts = Object.entries(d).map(([k, v]) => `${disaggregationKeyLabel(k)}: ${codeLabel(k, v)}`);
  return parts.length ? parts.join(' · ') : t('tally.total');
}
