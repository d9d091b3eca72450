// Follow-up visits. The last visit's "next visit due" puts the case on the home screen's Due list.
import { useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { today } from '../lib/dates';
import { yesNoUnknown } from '../records/codes';
import { DateField, RadioGroup, TextField } from '../ui/form/fields';
import type { RecordForm } from '../ui/form/useRecordForm';
import { focusSoon, newFollowUp } from './prefill';
import type { CaseFormValue } from './schema';

export function FollowUpsSection({ form }: { form: RecordForm<CaseFormValue> }) {
  const followUps = form.value.followUps ?? [];
  const addButton = useRef<HTMLButtonElement>(null);
  return (
    <fieldset>
      <legend>{t('cases.followUps')}</legend>
      {followUps.length === 0 && <p class="hint">{t('cases.noFollowUps')}</p>}
      {followUps.map((f, i) => {
        const n = i + 1;
        const at = `followUps.${i}`;
        return (
          <fieldset key={f.key} class="row">
            <legend>{t('cases.followUpN', { n })}</legend>
            <DateField form={form} path={`${at}.date`} label="cases.followUpDate" required />
            <RadioGroup
              form={form}
              path={`${at}.stillWorking`}
              label="cases.stillWorking"
              list="yesNoUnknown"
              options={yesNoUnknown}
            />
            <RadioGroup
              form={form}
              path={`${at}.inSchool`}
              label="cases.inSchoolNow"
              list="yesNoUnknown"
              options={yesNoUnknown}
            />
            <RadioGroup
              form={form}
              path={`${at}.serviceReceived`}
              label="cases.serviceReceived"
              list="yesNoUnknown"
              options={yesNoUnknown}
            />
            <DateField
              form={form}
              path={`${at}.nextVisitDue`}
              label="cases.nextVisitDue"
              hint="cases.nextVisitDueHint"
              min={f.date}
            />
            <TextField
              form={form}
              path={`${at}.notes`}
              label="cases.followUpNotes"
              hint="cases.personalHint"
              multiline
              maxLength={4000}
            />
            <button
              type="button"
              class="danger"
              onClick={() => {
                form.set(
                  'followUps',
                  followUps.filter((x) => x.key !== f.key),
                );
                addButton.current?.focus();
              }}
            >
              {t('cases.removeFollowUp', { n })}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        ref={addButton}
        onClick={() => {
          form.set('followUps', [...followUps, newFollowUp(today())]);
          focusSoon(`f-followUps-${followUps.length}-date`);
        }}
      >
        {t('cases.addFollowUp')}
      </button>
    </fieldset>
  );
}
