// Administrators: the console's accounts inside their own subtree, and a form to make one (username,
// password, role, subtree). The server checks everything again; this page only says what it answered.
import { useState } from 'preact/hooks';
import { type Account, ApiError, account, api } from './api';
import { errorText } from './errors';
import { t } from './i18n';
import { pickerOptions, roots, tree } from './state';
import { useFetch } from './useFetch';

export function Accounts() {
  const [version, setVersion] = useState(0);
  const { data, error } = useFetch(`v${version}`, () => api<{ accounts: Account[] }>('accounts'));
  const [form, setForm] = useState({
    username: '',
    password: '',
    role: 'coordinator',
    scope: roots.value[0] ?? '',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const tr = tree.value;

  async function create(e: Event) {
    e.preventDefault();
    try {
      const r = await api<{ account: Account }>('accounts', {
        method: 'POST',
        body: { ...form, scope: form.scope || null },
      });
      setMessage({ ok: true, text: t('console.accounts.created', { username: r.account.username }) });
      setForm({ ...form, username: '', password: '' });
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage({ ok: false, text: errorText(err instanceof ApiError ? err : new ApiError(0, 'other')) });
    }
  }

  async function remove(a: Account) {
    if (!window.confirm(t('console.accounts.confirmRemove', { username: a.username }))) return;
    try {
      await api(`accounts/${a.id}`, { method: 'DELETE' });
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage({ ok: false, text: errorText(err instanceof ApiError ? err : new ApiError(0, 'other')) });
    }
  }

  const set = (k: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });

  return (
    <section>
      <h1>{t('console.accounts.title')}</h1>
      {error && <p class="error">{errorText(error)}</p>}
      {data && (
        <table class="report-table">
          <caption>{t('console.accounts.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.signIn.username')}</th>
              <th scope="col">{t('console.accounts.role')}</th>
              <th scope="col">{t('console.accounts.scope')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('console.accounts.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.accounts.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.username}</th>
                <td>{t(`console.roles.${a.role}`)}</td>
                <td>{a.scope ? (tr?.nameOf(a.scope) ?? a.scope) : t('console.accounts.everywhere')}</td>
                <td>
                  {a.id !== account.value?.id && (
                    <button type="button" onClick={() => remove(a)}>
                      {t('console.accounts.remove', { username: a.username })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('console.accounts.new')}</h2>
      <form onSubmit={create} class="console-form">
        <div class="field">
          <label for="new-username">{t('console.signIn.username')}</label>
          <input
            id="new-username"
            required
            autocomplete="off"
            value={form.username}
            onInput={set('username')}
          />
        </div>
        <div class="field">
          <label for="new-password">{t('console.signIn.password')}</label>
          <input
            id="new-password"
            type="password"
            required
            minLength={10}
            autocomplete="new-password"
            aria-describedby="new-password-hint"
            value={form.password}
            onInput={set('password')}
          />
          <p class="hint" id="new-password-hint">
            {t('console.accounts.passwordHint')}
          </p>
        </div>
        <div class="field">
          <label for="new-role">{t('console.accounts.role')}</label>
          <select id="new-role" value={form.role} onChange={set('role')}>
            <option value="coordinator">{t('console.roles.coordinator')}</option>
            <option value="admin">{t('console.roles.admin')}</option>
          </select>
        </div>
        <div class="field">
          <label for="new-scope">{t('console.accounts.scope')}</label>
          <select id="new-scope" value={form.scope} onChange={set('scope')}>
            {account.value?.scope === null && <option value="">{t('console.accounts.everywhere')}</option>}
            {tr &&
              pickerOptions(tr, roots.value).map((o) => (
                <option key={o.code} value={o.code}>
                  {`${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${o.name}`}
                </option>
              ))}
          </select>
        </div>
        {message && (
          <p class={message.ok ? 'ok' : 'error'} role="status">
            {message.text}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {t('console.accounts.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
