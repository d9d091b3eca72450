// What was done at the inspection: the outcomes, the fine (only when "administrative fine" is ticked), the
// court or mediation registration (optional), the follow-up date and notes.
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { authorities, inspectionOutcomes } from '../records/codes';
import { settings } from '../settings/repo';
import { CheckboxGroup, DateField, NumberField, RadioGroup, TextField } from '../ui/form/fields';
import type { RecordForm } from '../ui/form/useRecordForm';
import type { InspectionInput } from './schema';

/** The currency of each ASEAN Member State (ISO 4217); Timor-Leste uses the US dollar. */
export const CURRENCIES: Record<string, string> = {
  BN: 'BND',
  KH: 'KHR',
  ID: 'IDR',
  LA: 'LAK',
  MY: 'MYR',
  MM: 'MMK',
  PH: 'PHP',
  SG: 'SGD',
  TH: 'THB',
  TL: 'USD',
  VN: 'VND',
};

/** The home country's currency; without one set, the country of the record's location (`KH-12` → KHR). */
export function defaultCurrency(orgUnit: string | undefined): string {
  const country = settings.value.homeCountry ?? orgUnit?.slice(0, 2).toUpperCase() ?? '';
  return CURRENCIES[country] ?? '';
}

export function OutcomesSection({ form }: { form: RecordForm<InspectionInput> }) {
  const v = form.value;
  const fined = v.outcomes?.includes('administrative_fine') ?? false;
  const hasFine = v.fine !== undefined;

  // The fine exists exactly while "administrative fine" is ticked: ticking starts it with the default
  // currency, unticking drops it, so a hidden amount is never checked or stored.
  useEffect(() => {
    if (fined && !hasFine) form.set('fine', { currency: defaultCurrency(v.orgUnit) });
    else if (!fined && hasFine) form.set('fine', undefined);
  }, [fined, hasFine]);

  const registered = v.registration !== undefined;

  return (
    <fieldset>
      <legend>{t('inspections.outcomes.legend')}</legend>
      <CheckboxGroup
        form={form}
        path="outcomes"
        label="inspections.outcomes.outcomes"
        list="inspectionOutcomes"
        options={inspectionOutcomes}
      />
      {fined && hasFine && (
        <div class="grid-2">
          <NumberField
            form={form}
            path="fine.amount"
            label="inspections.outcomes.fineAmount"
            min={0}
            step="any"
            required
          />
          <TextField
            form={form}
            path="fine.currency"
            label="inspections.outcomes.fineCurrency"
            hint="inspections.outcomes.fineCurrencyHint"
            maxLength={3}
            required
          />
        </div>
      )}
      <div class="field">
        <label class="check" for="f-registered">
          <input
            id="f-registered"
            type="checkbox"
            checked={registered}
            onChange={(e) => form.set('registration', e.currentTarget.checked ? {} : undefined)}
          />
          {t('inspections.outcomes.registered')}
        </label>
      </div>
      {registered && (
        <fieldset>
          <legend>{t('inspections.outcomes.registration')}</legend>
          <RadioGroup
            form={form}
            path="registration.authority"
            label="inspections.outcomes.authority"
            list="authorities"
            options={authorities}
            required
          />
          <DateField
            form={form}
            path="registration.date"
            label="inspections.outcomes.registeredOn"
            required
          />
          <TextField
            form={form}
            path="registration.reference"
            label="inspections.outcomes.reference"
            maxLength={100}
          />
        </fieldset>
      )}
      <DateField form={form} path="followUpDue" label="inspections.outcomes.followUpDue" />
      <TextField form={form} path="notes" label="form.notes" multiline maxLength={4000} />
    </fieldset>
  );
}
