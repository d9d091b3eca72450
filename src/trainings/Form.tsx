// The training session form (SPEC §2.2): the session (dates, title, topics, modality, location, organiser)
// and its attendance (./ParticipantsSection.tsx). A draft is kept as the person types; Save writes the session
// and marks for sync every month and location it counts in.
import { useEffect, useRef, useState } from 'preact/hooks';
import { navigate } from '../app/router';
import { t } from '../i18n/i18n';
import { LocationPicker } from '../locations/LocationPicker';
import { modalities, trainingTopics } from '../records/codes';
import { draftKey } from '../records/drafts';
import { today } from '../records/periods';
import { settings } from '../settings/repo';
import { FormShell } from '../ui/form/FormShell';
import { CheckboxGroup, DateField, RadioGroup, TextField } from '../ui/form/fields';
import { type RecordForm, useRecordForm } from '../ui/form/useRecordForm';
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
  const id = params.id === 'new' ? undefined : params.id;
  const [initial, setInitial] = useState<TrainingInput | undefined>(() => (id ? undefined : blank()));
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (!id) return;
    let live = true;
    getTraining(id).then((r) => {
      if (!live) return;
      if (r && r.deletedAt === null) setInitial(inputOf(r));
      else setMissing(true);
    });
    return () => {
      live = false;
    };
  }, [id]);

  const form = useRecordForm<TrainingInput>({
    schema: trainingInput,
    initial,
    draftKey: draftKey('training', id ?? 'new'),
  });
  useEndFollowsStart(form);

  if (missing) {
    return (
      <section>
        <h1>{t('trainings.editTitle')}</h1>
        <p>{t('form.notFound')}</p>
        <Link href="/trainings">{t('trainings.backToList')}</Link>
      </section>
    );
  }
  if (!form.ready) return <p aria-busy="true">{t('common.loading')}</p>;

  return (
    <FormShell
      form={form}
      title={id ? 'trainings.editTitle' : 'trainings.newTitle'}
      onSave={async (value) => {
        await saveTraining(value, id);
        // Cleared here, before leaving: the list is where the saved session shows, newest first.
        await form.clearDraft();
        navigate('/trainings');
      }}
      onSaveAndNew={
        !id
          ? async (value) => {
              await saveTraining(value, id);
              await form.clearDraft();
              navigate('/trainings/new', { fresh: true });
            }
          : undefined
      }
      onDelete={
        id
          ? async () => {
              await deleteTraining(id);
              navigate('/trainings');
              return { undo: () => undoDeleteTraining(id) };
            }
          : undefined
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
