// The child case form (SPEC §2.3): `/cases/new`, `/cases/new?inspection=<id>&child=<rowKey>` (a child found in
// an inspection: pre-filled from it, and linked back once saved) and `/cases/<id>` (edit). Drafts are kept as
// the person types; the case code is assigned on the first save.
import { useEffect, useState } from 'preact/hooks';
import { navigate, query } from '../app/router';
import { t } from '../i18n/i18n';
import { getInspection, linkChildToCase } from '../inspections/repo';
import { draftKey } from '../records/drafts';
import { today } from '../records/periods';
import { newId } from '../records/repo-core';
import { settings } from '../settings/repo';
import { FormShell } from '../ui/form/FormShell';
import { Section } from '../ui/form/Section';
import { useRecordForm } from '../ui/form/useRecordForm';
import { ChildSection, LocationSection } from './ChildSection';
import { FollowUpsSection } from './FollowUpsSection';
import { IdentificationSection } from './IdentificationSection';
import { LiveCategory } from './LiveCategory';
import { blankCase, fromInspection, toFormValue } from './prefill';
import { ConsentSection, ReferralsSection } from './ReferralsSection';
import { deleteCase, getCase, saveCase, undoDeleteCase } from './repo';
import { StatusSection } from './StatusSection';
import { type CaseFormValue, caseForm } from './schema';
import { WorkSection } from './WorkSection';

/** The starting value: the saved case, a case from an inspection row, or a blank one; null when not found. */
async function load(id: string | null, inspectionId: string | null, childKey: string | null) {
  if (id) {
    const saved = await getCase(id);
    return saved && saved.deletedAt === null ? toFormValue(saved) : null;
  }
  const blank = blankCase(today(), settings.value.defaultOrgUnit);
  if (!inspectionId || !childKey) return blank;
  const inspection = await getInspection(inspectionId);
  const row = inspection?.children.find((c) => c.key === childKey);
  return inspection && row ? fromInspection(blank, inspection, row) : blank;
}

export function CaseForm({ params }: { params: Record<string, string> }) {
  const [id, setId] = useState<string | null>(params.id && params.id !== 'new' ? params.id : null);
  const [inspectionId] = useState(() => query('inspection'));
  const [childKey] = useState(() => query('child'));
  const [initial, setInitial] = useState<CaseFormValue | undefined>(undefined);
  const [missing, setMissing] = useState(false);

  // Loads once per screen: the ids a save gives later must not reload the form under the person.
  useEffect(() => {
    let live = true;
    load(id, inspectionId, childKey).then((value) => {
      if (!live) return;
      if (value) setInitial(value);
      else setMissing(true);
    });
    return () => {
      live = false;
    };
  }, []);

  // A case started from an inspection row has its own draft, apart from a plain new case.
  const key = id ?? (inspectionId && childKey ? `new-${inspectionId}-${childKey}` : 'new');
  const form = useRecordForm({ schema: caseForm, initial, draftKey: draftKey('case', key) });

  if (missing) {
    return (
      <section>
        <h1>{t('cases.editTitle')}</h1>
        <p>{t('form.notFound')}</p>
      </section>
    );
  }
  if (!form.ready) return <p aria-busy="true">{t('common.loading')}</p>;

  const save = async (value: CaseFormValue) => {
    const saved = await saveCase({ ...value, id: id ?? newId() });
    if (!id && value.inspectionId && childKey && value.inspectionId === inspectionId) {
      // The inspection row now offers "Open child case". The case is saved either way.
      await linkChildToCase(value.inspectionId, childKey, saved.id).catch((err) => console.warn(err));
    }
    if (id) {
      form.reset(toFormValue(saved));
      return;
    }
    // From now on this is the saved case: its own draft key, its code shown, Delete offered.
    setInitial(toFormValue(saved));
    setId(saved.id);
    navigate(`/cases/${saved.id}`, { replace: true });
  };

  const remove = id
    ? async () => {
        await deleteCase(id);
        navigate('/cases');
        return { undo: () => undoDeleteCase(id) };
      }
    : undefined;

  return (
    <FormShell form={form} title={id ? 'cases.editTitle' : 'cases.newTitle'} onSave={save} onDelete={remove}>
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
  );
}
