// The console page's start: its language first (the app's strings and the console's), then who is signed in
// (the session cookie is HttpOnly: only the server can say), then the page.
import { render } from 'preact';
import { App } from './App';
import { type Account, account, api } from './api';
import { initialLanguage, switchLanguage } from './i18n';
import '../src/app/app.css';
import '../src/tally/report.css';
import './console.css';

async function start() {
  await switchLanguage(initialLanguage());
  account.value = await api<{ account: Account }>('me').then(
    (r) => r.account,
    () => null,
  );
  const root = document.getElementById('console')!;
  // The boot line goes: Preact would otherwise keep it beside the page.
  root.textContent = '';
  render(<App />, root);
}

void start();
