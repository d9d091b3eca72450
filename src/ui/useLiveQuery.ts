// A 20-line hook over Dexie's liveQuery (instead of dexie-react-hooks, which drags in preact/compat): the
// component re-renders whenever the data the query read changes, in this tab or another.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { toPelitaError } from '../lib/errors';
import { showToast } from './toast';

export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: setValue,
      // A read that fails (storage gone, quota, a browser bug) says so in words instead of "Loading…" forever.
      error: (err) => {
        console.error(err);
        showToast(t(toPelitaError(err).code), 'error');
      },
    });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}
