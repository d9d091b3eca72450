// The frame every record form shares: title, the draft notice, the error summary, Save, and Delete with Undo.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RecordTable } from '../../db/db';
import { formatDate, type TKey, t } from '../../i18n/i18n';
import { PelitaError } from '../../lib/errors';
import { useFocusOnArrival } from '../focus';
import { showToast } from '../toast';
import { OtherDrafts } from './OtherDrafts';
import type { RecordForm } from './useRecordForm';

interface Props<T> {
  form: RecordForm<T>;
  /** Translation key of the heading. */
  title: TKey;
  /** Saves the validated value; returns when it is on the device. */
  onSave: (value: T) => Promise<void>;
  /** Present for saved records: soft delete, with Undo in the toast. */
  onDelete?: (() => Promise<{ undo: () => Promise<void> }>) | undefined;
  /** Present for new records: saves, then opens an empty form for the next one ("Save and add another"). */
  onSaveAndNew?: ((value: T) => Promise<void>) | undefined;
  /** A new record's form: its other unsaved drafts are listed, to resume or discard. */
  otherDrafts?: { table: RecordTable; recordId: string } | undefined;
  children: ComponentChildren;
}

/** A field that needs an answer, as the error summary lists it. */
interface Problem {
  /** The control's id (or its group's), to move focus there. */
  id: string;
  label: string;
  message: string;
}

/**
 * Every error shown in the form, in page order, read from what the fields render (each field's error has
 * the id `<control id>-error`), so the summary says exactly what the fields say.
 */
function problemsIn(form: HTMLFormElement): Problem[] {
  return [...form.querySelectorAll<HTMLElement>('.field-error[id$="-error"]')].map((el) => {
    const id = el.id.slice(0, -'-error'.length);
    const control = document.getElementById(id);
    const named =
      control?.tagName === 'FIELDSET'
        ? control.querySelector('legend')
        : [...form.querySelectorAll('label')].find((l) => l.htmlFor === id);
    const label = (named?.textContent ?? '').replace(/\s*\*\s*$/, '').trim();
    return { id, label, message: el.textContent ?? '' };
  });
}

/** Opens the collapsed section holding `el`, then focuses it (a group: its checked or first choice). */
function focusField(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
  const target =
    el.tagName === 'FIELDSET'
      ? (el.querySelector<HTMLElement>('input:checked') ??
        el.querySelector<HTMLElement>('input, select, textarea'))
      : el;
  (target ?? el).focus();
}

const errorCode = (err: unknown) => (err instanceof PelitaError ? err.code : 'errors.unexpected');

export function FormShell<T>({
  form,
  title,
  onSave,
  onDelete,
  onSaveAndNew,
  otherDrafts,
  children,
}: Props<T>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TKey | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  // Bumped by each refused Save: the list is read once the fields show their errors.
  const [refused, setRefused] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const formEl = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnArrival(heading);

  useEffect(() => {
    if (!refused || !formEl.current) return;
    const found = problemsIn(formEl.current);
    setProblems(found);
    // Sections folded away open where an answer is missing, so the errors are seen.
    for (const p of found) {
      const d = document.getElementById(p.id)?.closest('details');
      if (d) d.open = true;
    }
    // Move focus to the summary so a screen reader hears it; the fields stay as typed.
    summary.current?.focus();
  }, [refused]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const another = !!onSaveAndNew && (e as SubmitEvent).submitter?.getAttribute('data-another') === 'yes';
    const value = form.validate();
    if (!value) {
      setProblem('form.fixErrors');
      setRefused((n) => n + 1);
      return;
    }
    setBusy(true);
    setProblem(null);
    setProblems([]);
    try {
      await (another && onSaveAndNew ? onSaveAndNew(value) : onSave(value));
      // Buttons work again before "Saved" is announced: whoever reads it can act on it at once. The draft is
      // cleared behind any draft write still on its way (one queue), and a new edit is written after it.
      setBusy(false);
      await form.clearDraft();
      showToast(t('form.saved'), 'success');
    } catch (err) {
      setBusy(false);
      setProblem(err instanceof PelitaError ? err.code : 'errors.unexpected');
      setTimeout(() => summary.current?.focus(), 0);
    }
  };

  return (
    <form class="record-form" onSubmit={submit} noValidate ref={formEl}>
      <h1 ref={heading} tabIndex={-1}>
        {t(title)}
      </h1>
      {form.draftRestored && (
        <p class="notice">
          {t('form.draftRestored', {
            when: formatDate(form.draftRestored, { dateStyle: 'medium', timeStyle: 'short' }),
          })}{' '}
          <button type="button" onClick={() => void form.discardDraft()}>
            {t('form.discardDraft')}
          </button>
        </p>
      )}
      {otherDrafts && <OtherDrafts {...otherDrafts} />}
      {form.draftProblem && (
        // At once and in words: what is typed from now on is not kept if the tab closes, and what to do.
        <p role="alert" class="warning">
          {t('form.draftNotKept')} {t(form.draftProblem)}
        </p>
      )}
      <div ref={summary} tabIndex={-1} role="alert" class={problem ? 'warning' : undefined}>
        {problem && <p>{t(problem)}</p>}
        {problem && problems.length > 0 && (
          <ul class="problems">
            {problems.map((p) => (
              <li key={p.id}>
                <a
                  href={`#${p.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusField(p.id);
                  }}
                >
                  {p.label ? `${p.label}: ${p.message}` : p.message}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p class="hint">{t('form.required')}</p>
      {children}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
        {onSaveAndNew && (
          <button type="submit" data-another="yes" disabled={busy}>
            {t('form.saveAndNew')}
          </button>
        )}
        {onDelete && (
          <button
            type="button"
            class="danger"
            disabled={busy}
            onClick={async () => {
              try {
                const { undo } = await onDelete();
                showToast(t('form.deleted'), 'info', {
                  label: t('form.undo'),
                  run: () =>
                    void undo().then(
                      () => showToast(t('form.restored'), 'success'),
                      (err: unknown) => showToast(t(errorCode(err)), 'error'),
                    ),
                });
              } catch (err) {
                showToast(t(errorCode(err)), 'error');
              }
            }}
          >
            {t('form.delete')}
          </button>
        )}
      </div>
    </form>
  );
}
