// Loads what a page shows for its current inputs, and forgets answers to inputs that changed meanwhile.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';

export function useFetch<T>(key: string | null, load: () => Promise<T>) {
  const [state, setState] = useState<{ key: string; data?: T; error?: ApiError } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    load().then(
      (data) => live && setState({ key, data }),
      (err) => live && setState({ key, error: err instanceof ApiError ? err : new ApiError(0, 'other') }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const mine = state?.key === key ? state : null;
  return { data: mine?.data ?? null, error: mine?.error ?? null, loading: key !== null && !mine };
}
