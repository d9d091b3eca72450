// Opening a record form: a new record (`id` is `new`) gets its id and blank value at once; a saved one is read
// from its repo, and a missing or deleted one says so. The form state and its draft come from useRecordForm.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import { draftKey } from '../../records/drafts';
import type { RecordBase } from '../../records/fields';
import { newId } from '../../records/repo-core';
import { type RecordForm, useRecordForm } from './useRecordForm';

interface Options<I, R extends RecordBase> {
  /** The route's id: `new` or a record id. */
  id: string;
  /** The draft's record type, e.g. `activities`. */
  type: string;
  schema: z.ZodMiniType<I>;
  blank: () => I;
  load: (id: string) => Promise<R | undefined>;
  /** The typed part of a stored record (what the form edits). */
  fieldsOf: (record: R) => I;
}

export interface RecordEditor<I> {
  isNew: boolean;
  /** A new record's id exists before it is saved, so another record can point at it. */
  recordId: string;
  form: RecordForm<I>;
  missing: boolean;
}

export function useRecordEditor<I, R extends RecordBase>(o: Options<I, R>): RecordEditor<I> {
  const isNew = o.id === 'new';
  const recordId = useMemo(() => (isNew ? newId() : o.id), [o.id]);
  const [initial, setInitial] = useState<I | undefined>(() => (isNew ? o.blank() : undefined));
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (isNew) return;
    o.load(recordId).then((r) => {
      if (r && r.deletedAt === null) setInitial(o.fieldsOf(r));
      else setMissing(true);
    });
  }, [recordId]);

  const form = useRecordForm<I>({
    schema: o.schema,
    initial,
    draftKey: draftKey(o.type, isNew ? 'new' : recordId),
  });
  return { isNew, recordId, form, missing };
}
