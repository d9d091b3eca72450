// The Annex 2 indicators this app cannot compute: proportions of a population (prevalence, enrolment,
// coverage, spending shares) that only a national survey measures. Listed so nobody looks for them in vain.
import { t } from '../i18n/i18n';
import { SURVEY_INDICATORS } from './catalog';

export function SurveyList() {
  return (
    <section class="report-survey" aria-labelledby="report-survey-h">
      <h2 id="report-survey-h">{t('report.survey.title')}</h2>
      <p>{t('report.survey.intro')}</p>
      <ul>
        {SURVEY_INDICATORS.map((s) => (
          <li key={s.code}>
            <strong>{t(s.labelKey)}</strong> — {t(s.noteKey)}
            <br />
            <span class="hint">
              {t('report.annex2')} {t(s.annex2)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
