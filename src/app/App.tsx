import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { match, path, visit } from '../lib/router';
import { Locked, LockNowButton } from '../privacy/LockGate';
import { vault } from '../privacy/vault';
import { UpdatePrompt } from '../sw/UpdatePrompt';
import { SyncBadge } from '../sync/SyncBadge';
import { Link } from '../ui/Link';
import { AppNav } from './AppNav';
import { ErrorBoundary } from './ErrorBoundary';
import { OnlineBadge } from './OnlineBadge';
import { type Screen, screens } from './routes';
import { Toaster } from './Toaster';

type Loaded = {
  screen: Screen;
  params: Record<string, string>;
  Component: ComponentType<{ params: Record<string, string> }>;
  /** The URL this screen was loaded for: its key, so a screen never mounts with another URL's params. */
  url: string;
};

function resolve(url: string): { screen: Screen; params: Record<string, string> } | null {
  for (const screen of screens) {
    const params = match(screen.path, url);
    if (params) return { screen, params };
  }
  return null;
}

/** Loads the current screen's chunk; keeps showing the previous screen until it is there. */
function useScreen(url: string): Loaded | null | 'not-found' {
  const [loaded, setLoaded] = useState<Loaded | null | 'not-found'>(null);
  useEffect(() => {
    const found = resolve(url);
    if (!found) {
      setLoaded('not-found');
      return;
    }
    let live = true;
    found.screen.load().then(
      (Component) => {
        if (live) setLoaded({ ...found, Component, url });
      },
      // The screen's code could not load (an update replaced it in another tab, say): the error boundary
      // says so and offers to reload, rather than "Loading…" forever.
      (err: unknown) => {
        const Failed = () => {
          throw err;
        };
        if (live) setLoaded({ ...found, Component: Failed, url });
      },
    );
    return () => {
      live = false;
    };
  }, [url]);
  return loaded;
}

export function App() {
  const url = path.value;
  const loaded = useScreen(url);
  // Locked (a passphrase is set): no screen is mounted, so nothing personal is on screen or in its state.
  const locked = vault.value.status === 'locked';
  const title = loaded && loaded !== 'not-found' && !locked ? t(loaded.screen.label) : '';
  useEffect(() => {
    document.title = title ? `${title} · Pelita` : 'Pelita';
  }, [title]);

  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="app-header">
        <Link href="/" class="brand">
          Pelita
        </Link>
        <span class="header-badges">
          <OnlineBadge />
          <SyncBadge />
          {vault.value.status === 'unlocked' && <LockNowButton />}
        </span>
      </header>
      <UpdatePrompt />
      {!locked && <AppNav />}
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          {locked ? (
            <Locked />
          ) : loaded === 'not-found' ? (
            <section>
              <h1>{t('notFound.title')}</h1>
              <p>
                <Link href="/">{t('notFound.home')}</Link>
              </p>
            </section>
          ) : loaded ? (
            <loaded.Component key={`${loaded.url.split('?')[0]}#${visit.value}`} params={loaded.params} />
          ) : (
            <p aria-busy="true">{t('common.loading')}</p>
          )}
        </ErrorBoundary>
      </main>
      <Toaster />
    </>
  );
}
