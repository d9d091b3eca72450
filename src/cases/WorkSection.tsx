// The child's work, as raw answers (SPEC §3: store the answers, derive the category). Empty hours mean "not
// known", which is not the same as 0.
import { t } from '../i18n/i18n';
import {
  hazardConditions,
  isicSections,
  UNKNOWN,
  workStatuses,
  worstForms,
  yesNoUnknown,
} from '../records/codes';
import { CheckboxGroup, NumberField, RadioGroup, SelectField } from '../ui/form/fields';
import type { RecordForm } from '../ui/form/useRecordForm';
import type { CaseFormValue } from './schema';

export function WorkSection({ form }: { form: RecordForm<CaseFormValue> }) {
  return (
    <fieldset>
      <legend>{t('cases.work')}</legend>
      <SelectField
        form={form}
        path="work.isic"
        label="cases.isic"
        list="isicSections"
        options={[...isicSections, UNKNOWN]}
        placeholder={false}
      />
      <SelectField
        form={form}
        path="work.workStatus"
        label="cases.workStatus"
        list="workStatuses"
        options={[...workStatuses, UNKNOWN]}
        placeholder={false}
      />
      <NumberField
        form={form}
        path="work.economicHours"
        label="cases.economicHours"
        hint="cases.hoursHint"
        min={0}
        max={168}
        step="any"
        emptyAs={null}
      />
      <NumberField
        form={form}
        path="work.choreHours"
        label="cases.choreHours"
        hint="cases.hoursHint"
        min={0}
        max={168}
        step="any"
        emptyAs={null}
      />
      <RadioGroup
        form={form}
        path="work.nightWork"
        label="cases.nightWork"
        list="yesNoUnknown"
        options={yesNoUnknown}
      />
      <SelectField
        form={form}
        path="work.worstForm"
        label="cases.worstForm"
        hint="cases.worstFormHint"
        list="worstForms"
        options={[...worstForms, UNKNOWN]}
        placeholder={false}
      />
      <CheckboxGroup
        form={form}
        path="work.hazards"
        label="cases.hazards"
        hint="cases.hazardsHint"
        list="hazardConditions"
        options={hazardConditions}
      />
      <RadioGroup
        form={form}
        path="work.inSchool"
        label="cases.inSchool"
        list="yesNoUnknown"
        options={yesNoUnknown}
      />
    </fieldset>
  );
}
