// The activity form (SPEC §2.4), new (`/activities/new`) or saved (`/activities/<id>`). Drafts are kept as the
// person types (useRecordForm); Save validates everything and goes back to the list.

import { today } from '../lib/dates';
import { navigate } from '../lib/router';
import { LocationPicker } from '../locations/LocationPicker';
import { activityKinds } from '../records/codes';
import { settings } from '../settings/repo';
import { formGate } from '../ui/form/FormGate';
import { FormShell } from '../ui/form/FormShell';
import { DateField, SelectField, TextField } from '../ui/form/fields';
import { useRecordEditor } from '../ui/form/useRecordEditor';
import { deleteActivity, getActivity, saveActivity, undoDeleteActivity } from './repo';
import { type Activity, type ActivityInput, activityInput } from './schema';

/** A new activity: today, the device's default location, the rest still to fill in. */
function blank(): ActivityInput {
  return { orgUnit: settings.value.defaultOrgUnit ?? '', date: today(), title: '' } as ActivityInput;
}

/** The typed part of a stored activity (what the form edits). */
function fieldsOf(record: Activity): ActivityInput {
  const { id: _i, createdAt: _c, updatedAt: _u, deletedAt: _d, periods: _p, ...fields } = record;
  return fields;
}

export function ActivityForm({ params }: { params: Record<string, string> }) {
  const editor = useRecordEditor({
    id: params.id as string,
    table: 'activities',
    schema: activityInput,
    blank,
    load: getActivity,
    fieldsOf,
  });

  const { isNew, recordId, form } = editor;
  const gate = formGate(editor, 'activities.editTitle');
  if (gate) return gate;

  return (
    <FormShell
      form={form}
      title={isNew ? 'activities.newTitle' : 'activities.editTitle'}
      otherDrafts={isNew ? editor : undefined}
      onSave={async (value) => {
        await saveActivity(value, recordId);
        navigate('/activities');
      }}
      onSaveAndNew={
        isNew
          ? async (value) => {
              await saveActivity(value, recordId);
              navigate('/activities/new', { fresh: true });
            }
          : undefined
      }
      onDelete={
        isNew
          ? undefined
          : async () => {
              await deleteActivity(recordId);
              navigate('/activities');
              return { undo: () => undoDeleteActivity(recordId) };
            }
      }
    >
      <DateField form={form} path="date" label="activities.date" required />
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
      <SelectField
        form={form}
        path="kind"
        label="activities.kind"
        list="activityKinds"
        options={activityKinds}
        required
      />
      <TextField
        form={form}
        path="title"
        label="activities.name"
        hint="activities.nameHint"
        maxLength={200}
        required
      />
      <TextField form={form} path="notes" label="form.notes" multiline maxLength={4000} />
    </FormShell>
  );
}
