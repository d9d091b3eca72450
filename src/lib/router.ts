// A small path router over the History API. Paths are real URLs (deep links work, offline too: the service
// worker answers every navigation with the app shell).
import { signal } from '@preact/signals';

const here = () => (typeof location === 'undefined' ? '/' : location.pathname + location.search);
export const path = signal(here());
/**
 * Bumped by `navigate(…, { fresh: true })`: the same address opened anew ("Save and add another" opens an
 * empty new form where one was). App.tsx keys the screen by it.
 */
export const visit = signal(0);
/** How many times the person moved within the app since it opened (0: the page was just loaded). */
let moves = 0;
export const hasMoved = () => moves > 0;

/** Called before leaving a screen; return false to stay (used by nothing yet, kept for forms). */
export function navigate(to: string, { replace = false, fresh = false } = {}) {
  if (to === here() && !fresh) return;
  moves++;
  // Fresh: a new screen even where the address stays (or differs only in its query, which App.tsx ignores).
  if (fresh) visit.value++;
  if (to !== here()) {
    if (replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
  }
  path.value = here();
  window.scrollTo?.(0, 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    moves++;
    path.value = here();
  });
}

/** `/cases/abc?x=1` matched against `/cases/:id` → `{ id: 'abc' }`, or null. */
export function match(pattern: string, url: string): Record<string, string> | null {
  const pathname = url.split('?')[0] ?? '';
  const p = pattern.split('/').filter(Boolean);
  const u = pathname.split('/').filter(Boolean);
  if (p.length !== u.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(u[i]!);
    else if (seg !== u[i]) return null;
  }
  return params;
}

export function query(name: string): string | null {
  const q = path.value.split('?')[1];
  return new URLSearchParams(q ?? '').get(name);
}

/** A link that routes without reloading; a plain <a href>, so it works by keyboard and can open in a new tab. */
export function onLinkClick(e: MouseEvent) {
  const a = (e.currentTarget as HTMLAnchorElement | null) ?? null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const href = a.getAttribute('href');
  if (!href?.startsWith('/')) return;
  e.preventDefault();
  navigate(href);
}
