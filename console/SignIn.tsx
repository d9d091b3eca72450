// Sign-in: username and password, the server's answer in words (wrong, too many tries, no connection).
import { useState } from 'preact/hooks';
import { type Account, ApiError, account, api } from './api';
import { errorText } from './errors';
import { t } from './i18n';

export function SignIn() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ account: Account }>('sign-in', { method: 'POST', body: { username, password } });
      account.value = r.account;
    } catch (err) {
      setError(errorText(err instanceof ApiError ? err : new ApiError(0, 'offline')));
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in">
      <h1>{t('console.signIn.title')}</h1>
      <p class="hint">{t('console.signIn.intro')}</p>
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <div class="field">
          <label for="username">{t('console.signIn.username')}</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="password">{t('console.signIn.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        {error && (
          <p id="sign-in-error" class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('console.signIn.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
