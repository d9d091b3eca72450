// The child (personal data stays on the device) and where the child was found.
import { useMemo } from 'preact/hooks';
import { language, t } from '../i18n/i18n';
import { LocationPicker } from '../locations/LocationPicker';
import { placeNames } from '../locations/names';
import { childSexes, settlement, UNKNOWN, yesNoUnknown } from '../records/codes';
import { CheckField, DateField, NumberField, RadioGroup, TextField } from '../ui/form/fields';
import type { RecordForm } from '../ui/form/useRecordForm';
import { NO_COUNTRY, nationalityOptions } from './nationalities';
import type { CaseFormValue } from './schema';

type Props = { form: RecordForm<CaseFormValue> };

/** ASEAN first, then "stateless / unknown", then every other country by its name in the current language. */
function NationalityField({ form }: Props) {
  const lang = language.value;
  const loaded = placeNames.value;
  const countries = loaded?.lang === lang ? loaded.names.countries : null;
  const options = useMemo(() => nationalityOptions(lang, countries), [lang, countries]);
  const error = form.error('child.nationality');
  const id = 'f-child-nationality';
  return (
    <div class="field">
      <label for={id}>
        {t('cases.nationality')}
        <span aria-hidden="true"> *</span>
      </label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      )}
      <select
        id={id}
        value={form.value.child?.nationality ?? ''}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          form.set('child.nationality', e.currentTarget.value || undefined);
          form.touch('child.nationality');
        }}
        onBlur={() => form.touch('child.nationality')}
      >
        <option value="">{t('form.choose')}</option>
        <optgroup label={t('cases.nationalityAsean')}>
          {options.slice(0, 11).map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('cases.nationalityNone')}>
          {NO_COUNTRY.map((c) => (
            <option key={c} value={c}>
              {t(`codes.nationalityGroups.${c}`)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('cases.nationalityOther')}>
          {options.slice(11).map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}

export function ChildSection({ form }: Props) {
  return (
    <fieldset>
      <legend>{t('cases.child')}</legend>
      <TextField
        form={form}
        path="child.name"
        label="cases.childName"
        hint="cases.personalHint"
        maxLength={200}
      />
      <TextField
        form={form}
        path="child.guardianContact"
        label="cases.guardianContact"
        hint="cases.personalHint"
        maxLength={200}
      />
      <RadioGroup
        form={form}
        path="child.sex"
        label="cases.sex"
        list="childSexes"
        options={childSexes}
        required
      />
      <DateField
        form={form}
        path="child.dateOfBirth"
        label="cases.dateOfBirth"
        hint="cases.dateOfBirthHint"
        max={form.value.identifiedOn}
      />
      <NumberField
        form={form}
        path="child.ageYears"
        label="cases.ageYears"
        hint="cases.ageYearsHint"
        min={0}
        max={25}
      />
      <CheckField form={form} path="child.ageEstimated" label="cases.ageEstimated" />
      <NationalityField form={form} />
      <RadioGroup
        form={form}
        path="child.disability"
        label="cases.disability"
        list="yesNoUnknown"
        options={yesNoUnknown}
      />
    </fieldset>
  );
}

export function LocationSection({ form }: Props) {
  return (
    <fieldset>
      <legend>{t('cases.location')}</legend>
      <LocationPicker
        id="f-orgUnit"
        label="form.location"
        value={form.value.orgUnit}
        onChange={(code) => {
          form.set('orgUnit', code ?? '');
          form.touch('orgUnit');
        }}
        onBlur={() => form.touch('orgUnit')}
        error={form.error('orgUnit')}
        required
      />
      <RadioGroup
        form={form}
        path="settlement"
        label="cases.settlement"
        list="settlement"
        options={[...settlement, UNKNOWN]}
      />
    </fieldset>
  );
}
