// The age band and child labour category (SPEC §3) as the person fills the form, with the reasons in words.
// Derived, never typed: the case stores the answers and this re-derives them on every change. Announced
// politely, so a screen reader user hears the category change as they answer.
import { formatNumber, t } from '../i18n/i18n';
import { settings } from '../settings/repo';
import { classify, type Reason } from './classify';
import type { CaseFormValue } from './schema';

/** Numbers in the person's locale; codes (a worst form, a hazard) as they are: the strings name them. */
function words(reason: Reason): string {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(reason.values ?? {}))
    values[k] = typeof v === 'number' ? formatNumber(v) : v;
  return t(reason.key, values);
}

export function LiveCategory({ value }: { value: CaseFormValue }) {
  const result = classify(value, settings.value.thresholds ?? undefined);
  return (
    <section class="notice live-category" aria-labelledby="live-category-title">
      <h2 id="live-category-title">{t('cases.derived')}</h2>
      <div aria-live="polite" aria-atomic="true">
        <dl class="facts">
          <dt>{t('cases.ageBand')}</dt>
          <dd>{result.ageBand ? t(`codes.ageBands.${result.ageBand}`) : t('codes.ageBands.unknown')}</dd>
          <dt>{t('cases.category')}</dt>
          <dd>
            <strong>{t(`codes.categories.${result.category}`)}</strong>
          </dd>
        </dl>
        <ul>
          {result.reasons.map((r) => (
            <li key={r.key + JSON.stringify(r.values ?? {})}>{words(r)}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
