// The two pieces App.tsx shows: the lock screen in place of every screen while locked (loaded on demand, so a
// device without a passphrase never downloads it; src/privacy/vault.ts preloads it when the app opens
// locked), and the "Lock now" button in the header while unlocked.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { lock } from './vault';

let loaded: ComponentType | null = null;

export function Locked() {
  const [Screen, setScreen] = useState<ComponentType | null>(() => loaded);
  useEffect(() => {
    if (Screen) return;
    let live = true;
    void import('./LockScreen').then((m) => {
      loaded = m.LockScreen;
      if (live) setScreen(() => m.LockScreen);
    });
    return () => {
      live = false;
    };
  }, [Screen]);
  return Screen ? <Screen /> : <p aria-busy="true">{t('common.loading')}</p>;
}

export function LockNowButton() {
  return (
    <button type="button" class="lock-now" onClick={() => void lock({ everywhere: true })}>
      {t('privacy.lockNow')}
    </button>
  );
}
