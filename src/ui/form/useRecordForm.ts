// Form state for a record form: the value being edited, its errors (translation keys by path), validation on
// the spot (a field is checked once the person leaves it, every field on Save), and a draft written as the
// person types and restored when they come back (SPEC §8).
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import { keyFromData, type TKey } from '../../i18n/i18n';
import { type ErrorCode, toPelitaError } from '../../lib/errors';
import { clearDraft, loadDraft, saveDraft } from '../../records/drafts';
import { getAt, type Path, pathOf, setAt } from './paths';

export interface RecordForm<T> {
  value: T;
  /** Error translation key for a path, shown once the field was touched or Save was pressed. */
  error(path: Path): TKey | undefined;
  set(path: Path, v: unknown): void;
  get(path: Path): unknown;
  touch(path: Path): void;
  /** Validates everything; returns the parsed value or null (and shows every error). */
  validate(): T | null;
  /** Replaces the whole value (e.g. after loading a record). */
  reset(value: T): void;
  draftRestored: string | null;
  /** Why the last draft write failed (the disk is full…), until a write succeeds again; null when kept. */
  draftProblem: ErrorCode | null;
  /** Why the draft could not be read (storage unavailable…): the form cannot open; null otherwise. */
  loadProblem: ErrorCode | null;
  discardDraft(): Promise<void>;
  clearDraft(): Promise<void>;
  /** True when something was typed since loading. */
  dirty: boolean;
  ready: boolean;
}

interface Options<T> {
  schema: z.ZodMiniType<T>;
  /** The starting value: a new record's defaults or the saved record; undefined while loading. */
  initial: T | undefined;
  draftKey: string;
  /** Milliseconds between a keystroke and the draft write (0: the next tick, coalescing one tick's changes). */
  draftDelay?: number;
  /**
   * When the record was last saved: a draft kept before that is what the save stored (the tab closed
   * between the save and clearing its draft), not unsaved changes, and is dropped.
   */
  savedAt?: string | undefined;
}

export function useRecordForm<T>({
  schema,
  initial,
  draftKey,
  draftDelay = 0,
  savedAt,
}: Options<T>): RecordForm<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [draftRestored, setDraftRestored] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [draftProblem, setDraftProblem] = useState<ErrorCode | null>(null);
  const [loadProblem, setLoadProblem] = useState<ErrorCode | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef<T | undefined>(undefined);

  // Start from the draft when there is one, else from the initial value.
  useEffect(() => {
    if (initial === undefined) return;
    let live = true;
    loadDraft<T>(draftKey).then(
      (found) => {
        if (!live) return;
        const stale = !!found && !!savedAt && found.savedAt < savedAt;
        if (stale) void clearDraft(draftKey);
        const draft = stale ? undefined : found;
        if (draft) {
          setValue(draft.value);
          setDraftRestored(draft.savedAt);
          setDirty(true);
        } else {
          setValue(initial);
          setDraftRestored(null);
          setDirty(false);
        }
      },
      (err: unknown) => {
        if (live) setLoadProblem(toPelitaError(err).code);
      },
    );
    return () => {
      live = false;
    };
  }, [initial, draftKey]);

  // Write the draft right after each change (a write begun while the tab closes may not land, so the window
  // must be as short as possible). Every write is queued at once, in order (records/drafts.ts): a form opened
  // again reads the draft behind the last write of the one that closed, never before it.
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const value = latest.current;
    if (value === undefined) return;
    latest.current = undefined;
    saveDraft(draftKey, value).then(
      () => setDraftProblem(null),
      (err: unknown) => setDraftProblem(toPelitaError(err).code),
    );
  }, [draftKey]);
  /**
   * The one place a form's draft is cleared (saved, discarded): the write waiting to be made is dropped
   * first, so it cannot land after the clear and bring the draft back.
   */
  const forgetDraft = async () => {
    clearTimeout(timer.current);
    latest.current = undefined;
    await clearDraft(draftKey);
    setDraftRestored(null);
    setDraftProblem(null);
    setDirty(false);
  };

  useEffect(() => {
    const onHide = () => flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      // Leaving the form inside the draft delay (a tap on the menu) must not lose the last keystrokes.
      flush();
    };
  }, [flush]);

  const result = useMemo(() => (value === undefined ? null : schema.safeParse(value)), [schema, value]);
  const errors = useMemo(() => {
    const map = new Map<string, TKey>();
    if (result && !result.success) {
      for (const issue of result.error.issues) {
        const p = pathOf(issue.path);
        if (!map.has(p))
          map.set(
            p,
            issue.message.startsWith('errors.') ? keyFromData(issue.message) : 'errors.invalidRecord',
          );
      }
    }
    return map;
  }, [result]);

  const set = (path: Path, v: unknown) => {
    setValue((prev) => {
      const next = setAt(prev as T, path, v);
      latest.current = next;
      return next;
    });
    setDirty(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, draftDelay);
  };

  return {
    value: value as T,
    ready: value !== undefined,
    error: (path) => {
      const e = errors.get(path);
      if (!e) return undefined;
      return showAll || touched.has(path) ? e : undefined;
    },
    set,
    get: (path) => getAt(value, path),
    touch: (path) => {
      // Functional: a memoised row may call `touch` from an older render, whose `touched` is stale.
      if (!touched.has(path)) setTouched((prev) => (prev.has(path) ? prev : new Set([...prev, path])));
    },
    validate: () => {
      setShowAll(true);
      return result?.success ? (result.data as T) : null;
    },
    reset: (v) => {
      setValue(v);
      latest.current = undefined;
      setDirty(false);
      setShowAll(false);
      setTouched(new Set());
    },
    draftRestored,
    draftProblem,
    loadProblem,
    discardDraft: async () => {
      await forgetDraft();
      if (initial !== undefined) setValue(initial);
    },
    clearDraft: forgetDraft,
    dirty,
  };
}
