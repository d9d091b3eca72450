// One toast queue for the whole app, announced through an aria-live region (see app/Toaster.tsx). A message
// goes by itself after a while; a toast that offers an action (Undo) stays until the person dismisses it or a
// newer action replaces it: a time limit on it would take the action away from whoever reads slowly or uses
// a screen reader (WCAG 2.2.1).
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
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/** `ms`: how long a message without an action stays (0: until dismissed). A toast with an action stays. */
export function showToast(
  message: string,
  kind: Toast['kind'] = 'info',
  action?: Toast['action'],
  ms = 8000,
) {
  const id = next++;
  // One action at a time: a newer Undo replaces the older one, whose moment has passed.
  const kept = action ? toasts.value.filter((t) => !t.action) : toasts.value;
  for (const gone of toasts.value) if (!kept.includes(gone)) clearTimer(gone.id);
  toasts.value = [...kept, { id, message, kind, ...(action ? { action } : {}) }];
  if (ms > 0 && !action)
    timers.set(
      id,
      setTimeout(() => dismissToast(id), ms),
    );
  return id;
}

function clearTimer(id: number) {
  clearTimeout(timers.get(id));
  timers.delete(id);
}

export function dismissToast(id: number) {
  clearTimer(id);
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

/** Removes every toast (tests, between cases: a toast left from one must not be read by the next). */
export function clearToasts() {
  for (const id of timers.keys()) clearTimer(id);
  toasts.value = [];
}
