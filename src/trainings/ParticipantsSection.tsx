// The attendance part of the training form: one row per participant (a card on a phone, a line of a table on
// a wide screen), add and remove, "Mark all completed", and the paste panel for a whole attendance sheet.
import { Component } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { formatNumber, language, t } from '../i18n/i18n';
import { newId } from '../lib/ids';
import { LocationPicker } from '../locations/LocationPicker';
import type { LocationTree } from '../locations/locations';
import { useLocations } from '../locations/repo';
import { agencies, sexes } from '../records/codes';
import { CheckField, SelectField, TextField } from '../ui/form/fields';
import type { RecordForm } from '../ui/form/useRecordForm';
import { PastePanel } from './PastePanel';
import type { Participant, TrainingInput } from './schema';

type Form = RecordForm<TrainingInput>;
const FIELDS = ['name', 'sex', 'agency', 'occupation', 'orgUnit', 'completed'] as const;

/** A new, empty row; it starts at the session's location, as most participants come from there. */
export const blankParticipant = (orgUnit: string | undefined): Participant =>
  ({ key: newId(), orgUnit: orgUnit ?? '', completed: false }) as unknown as Participant;

interface RowProps {
  form: Form;
  index: number;
  participant: Participant;
  /** The row's visible errors, joined: a change re-renders the row. */
  errors: string;
  lang: string;
  /** The location list (null while it loads), to name the row's location. */
  tree: LocationTree | null;
  onRemove: (index: number) => void;
}

/**
 * One participant. Re-rendered only when its own data, errors or position change, and its location shown as
 * a name with "Change" until the person wants another (or none is set): a sheet of a hundred rows, each with
 * a list of some 300 places, would otherwise be slow to type into on a low-end phone.
 */
class ParticipantRow extends Component<RowProps, { picking: boolean }> {
  override state = { picking: false };

  override shouldComponentUpdate(next: RowProps, nextState: { picking: boolean }) {
    const p = this.props;
    return (
      next.participant !== p.participant ||
      next.index !== p.index ||
      next.errors !== p.errors ||
      next.lang !== p.lang ||
      next.tree !== p.tree ||
      nextState.picking !== this.state.picking
    );
  }

  override componentDidUpdate(_: RowProps, before: { picking: boolean }) {
    // "Change" was pressed: the list it opened gets the focus.
    if (this.state.picking && !before.picking) {
      document.getElementById(`f-participants-${this.props.index}-orgUnit`)?.focus();
    }
  }

  override render({ form, index: i, participant, tree, onRemove }: RowProps) {
    const at = (f: string) => `participants.${i}.${f}`;
    const n = formatNumber(i + 1);
    return (
      <fieldset class="participant">
        <legend>{t('trainings.participant.legend', { n })}</legend>
        <TextField form={form} path={at('name')} label="trainings.participant.name" maxLength={200} />
        <SelectField
          form={form}
          path={at('sex')}
          label="trainings.participant.sex"
          list="sexes"
          options={sexes}
          required
        />
        <SelectField
          form={form}
          path={at('agency')}
          label="trainings.participant.agency"
          list="agencies"
          options={agencies}
          required
        />
        <TextField
          form={form}
          path={at('occupation')}
          label="trainings.participant.occupation"
          maxLength={200}
        />
        {this.state.picking || !participant.orgUnit || form.error(at('orgUnit')) ? (
          <LocationPicker
            id={`f-participants-${i}-orgUnit`}
            label="trainings.participant.location"
            value={participant.orgUnit}
            onChange={(code) => form.set(at('orgUnit'), code ?? undefined)}
            onBlur={() => form.touch(at('orgUnit'))}
            error={form.error(at('orgUnit'))}
            required
          />
        ) : (
          <p class="participant-place">
            <span id={`f-participants-${i}-place`}>
              <strong>{t('trainings.participant.location')}:</strong>{' '}
              {tree?.has(participant.orgUnit) ? tree.nameOf(participant.orgUnit) : participant.orgUnit}
            </span>{' '}
            <button
              type="button"
              aria-describedby={`f-participants-${i}-place`}
              onClick={() => this.setState({ picking: true })}
            >
              {t('trainings.participant.changeLocation')}
            </button>
          </p>
        )}
        <CheckField form={form} path={at('completed')} label="trainings.participant.completed" />
        <button type="button" class="remove" onClick={() => onRemove(i)}>
          {t('trainings.participant.remove', { n })}
        </button>
      </fieldset>
    );
  }
}

export function ParticipantsSection({ form }: { form: Form }) {
  const participants = form.value.participants ?? [];
  const tree = useLocations();
  const completed = participants.filter((p) => p.completed).length;
  const addButton = useRef<HTMLButtonElement>(null);
  // After "Add a participant", the new row's first field gets the focus (set after the row is rendered).
  const focusRow = useRef<number | null>(null);
  useEffect(() => {
    if (focusRow.current === null) return;
    // An effect of an earlier render may run before the row exists: wait for the render that has it.
    const field = document.getElementById(`f-participants-${focusRow.current}-name`);
    if (!field) return;
    field.focus();
    focusRow.current = null;
  });

  const setRows = (rows: Participant[]) => form.set('participants', rows);
  const addOne = () => {
    focusRow.current = participants.length;
    setRows([...participants, blankParticipant(form.value.orgUnit)]);
  };
  // Rows skip renders, so a row may hold an older `remove`: it reads the rows as they are now.
  const latest = useRef(participants);
  latest.current = participants;
  const remove = (index: number) => {
    setRows(latest.current.filter((_, i) => i !== index));
    addButton.current?.focus();
  };
  const markAll = () => setRows(participants.map((p) => (p.completed ? p : { ...p, completed: true })));

  return (
    <fieldset class="participants">
      <legend>{t('trainings.sections.participants')}</legend>
      <p class="hint">{t('trainings.participants.privacy')}</p>
      <p role="status" data-testid="participants-summary">
        {t('trainings.participants.summary', {
          total: formatNumber(participants.length),
          completed: formatNumber(completed),
        })}
      </p>
      <PastePanel sessionOrgUnit={form.value.orgUnit} onAdd={(rows) => setRows([...participants, ...rows])} />
      {participants.length === 0 ? (
        <p>{t('trainings.participants.none')}</p>
      ) : (
        <ol class="participant-rows">
          {participants.map((p, i) => (
            <li key={p.key}>
              <ParticipantRow
                form={form}
                index={i}
                participant={p}
                errors={FIELDS.map((f) => form.error(`participants.${i}.${f}`) ?? '').join('|')}
                lang={language.value}
                tree={tree}
                onRemove={remove}
              />
            </li>
          ))}
        </ol>
      )}
      <div class="actions">
        <button type="button" ref={addButton} onClick={addOne}>
          {t('trainings.participants.add')}
        </button>
        <button
          type="button"
          onClick={markAll}
          disabled={participants.length === 0 || completed === participants.length}
        >
          {t('trainings.participants.markAll')}
        </button>
      </div>
    </fieldset>
  );
}
