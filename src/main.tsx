import { render } from 'preact';
import { App } from './app/App';
import { noteLanguageFallback, showWordsFailed } from './app/boot-failure';
import { StartupFailure } from './app/StartupFailure';
import { setLanguage } from './i18n/i18n';
import { pickLanguage } from './i18n/languages';
import { startVault, vault } from './privacy/vault';
import { refreshStorageState } from './records/storage';
import { loadSettings, saveSetting } from './settings/repo';
import { needsFirstRun } from './setup/first-run';
import { registerServiceWorker } from './sw/register';
import './app/app.css';

async function start() {
  // The vault first too: a device with a passphrase opens locked, never showing a screen before.
  const [s, vaultReady] = await Promise.all([
    loadSettings().catch(() => null),
    startVault().then(
      () => true,
      () => false,
    ),
  ]);
  // First run: the browser's language when it is one of the ten, and remember it.
  const lang = s?.language ?? pickLanguage(navigator.languages ?? [navigator.language]);
  const root = document.getElementById('app')!;
  // A language whose words cannot be loaded is said, never silently replaced (SPEC §10).
  const words = await setLanguage(lang).then(
    () => 'ok' as const,
    () =>
      lang === 'en'
        ? ('none' as const)
        : setLanguage('en').then(
            () => 'english' as const,
            () => 'none' as const,
          ),
  );
  if (words === 'none') return showWordsFailed(root);
  if (words === 'english') noteLanguageFallback(lang);
  if (s && !s.language) await saveSetting('language', lang).catch(() => undefined);
  // The boot text goes: Preact renders beside children it did not make, and "Pelita…" would stay below.
  root.replaceChildren();
  // Fail closed: if the vault's state cannot be read, nothing may open unsealed or save names in the clear.
  if (!vaultReady) return render(<StartupFailure />, root);
  // First run: the set-up (language, country, location, passphrase, device name) before any screen, so the
  // passphrase is offered before the first name can be typed. Loaded only when it shows.
  if (await needsFirstRun(vault.value.status).catch(() => false)) {
    const { FirstRun } = await import('./setup/FirstRun');
    render(<FirstRun onDone={() => render(<App />, root)} />, root);
  } else render(<App />, root);
  void refreshStorageState();
  void registerServiceWorker();
  // Sync carries the tally code: load it after the first screen is up.
  void import('./sync/sync').then((m) => m.startSync());
}

void start();
