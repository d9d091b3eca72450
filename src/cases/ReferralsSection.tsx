// Consent for services, and the referrals. A referral cannot be saved without consent or the reason consent
// was overridden (the schema's rule, shown on the consent question): the person sees why and what to do,
// and nothing typed is lost.
import { useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { today } from '../lib/dates';
import { referralStatuses, services } from '../records/codes';
import { DateField, SelectField, TextField, YesNoField } from '../ui/form/fields';
import type { RecordForm } from '../ui/form/useRecordForm';
import { focusSoon, newReferral } from './prefill';
import type { CaseFormValue } from './schema';

type Props = { form: RecordForm<CaseFormValue> };

export function ConsentSection({ form }: Props) {
  return (
    <fieldset>
      <legend>{t('cases.consentSection')}</legend>
      <YesNoField form={form} path="consent" label="cases.consent" hint="cases.consentHint" />
      {form.value.consent === false && (
        <TextField
          form={form}
          path="consentOverride"
          label="cases.consentOverride"
          hint="cases.consentOverrideHint"
          multiline
          maxLength={500}
        />
      )}
    </fieldset>
  );
}

export function ReferralsSection({ form }: Props) {
  const referrals = form.value.referrals ?? [];
  const addButton = useRef<HTMLButtonElement>(null);
  const add = () => {
    form.set('referrals', [...referrals, newReferral(today())]);
    // The workflow's next step: a case with its first referral is "referred" (the person can change it).
    if (form.value.status === 'identified') form.set('status', 'referred');
    focusSoon(`f-referrals-${referrals.length}-service`);
  };
  return (
    <fieldset>
      <legend>{t('cases.referrals')}</legend>
      {referrals.length === 0 && <p class="hint">{t('cases.noReferrals')}</p>}
      {referrals.map((r, i) => {
        const n = i + 1;
        return (
          <fieldset key={r.key} class="row">
            <legend>{t('cases.referralN', { n })}</legend>
            <SelectField
              form={form}
              path={`referrals.${i}.service`}
              label="cases.service"
              list="services"
              options={services}
              required
            />
            <TextField form={form} path={`referrals.${i}.provider`} label="cases.provider" maxLength={200} />
            <DateField form={form} path={`referrals.${i}.referredOn`} label="cases.referredOn" required />
            <SelectField
              form={form}
              path={`referrals.${i}.status`}
              label="cases.referralStatus"
              list="referralStatuses"
              options={referralStatuses}
              placeholder={false}
            />
            <button
              type="button"
              class="danger"
              onClick={() => {
                form.set(
                  'referrals',
                  referrals.filter((x) => x.key !== r.key),
                );
                // The button is gone; keyboard users continue from "Add a referral".
                addButton.current?.focus();
              }}
            >
              {t('cases.removeReferral', { n })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" ref={addButton} onClick={add}>
        {t('cases.addReferral')}
      </button>
    </fieldset>
  );
}
