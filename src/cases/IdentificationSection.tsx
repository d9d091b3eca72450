// Identification: the case code (assigned on first save, then read-only), when and how the child was
// identified, and the inspection the case came from.
import { t } from '../i18n/i18n';
import { today } from '../lib/dates';
import { channels } from '../records/codes';
import { DateField, SelectField } from '../ui/form/fields';
import type { RecordForm } from '../ui/form/useRecordForm';
import { Link } from '../ui/Link';
import type { CaseFormValue } from './schema';

export function IdentificationSection({ form }: { form: RecordForm<CaseFormValue> }) {
  const { caseCode, inspectionId } = form.value;
  return (
    <fieldset>
      <legend>{t('cases.identification')}</legend>
      <dl class="facts">
        <dt>{t('cases.caseCode')}</dt>
        <dd class={caseCode ? 'case-code' : undefined}>{caseCode ?? t('cases.codeWhenSaved')}</dd>
      </dl>
      <DateField form={form} path="identifiedOn" label="cases.identifiedOn" required max={today()} />
      <SelectField
        form={form}
        path="channel"
        label="cases.channel"
        list="channels"
        options={channels}
        required
      />
      {inspectionId && (
        <p>
          <Link href={`/inspections/${inspectionId}`}>{t('cases.fromInspection')}</Link>
        </p>
      )}
    </fieldset>
  );
}
