// Where the case is in its workflow: identified → referred → receiving services → withdrawn (verified) →
// monitoring → closed. Withdrawal needs the date it was verified (it counts in that month's
// CHILDREN_WITHDRAWN); closing needs a reason.
import { t } from '../i18n/i18n';
import { today } from '../lib/dates';
import { caseStatuses, closureReasons } from '../records/codes';
import { DateField, SelectField, TextField } from '../ui/form/fields';
import type { RecordForm } from '../ui/form/useRecordForm';
import type { CaseFormValue } from './schema';

export function StatusSection({ form }: { form: RecordForm<CaseFormValue> }) {
  const { status, withdrawnOn } = form.value;
  const withdrawn = status === 'withdrawn_verified';
  return (
    <fieldset>
      <legend>{t('cases.statusSection')}</legend>
      <SelectField
        form={form}
        path="status"
        label="cases.status"
        list="caseStatuses"
        options={caseStatuses}
        placeholder={false}
        onChange={(v) => {
          // A closure reason belongs to a closed case only; the withdrawal date stays (monitoring follows it).
          if (v !== 'closed') form.set('closureReason', undefined);
        }}
      />
      {(withdrawn || withdrawnOn) && (
        <DateField
          form={form}
          path="withdrawnOn"
          label="cases.withdrawnOn"
          hint="cases.withdrawnOnHint"
          required={withdrawn}
          min={form.value.identifiedOn}
          max={today()}
        />
      )}
      {status === 'closed' && (
        <SelectField
          form={form}
          path="closureReason"
          label="cases.closureReason"
          list="closureReasons"
          options={closureReasons}
          required
        />
      )}
      <TextField
        form={form}
        path="notes"
        label="form.notes"
        hint="cases.personalHint"
        multiline
        maxLength={4000}
      />
    </fieldset>
  );
}
