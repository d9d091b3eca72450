// The inspection form (SPEC §2.1), new (`/inspections/new`) or saved (`/inspections/<id>`). Drafts are kept as
// the person types (useRecordForm); Save validates everything and goes back to the list.
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { today } from '../lib/dates';
import { PelitaError } from '../lib/errors';
import { navigate } from '../lib/router';
import { LocationPicker } from '../locations/LocationPicker';
import { formality, inspectionTypes, isicSections, UNKNOWN } from '../records/codes';
import { settings } from '../settings/repo';
import { formGate } from '../ui/form/FormGate';
import { FormShell } from '../ui/form/FormShell';
import { DateField, NumberField, RadioGroup, SelectField, TextField, YesNoField } from '../ui/form/fields';
import { Section } from '../ui/form/Section';
import { useRecordEditor } from '../ui/form/useRecordEditor';
import type { RecordForm } from '../ui/form/useRecordForm';
import { showToast } from '../ui/toast';
import { ChildrenSection } from './ChildrenSection';
import { OutcomesSection } from './OutcomesSection';
import { PointField } from './PointField';
import { deleteInspection, getInspection, saveInspection, undoDeleteInspection } from './repo';
import { type Inspection, type InspectionInput, inspectionInput } from './schema';

type Form = RecordForm<InspectionInput>;

/** A new inspection: today, the device's default location, every question still to answer. */
function blank(): InspectionInput {
  return {
    orgUnit: settings.value.defaultOrgUnit ?? '',
    date: today(),
    establishment: { name: '' },
    children: [],
    outcomes: [],
  } as unknown as InspectionInput;
}

/** The typed part of a stored inspection (what the form edits). */
function fieldsOf(record: Inspection): InspectionInput {
  const { id: _i, createdAt: _c, updatedAt: _u, deletedAt: _d, periods: _p, ...fields } = record;
  delete (fields as { dueOn?: unknown }).dueOn;
  return fields;
}

export function InspectionForm({ params }: { params: Record<string, string> }) {
  // A new inspection gets its id now, so "Create child case" can save it and point the case at it.
  const editor = useRecordEditor({
    id: params.id as string,
    table: 'inspections',
    schema: inspectionInput,
    blank,
    load: getInspection,
    fieldsOf,
  });
  const { isNew, recordId, form } = editor;
  const [blocked, setBlocked] = useState(false);
  const gate = formGate(editor, 'inspections.editTitle');
  if (gate) return gate;

  const createCase = async (childKey: string) => {
    const value = form.validate();
    setBlocked(!value);
    if (!value) return false;
    let saved: Inspection;
    try {
      saved = await saveInspection(value, recordId);
    } catch (err) {
      // Storage full or refused: say so in words the person can act on; what they typed stays.
      showToast(t(err instanceof PelitaError ? err.code : 'errors.unexpected'), 'error');
      return false;
    }
    await form.clearDraft();
    // Back from the case form lands on this inspection, saved, not on an empty new one.
    navigate(`/inspections/${saved.id}`, { replace: true });
    navigate(`/cases/new?inspection=${encodeURIComponent(saved.id)}&child=${encodeURIComponent(childKey)}`);
    return true;
  };

  return (
    <FormShell
      form={form}
      title={isNew ? 'inspections.newTitle' : 'inspections.editTitle'}
      otherDrafts={isNew ? editor : undefined}
      onSave={async (value) => {
        await saveInspection(value, recordId);
        navigate('/inspections');
      }}
      onSaveAndNew={
        isNew
          ? async (value) => {
              await saveInspection(value, recordId);
              navigate('/inspections/new', { fresh: true });
            }
          : undefined
      }
      onDelete={
        isNew
          ? undefined
          : async () => {
              await deleteInspection(recordId);
              navigate('/inspections');
              return { undo: () => undoDeleteInspection(recordId) };
            }
      }
    >
      <Section title="inspections.visit.legend">
        <VisitSection form={form} />
      </Section>
      <Section title="inspections.establishment.legend">
        <EstablishmentSection form={form} />
      </Section>
      <Section title="inspections.children.legend">
        <ChildrenSection
          form={form}
          onCreateCase={createCase}
          blocked={blocked && !inspectionInput.safeParse(form.value).success}
        />
      </Section>
      <Section title="inspections.outcomes.legend">
        <OutcomesSection form={form} />
      </Section>
    </FormShell>
  );
}

function VisitSection({ form }: { form: Form }) {
  return (
    <fieldset>
      <legend>{t('inspections.visit.legend')}</legend>
      <DateField form={form} path="date" label="inspections.visit.date" max={today()} required />
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
      {/* Five choices: radios, one tap each (a select is two: open, choose). */}
      <RadioGroup
        form={form}
        path="type"
        label="inspections.visit.type"
        list="inspectionTypes"
        options={inspectionTypes}
        required
      />
      <YesNoField form={form} path="announced" label="inspections.visit.announced" required />
    </fieldset>
  );
}

const ISIC = [...isicSections, UNKNOWN] as const;
const FORMALITY = [...formality, UNKNOWN] as const;

function EstablishmentSection({ form }: { form: Form }) {
  return (
    <fieldset>
      <legend>{t('inspections.establishment.legend')}</legend>
      <TextField
        form={form}
        path="establishment.name"
        label="inspections.establishment.name"
        hint="inspections.establishment.nameHint"
        maxLength={200}
        required
      />
      <SelectField
        form={form}
        path="establishment.isic"
        label="inspections.establishment.isic"
        list="isicSections"
        options={ISIC}
        required
      />
      <RadioGroup
        form={form}
        path="establishment.formality"
        label="inspections.establishment.formality"
        list="formality"
        options={FORMALITY}
        required
      />
      <YesNoField
        form={form}
        path="establishment.hardToReach"
        label="inspections.establishment.hardToReach"
        hint="inspections.establishment.hardToReachHint"
        required
      />
      <fieldset>
        <legend>{t('inspections.establishment.workers')}</legend>
        <div class="grid-2">
          <NumberField
            form={form}
            path="establishment.workersFemale"
            label="inspections.establishment.workersFemale"
            min={0}
          />
          <NumberField
            form={form}
            path="establishment.workersMale"
            label="inspections.establishment.workersMale"
            min={0}
          />
        </div>
      </fieldset>
      <PointField form={form} />
    </fieldset>
  );
}
