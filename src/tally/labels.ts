// Words for codes in tallies: indicator names and breakdowns, in the current language. Used by the report,
// the sync preview and the CSV export, so the same cell reads the same everywhere. Value labels come from the
// catalog's `valueLabelKey`, so a child's sex reads "Girl" and a trainee's "Female" (pass the indicator).
import { keyFromData, t } from '../i18n/i18n';
import { disaggregationLabelKey, valueLabelKey } from './catalog';

/** `code` comes from tally data (a received or stored tally), so it is not checked here. */
export const indicatorLabel = (code: string) => t(keyFromData(`indicators.${code}.label`));
export const disaggregationKeyLabel = (key: string) => t(disaggregationLabelKey(key));

/** The label of one breakdown value; `indicator` decides between lists that share codes (sex). */
export function codeLabel(key: string, value: string, indicator?: string): string {
  const labelKey = valueLabelKey(key, value, indicator);
  const text = t(labelKey);
  // A value outside every code list (a stale or foreign tally) shows as itself, not as a key.
  return text === labelKey ? value : text;
}

/** `Sex: Girl · Age: 12–14 years`; an empty breakdown is the indicator's total. */
export function disaggregationLabel(d: Record<string, string>, indicator?: string): string {
  const parts = Object.entries(d).map(
    ([k, v]) => `${disaggregationKeyLabel(k)}: ${codeLabel(k, v, indicator)}`,
  );
  return parts.length ? parts.join(' · ') : t('tally.total');
}
