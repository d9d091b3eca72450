// What a record form shows before it can be edited: "Loading…" while its record and draft are read, "not on
// this device" for a missing record, and — instead of "Loading…" forever — what went wrong when a read failed,
// with a way on. `formGate` returns that screen, or null once the form can be shown.
import type { ComponentChildren } from 'preact';
import { type TKey, t } from '../../i18n/i18n';
import type { RecordEditor } from './useRecordEditor';

export function formGate(
  editor: RecordEditor<unknown> | RecordEditor<never>,
  /** Translation key of the heading shown when the record is missing or could not be read. */
  title: TKey,
  /** Shown under the message (e.g. a link back to the list). */
  back?: ComponentChildren,
) {
  const failed = editor.failed ?? editor.form.loadProblem;
  if (editor.missing || failed) {
    return (
      <section>
        <h1>{t(title)}</h1>
        {failed ? (
          <div role="alert" class="warning">
            <p>{t(failed)}</p>
            <button type="button" onClick={() => location.reload()}>
              {t('form.tryAgain')}
            </button>
          </div>
        ) : (
          <p>{t('form.notFound')}</p>
        )}
        {back}
      </section>
    );
  }
  if (!editor.form.ready) return <p aria-busy="true">{t('common.loading')}</p>;
  return null;
}
