import { render } from 'preact';
import { App } from './app/App';
import { setLanguage } from './i18n/i18n';
import { pickLanguage } from './i18n/languages';
import { refreshStorageState } from './records/storage';
import { loadSettings, saveSetting } from './settings/repo';
import { registerServiceWorker } from './sw/register';
import './app/app.css';

async function start() {
  const s = await loadSettings().catch(() => null);
  // First run: the browser's language when it is one of the ten, and remember it.
  const lang = s?.language ?? pickLanguage(navigator.languages ?? [navigator.language]);
  await setLanguage(lang);
  if (s && !s.language) await saveSetting('language', lang).catch(() => undefined);
  render(<App />, document.getElementById('app')!);
  void refreshStorageState();
  void registerServiceWorker();
  // Sync carries the tally code: load it after the first screen is up.
  void import('./sync/sync').then((m) => m.startSync());
}

void start();
