// The main navigation. On a wide screen every place in one row under the header; on a phone a bar fixed at
// the bottom of the screen (in reach of a thumb, and it stays while a long form scrolls) with the places
// used most and "More" for the rest. Which layout applies is a container query in rem (app.css), so it
// follows the text size too: at 200 % text a phone gets the narrow bar, never a row that scrolls sideways.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { path } from '../lib/router';
import { Link } from '../ui/Link';
import { screens } from './routes';

const places = screens.filter((s) => s.inNav);

/** Keeps `--nav-h` (the fixed bar's height, 0 when it is not fixed) on <html>, so the page ends above it. */
function useBarHeight(ref: { current: HTMLElement | null }) {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const set = () => {
      const fixed = getComputedStyle(el).position === 'fixed';
      document.documentElement.style.setProperty('--nav-h', `${fixed ? el.offsetHeight : 0}px`);
    };
    const watch = new ResizeObserver(set);
    watch.observe(el);
    set();
    return () => watch.disconnect();
  }, []);
}

export function AppNav() {
  const ref = useRef<HTMLElement>(null);
  const [open, setOpen] = useState(false);
  useBarHeight(ref);
  // A place chosen (or Back pressed) closes the menu.
  const here = path.value;
  useEffect(() => setOpen(false), [here]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <nav class="app-nav" aria-label={t('nav.label')} ref={ref}>
      <ul class="nav-places">
        {places.map((s) => (
          <li key={s.path} class={s.inBar ? 'nav-main' : 'nav-rest'}>
            <Link href={s.path}>{t(s.label)}</Link>
          </li>
        ))}
        <li class="nav-more-item">
          <button
            type="button"
            class="nav-more"
            aria-expanded={open}
            aria-controls={open ? 'nav-menu' : undefined}
            onClick={() => setOpen(!open)}
          >
            {t('nav.more')}
          </button>
        </li>
      </ul>
      {/* Rendered only while open, so a place's link is in the page once (the bar shows Home, or Home and
          the main places, by the container query; the menu then shows the others). */}
      {open && (
        <ul class="nav-menu" id="nav-menu">
          {places.map((s) => (
            <li key={s.path} class={s.inBar ? 'nav-main' : 'nav-rest'}>
              <Link href={s.path}>{t(s.label)}</Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
