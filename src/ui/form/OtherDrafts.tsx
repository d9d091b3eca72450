// The other unsaved drafts of a record type, under a new record's form: each can be resumed or discarded
// (issue 11.6). Two tabs, a crash, or a form left for later each leave their own draft; none is lost silently.
import { useEffect, useState } from 'preact/hooks';
import type { RecordTable } from '../../db/db';
import { formatDate, t } from '../../i18n/i18n';
import { newId } from '../../lib/ids';
import { navigate } from '../../lib/router';
import { adoptDraft, clearDraft, type DraftEntry, draftKey, listDrafts } from '../../records/drafts';
import { Link } from '../Link';

interface Props {
  table: RecordTable;
  /** The form's own record: its draft is the one being edited. */
  recordId: string;
}

export function OtherDrafts({ table, recordId }: Props) {
  const [drafts, setDrafts] = useState<DraftEntry[]>([]);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    listDrafts(table).then(
      (all) => live && setDrafts(all.filter((d) => d.recordId !== recordId)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [table, recordId, round]);
  if (drafts.length === 0) return null;

  const resumeOld = async (d: DraftEntry) => {
    const id = newId();
    await adoptDraft(d.key, draftKey(table, id));
    navigate(`/${table}/new?draft=${id}`);
  };
  return (
    <section class="other-drafts" aria-labelledby="other-drafts-title">
      <h2 id="other-drafts-title">{t('form.otherDrafts')}</h2>
      <ul>
        {drafts.map((d) => {
          const when = formatDate(d.savedAt, { dateStyle: 'medium', timeStyle: 'short' });
          return (
            <li key={d.key}>
              {t('form.draftFrom', { when })}{' '}
              {d.recordId ? (
                <Link href={`/${table}/new?draft=${d.recordId}`}>{t('form.resume')}</Link>
              ) : (
                <button type="button" onClick={() => void resumeOld(d)}>
                  {t('form.resume')}
                </button>
              )}{' '}
              <button
                type="button"
                aria-label={t('form.discardFrom', { when })}
                onClick={() => void clearDraft(d.key).then(() => setRound((r) => r + 1))}
              >
                {t('form.discard')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
