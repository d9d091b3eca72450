// The training session form (SPEC §2.2): the session (dates, title, topics, modality, location, organiser)
// and its attendance (./ParticipantsSection.tsx). A draft is kept as the person types; Save writes the session
// and marks for sync every month and location it counts in.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { today } from '../lib/dates';
import { navigate } from '../lib/router';
import { LocationPicker } from '../locations/LocationPicker';
import { modalities, trainingTopics } from '../records/codes';
import { settings } from '../settings/repo';
import { formGate } from '../ui/form/FormGate';
import { FormShell } from '../ui/form/FormShell';
import { CheckboxGroup, DateField, RadioGroup, TextField } from '../ui/form/fields';
import { useRecordEditor } from '../ui/form/useRecordEditor';
import type { RecordForm } from '../ui/form/useRecordForm';
import { Link } from '../ui/Link';
import { ParticipantsSection } from './ParticipantsSection';
import { deleteTraining, getTraining, inputOf, saveTraining, undoDeleteTraining } from './repo';
import { type TrainingInput, trainingInput } from './schema';
import './trainings.css';

/** A new session: today, at the device's default location, no one yet. Unanswered fields stay empty. */
function blank(): TrainingInput {
  const day = today();
  return {
    startDate: day,
    endDate: day,
    title: '',
    topics: [],
    orgUnit: settings.value.defaultOrgUnit ?? '',
    participants: [],
  } as unknown as TrainingInput;
}

/**
 * A one-day session is the common case: when the start date moves and the end date still equalled the old
 * start, the end date moves with it.
 */
function useEndFollowsStart(form: RecordForm<TrainingInput>) {
  const start = form.ready ? form.value.startDate : undefined;
  const previous = useRef<string | undefined>(undefined);
  // Runs only when the start date changes (not on every keystroke elsewhere).
  useEffect(() => {
    const before = previous.current;
    previous.current = start;
    if (before && start && before !== start && form.value.endDate === before) form.set('endDate', start);
  }, [start]);
}

function SessionFields({ form }: { form: RecordForm<TrainingInput> }) {
  const v = form.value;
  // Rows still at the session's old location follow it; rows set to somewhere else keep their place.
  const moveTo = (code: string | null) => {
    const old = v.orgUnit;
    form.set(
      'participants',
      v.participants.map((p) => (!p.orgUnit || p.orgUnit === old ? { ...p, orgUnit: code ?? '' } : p)),
    );
    form.set('orgUnit', code ?? undefined);
    form.touch('orgUnit');
  };
  return (
    <fieldset>
      <legend>{t('trainings.sections.session')}</legend>
      <TextField form={form} path="title" label="trainings.titleField" hint="trainings.titleHint" required />
      <div class="grid-2">
        <DateField form={form} path="startDate" label="trainings.startDate" required />
        <DateField form={form} path="endDate" label="trainings.endDate" min={v.startDate} required />
      </div>
      <CheckboxGroup
        form={form}
        path="topics"
        label="trainings.topics"
        hint="trainings.topicsHint"
        list="trainingTopics"
        options={trainingTopics}
      />
      <RadioGroup
        form={form}
        path="modality"
        label="trainings.modality"
        list="modalities"
        options={modalities}
      />
      <LocationPicker
        id="f-orgUnit"
        label="trainings.location"
        hint="trainings.locationHint"
        value={v.orgUnit}
        onChange={moveTo}
        onBlur={() => form.touch('orgUnit')}
        error={form.error('orgUnit')}
        required
      />
      <TextField form={form} path="organiser" label="trainings.organiser" hint="trainings.organiserHint" />
    </fieldset>
  );
}

export function TrainingForm({ params }: { params: Record<string, string> }) {
  const editor = useRecordEditor({
    id: params.id as string,
    table: 'trainings',
    schema: trainingInput,
    blank,
    load: getTraining,
    fieldsOf: inputOf,
  });
  const { isNew, recordId, form } = editor;
  useEndFollowsStart(form);

  const gate = formGate(
    editor,
    'trainings.editTitle',
    <Link href="/trainings">{t('trainings.backToList')}</Link>,
  );
  if (gate) return gate;

  return (
    <FormShell
      form={form}
      title={isNew ? 'trainings.newTitle' : 'trainings.editTitle'}
      otherDrafts={isNew ? editor : undefined}
      onSave={async (value) => {
        await saveTraining(value, recordId);
        navigate('/trainings');
      }}
      onSaveAndNew={
        isNew
          ? async (value) => {
              await saveTraining(value, recordId);
              navigate('/trainings/new', { fresh: true });
            }
          : undefined
      }
      onDelete={
        isNew
          ? undefined
          : async () => {
              await deleteTraining(recordId);
              navigate('/trainings');
              return { undo: () => undoDeleteTraining(recordId) };
            }
      }
    >
      <p>
        <Link href="/trainings">{t('trainings.backToList')}</Link>
      </p>
      <SessionFields form={form} />
      <ParticipantsSection form={form} />
    </FormShell>
  );
}
