// The frame every record form shares: title, the draft notice, the error summary, Save, and Delete with Undo.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { PelitaError } from '../../app/errors';
import type { RecordTable } from '../../db/db';
import { formatDate, t } from '../../i18n/i18n';
import { showToast } from '../toast';
import { OtherDrafts } from './OtherDrafts';
import type { RecordForm } from './useRecordForm';

interface Props<T> {
  form: RecordForm<T>;
  /** Translation key of the heading. */
  title: string;
  /** Saves the validated value; returns when it is on the device. */
  onSave: (value: T) => Promise<void>;
  /** Present for saved records: soft delete, with Undo in the toast. */
  onDelete?: (() => Promise<{ undo: () => Promise<void> }>) | undefined;
  /** A new record's form: its other unsaved drafts are listed, to resume or discard. */
  otherDrafts?: { table: RecordTable; recordId: string } | undefined;
  children: ComponentChildren;
}

const errorCode = (err: unknown) => (err instanceof PelitaError ? err.code : 'errors.unexpected');

export function FormShell<T>({ form, title, onSave, onDelete, otherDrafts, children }: Props<T>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const value = form.validate();
    if (!value) {
      setProblem('form.fixErrors');
      // Move focus to the summary so a screen reader hears it; the fields stay as typed.
      setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onSave(value);
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
    <form class="record-form" onSubmit={submit} noValidate>
      <h1>{t(title)}</h1>
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
        {problem && t(problem)}
      </div>
      <p class="hint">{t('form.required')}</p>
      {children}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
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
