// Opening a record form. A new record (`id` is `new`) gets its id when the form opens, kept in the address
// (`?draft=<id>`) and in its draft's key: a reload, a crash or a restored tab comes back to the same draft,
// two tabs each keep their own, and saving again after a crash mid-save replaces the record it made instead
// of making a second one (issue 11.5–6). A saved record is read from its repo; a missing or deleted one says
// so, and a read that fails says that too instead of "Loading…" forever. The form state and its draft come
// from useRecordForm.
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import type { RecordBase, RecordTable } from '../../db/db';
import { type ErrorCode, toPelitaError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { navigate, path, query } from '../../lib/router';
import { draftKey } from '../../records/drafts';
import { type RecordForm, useRecordForm } from './useRecordForm';

interface Options<I, R extends RecordBase> {
  /** The route's id: `new` or a record id. */
  id: string;
  /** The record's table, which names its drafts. */
  table: RecordTable;
  schema: z.ZodMiniType<I>;
  /** A new record's starting value (may read something first, e.g. the inspection a case comes from). */
  blank: () => I | Promise<I>;
  load: (id: string) => Promise<R | undefined>;
  /** The typed part of a stored record (what the form edits). */
  fieldsOf: (record: R) => I;
}

export interface RecordEditor<I> {
  table: RecordTable;
  /** True until the record is on the device. */
  isNew: boolean;
  /** Fixed when the form opens: a new record's id exists before it is saved, so another can point at it. */
  recordId: string;
  form: RecordForm<I>;
  missing: boolean;
  /** Why the record could not be read (storage unavailable…), or null. */
  failed: ErrorCode | null;
  /** After the first save: the form now edits the saved record (its fields as stored). */
  markSaved(fields: I): void;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Puts the form's id in the address, so a reload or a restored tab opens this form's draft again. */
function keepInAddress(id: string) {
  if (query('draft') === id) return;
  const [pathname, search = ''] = path.value.split('?');
  const params = new URLSearchParams(search);
  params.set('draft', id);
  navigate(`${pathname}?${params}`, { replace: true });
}

export function useRecordEditor<I, R extends RecordBase>(o: Options<I, R>): RecordEditor<I> {
  const opensNew = o.id === 'new';
  // The form's record id: fixed when it opens. "Resume" on another draft of this form changes only
  // `?draft=` in the address (the same screen stays): then the form switches to that draft. The address of
  // another screen (the form still shown while the next screen loads) changes nothing.
  const mountedAt = useRef(path.value.split('?')[0]);
  const id = useRef<string>();
  const draftParam = opensNew && path.value.split('?')[0] === mountedAt.current ? query('draft') : null;
  if (draftParam && ID.test(draftParam)) id.current = draftParam;
  id.current ??= opensNew ? newId() : o.id;
  const recordId = id.current;
  const [isNew, setIsNew] = useState(opensNew);
  const [initial, setInitial] = useState<I | undefined>(undefined);
  const [savedAt, setSavedAt] = useState<string | undefined>(undefined);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState<ErrorCode | null>(null);

  useEffect(() => {
    if (opensNew) keepInAddress(recordId);
  }, []);

  useEffect(() => {
    let live = true;
    (async () => {
      // A new form's record may already be saved: the browser stopped between the save and leaving the form.
      const record = await o.load(recordId);
      const saved = !!record && record.deletedAt === null;
      if (live) {
        setIsNew(!saved);
        setSavedAt(saved ? record.updatedAt : undefined);
      }
      if (saved) return o.fieldsOf(record);
      if (!opensNew) return null;
      return o.blank();
    })().then(
      (value) => {
        if (!live) return;
        if (value === null) setMissing(true);
        else setInitial(value);
      },
      (err: unknown) => {
        if (live) setFailed(toPelitaError(err).code);
      },
    );
    return () => {
      live = false;
    };
  }, [recordId]);

  const form = useRecordForm<I>({
    schema: o.schema,
    initial,
    draftKey: draftKey(o.table, recordId),
    savedAt,
  });
  const markSaved = (fields: I) => {
    setIsNew(false);
    form.reset(fields);
  };
  return { table: o.table, isNew, recordId, form, missing, failed, markSaved };
}
