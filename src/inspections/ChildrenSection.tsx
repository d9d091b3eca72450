// The children found in an inspection: one row each, added and removed in place. A row can open the child's
// case, or create one (the form saves the inspection first, see Form.tsx). Focus follows the rows so a
// keyboard or screen-reader user is never dropped at the top of the page after Add or Remove.
import { useEffect, useRef } from 'preact/hooks';
import { formatNumber, t } from '../i18n/i18n';
import { newId } from '../lib/ids';
import { childSexes, UNKNOWN, worstForms, yesNoUnknown } from '../records/codes';
import { CheckField, NumberField, RadioGroup, YesNoField } from '../ui/form/fields';
import type { RecordForm } from '../ui/form/useRecordForm';
import { Link } from '../ui/Link';
import { showToast } from '../ui/toast';
import type { ChildFound, InspectionInput } from './schema';

/** A row as typed: answers not given yet are undefined until Save checks them. */
type Row = Partial<ChildFound> & { key: string };

const WORST_FORMS = [...worstForms, UNKNOWN] as const;

export function newChildRow(): Row {
  return { key: newId(), age: undefined, ageEstimated: false };
}

interface Props {
  form: RecordForm<InspectionInput>;
  /** Saves the inspection and opens a new case for the row; resolves false when the form has errors. */
  onCreateCase: (childKey: string) => Promise<boolean>;
  /** True after "Create child case" found errors: the message below says why nothing happened. */
  blocked: boolean;
}

export function ChildrenSection({ form, onCreateCase, blocked }: Props) {
  const rows = (form.get('children') as Row[] | undefined) ?? [];
  const addButton = useRef<HTMLButtonElement>(null);
  // Where focus goes after the next render: a row's key, or 'add' for the Add button.
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    const el = target === 'add' ? addButton.current : document.getElementById(`child-${target}`);
    // This section may render again before the form's new rows reach it: keep the wish until the row exists.
    if (!el) return;
    focusNext.current = null;
    el.focus();
  });

  const add = () => {
    const row = newChildRow();
    form.set('children', [...rows, row]);
    focusNext.current = row.key;
  };

  // Undo runs later, from a toast: it must read the rows as they are then, not as this render saw them.
  const latest = useRef(rows);
  latest.current = rows;

  const remove = (index: number) => {
    const gone = rows[index];
    const next = rows.filter((_, i) => i !== index);
    form.set('children', next);
    // The row that took this one's place, else the one before, else the Add button.
    focusNext.current = next[index]?.key ?? next[index - 1]?.key ?? 'add';
    if (!gone) return;
    // A slip of the thumb costs nothing: the row comes back where it was, with its answers.
    showToast(t('inspections.children.removed', { n: formatNumber(index + 1) }), 'info', {
      label: t('form.undo'),
      run: () => {
        const now = latest.current.filter((r) => r.key !== gone.key);
        form.set('children', [...now.slice(0, index), gone, ...now.slice(index)]);
        focusNext.current = gone.key;
      },
    });
  };

  return (
    <fieldset>
      <legend>{t('inspections.children.legend')}</legend>
      <YesNoField form={form} path="childLabourToolUsed" label="inspections.children.toolUsed" required />
      {rows.length === 0 && <p class="hint">{t('inspections.children.none')}</p>}
      {rows.map((row, i) => (
        <ChildRow
          key={row.key}
          form={form}
          row={row}
          index={i}
          onRemove={() => remove(i)}
          onCreateCase={() => onCreateCase(row.key)}
        />
      ))}
      <div role="alert">{blocked && <p class="field-error">{t('inspections.children.fixFirst')}</p>}</div>
      <button type="button" ref={addButton} onClick={add}>
        {t('inspections.children.add')}
      </button>
    </fieldset>
  );
}

interface RowProps {
  form: RecordForm<InspectionInput>;
  row: Row;
  index: number;
  onRemove: () => void;
  onCreateCase: () => Promise<boolean>;
}

function ChildRow({ form, row, index, onRemove, onCreateCase }: RowProps) {
  const p = `children.${index}`;
  const n = index + 1;
  const unknownId = `f-children-${index}-ageUnknown`;
  return (
    <fieldset id={`child-${row.key}`} tabIndex={-1} class="row">
      <legend>{t('inspections.children.child', { n })}</legend>
      <RadioGroup
        form={form}
        path={`${p}.sex`}
        label="inspections.children.sex"
        list="childSexes"
        options={childSexes}
        required
      />
      <NumberField
        form={form}
        path={`${p}.age`}
        label="inspections.children.age"
        min={0}
        max={25}
        emptyAs={undefined}
      />
      <div class="field">
        <label class="check" for={unknownId}>
          <input
            id={unknownId}
            type="checkbox"
            checked={row.age === null}
            // Ticked, the age is null ("not known"); unticked, it is blank again and must be typed.
            onChange={(e) => form.set(`${p}.age`, e.currentTarget.checked ? null : undefined)}
          />
          {t('inspections.children.ageUnknown')}
        </label>
      </div>
      <CheckField form={form} path={`${p}.ageEstimated`} label="inspections.children.ageEstimated" />
      <RadioGroup
        form={form}
        path={`${p}.hazardous`}
        label="inspections.children.hazardous"
        list="yesNoUnknown"
        options={yesNoUnknown}
        required
      />
      <RadioGroup
        form={form}
        path={`${p}.worstForm`}
        label="inspections.children.worstForm"
        list="worstForms"
        options={WORST_FORMS}
        required
      />
      <div class="actions">
        {row.caseId ? (
          <Link href={`/cases/${row.caseId}`} class="button">
            {t('inspections.children.openCase')}
          </Link>
        ) : (
          <button type="button" onClick={() => void onCreateCase()}>
            {t('inspections.children.createCase')}
          </button>
        )}
        <button type="button" class="danger" onClick={onRemove}>
          {t('inspections.children.remove', { n })}
        </button>
      </div>
    </fieldset>
  );
}
