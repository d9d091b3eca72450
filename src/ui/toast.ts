// One toast queue for the whole app, announced through an aria-live region (see app/Toaster.tsx).
import { signal } from '@preact/signals';

export interface Toast {
  id: number;
  /** Already translated. */
  message: string;
  kind: 'info' | 'success' | 'error';
  action?: { label: string; run: () => void };
}

export const toasts = signal<Toast[]>([]);
let next = 1;

export function showToast(
  message: string,
  kind: Toast['kind'] = 'info',
  action?: Toast['action'],
  ms = 8000,
) {
  const id = next++;
  toasts.value = [...toasts.value, { id, message, kind, ...(action ? { action } : {}) }];
  if (ms > 0) setTimeout(() => dismissToast(id), ms);
  return id;
}

export function dismissToast(id: number) {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}
