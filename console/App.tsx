// The console's frame: a header with the account, the language and sign-out; a navigation between the pages
// (a hash route, so the server serves one file); the page itself in <main>.
import { useEffect, useState } from 'preact/hooks';
import { language } from '../src/i18n/i18n';
import { LANGUAGES, type Language } from '../src/i18n/languages';
import { Accounts } from './Accounts';
import { account, api } from './api';
import { Completeness } from './Completeness';
import { Devices } from './Devices';
import { Dhis2 } from './Dhis2';
import { switchLanguage, t } from './i18n';
import { SignIn } from './SignIn';
import { loadLocations, tree } from './state';
import { Tallies } from './Tallies';

const PAGES = [
  { hash: '#/tallies', label: 'console.nav.tallies', page: Tallies, admin: false },
  { hash: '#/completeness', label: 'console.nav.completeness', page: Completeness, admin: false },
  { hash: '#/devices', label: 'console.nav.devices', page: Devices, admin: false },
  { hash: '#/dhis2', label: 'console.nav.dhis2', page: Dhis2, admin: true },
  { hash: '#/accounts', label: 'console.nav.accounts', page: Accounts, admin: true },
] as const;

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function LanguagePicker() {
  return (
    <div class="language-picker">
      <label for="console-language">{t('console.language')}</label>
      <select
        id="console-language"
        value={language.value}
        onChange={(e) => void switchLanguage(e.currentTarget.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.native}
          </option>
        ))}
      </select>
    </div>
  );
}

export function App() {
  const hash = useHash();
  const me = account.value;
  useEffect(() => {
    if (me) void loadLocations();
  }, [me?.id]);
  const pages = PAGES.filter((p) => !p.admin || me?.role === 'admin');
  const current = pages.find((p) => p.hash === hash) ?? pages[0]!;
  const Page = current.page;

  useEffect(() => {
    document.title = `${t(current.label)} · ${t('console.title')}`;
  }, [current.label, language.value]);

  async function signOut() {
    await api('sign-out', { method: 'POST' }).catch(() => undefined);
    account.value = null;
  }

  return (
    <>
      <a class="skip-link" href="#main">
        {t('console.skip')}
      </a>
      <header class="app-header console-header no-print">
        <p class="app-title">{t('console.title')}</p>
        <LanguagePicker />
        {me && (
          <div class="who">
            <span>{t('console.signedInAs', { username: me.username })}</span>
            <button type="button" onClick={signOut}>
              {t('console.signOut')}
            </button>
          </div>
        )}
      </header>
      {!me ? (
        <SignIn />
      ) : (
        <>
          <nav class="console-nav no-print" aria-label={t('console.nav.label')}>
            <ul>
              {pages.map((p) => (
                <li key={p.hash}>
                  <a href={p.hash} aria-current={p === current ? 'page' : undefined}>
                    {t(p.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" tabIndex={-1}>
            {tree.value ? <Page /> : <p aria-busy="true">{t('common.loading')}</p>}
          </main>
        </>
      )}
    </>
  );
}
