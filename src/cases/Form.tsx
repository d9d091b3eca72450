// The child case form (SPEC §2.3): `/cases/new`, `/cases/new?inspection=<id>&child=<rowKey>` (a child found in
// an inspection: pre-filled from it, and linked back once saved) and `/cases/<id>` (edit). Drafts are kept as
// the person types; the case code is assigned on the first save.
import { useState } from 'preact/hooks';
import { getInspection } from '../inspections/repo';
import { today } from '../lib/dates';
import { navigate, query } from '../lib/router';
import { settings } from '../settings/repo';
import { formGate } from '../ui/form/FormGate';
import { FormShell } from '../ui/form/FormShell';
import { Section } from '../ui/form/Section';
import { useRecordEditor } from '../ui/form/useRecordEditor';
import { ChildSection, LocationSection } from './ChildSection';
import { FollowUpsSection } from './FollowUpsSection';
import { HandoverOne } from './HandoverPanel';
import { IdentificationSection } from './IdentificationSection';
import { LiveCategory } from './LiveCategory';
import { blankCase, fromInspection, toFormValue } from './prefill';
import { ConsentSection, ReferralsSection } from './ReferralsSection';
import { deleteCase, getCase, saveCase, undoDeleteCase } from './repo';
import { StatusSection } from './StatusSection';
import { type CaseFormValue, caseForm } from './schema';
import { WorkSection } from './WorkSection';

/** A new case: blank, or from a child found in an inspection (pre-filled from its row). */
async function blankFor(inspectionId: string | null, childKey: string | null): Promise<CaseFormValue> {
  const blank = blankCase(today(), settings.value.defaultOrgUnit);
  if (!inspectionId || !childKey) return blank;
  const inspection = await getInspection(inspectionId);
  const row = inspection?.children.find((c) => c.key === childKey);
  return inspection && row ? fromInspection(blank, inspection, row) : blank;
}

export function CaseForm({ params }: { params: Record<string, string> }) {
  const [inspectionId] = useState(() => query('inspection'));
  const [childKey] = useState(() => query('child'));
  // The case's id is fixed when the form opens and kept in its draft: saving again replaces (issue 11.5).
  const editor = useRecordEditor({
    id: params.id as string,
    table: 'cases',
    schema: caseForm,
    blank: () => blankFor(inspectionId, childKey),
    load: getCase,
    fieldsOf: toFormValue,
  });
  const { isNew, recordId: id, form } = editor;
  const gate = formGate(editor, 'cases.editTitle');
  if (gate) return gate;

  const save = async (value: CaseFormValue) => {
    // From an inspection row: the row is linked in the case's own transaction (both land, or neither).
    const link =
      isNew && value.inspectionId && childKey && value.inspectionId === inspectionId
        ? { inspectionId: value.inspectionId, childKey }
        : undefined;
    const saved = await saveCase({ ...value, id }, link);
    if (!isNew) {
      form.reset(toFormValue(saved));
      return;
    }
    // From now on this is the saved case: its code shown, Delete offered.
    editor.markSaved(toFormValue(saved));
    navigate(`/cases/${saved.id}`, { replace: true });
  };

  const remove = !isNew
    ? async () => {
        await deleteCase(id);
        navigate('/cases');
        return { undo: () => undoDeleteCase(id) };
      }
    : undefined;

  // The handover sits below the form, not in it: Enter in its passphrase must not save the case.
  return (
    <>
      <FormShell
        form={form}
        title={isNew ? 'cases.newTitle' : 'cases.editTitle'}
        onSave={save}
        onDelete={remove}
        otherDrafts={isNew ? editor : undefined}
      >
        <Section title="cases.identification">
          <IdentificationSection form={form} />
        </Section>
        <Section title="cases.child">
          <ChildSection form={form} />
        </Section>
        <Section title="cases.location">
          <LocationSection form={form} />
        </Section>
        <Section title="cases.work">
          <WorkSection form={form} />
        </Section>
        <LiveCategory value={form.value} />
        <Section title="cases.consentSection">
          <ConsentSection form={form} />
        </Section>
        <Section title="cases.referrals">
          <ReferralsSection form={form} />
        </Section>
        <Section title="cases.followUps">
          <FollowUpsSection form={form} />
        </Section>
        <Section title="cases.statusSection">
          <StatusSection form={form} />
        </Section>
      </FormShell>
      {!isNew && <HandoverOne id={id} />}
    </>
  );
}
