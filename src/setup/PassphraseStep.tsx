// The passphrase step of the first run: why now, the fields, and a plain way to decline. The rewrite and the
// key derivation (privacy/repo.ts) load only when the person sets one.
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';

const MIN = 8;

export function PassphraseStep({ onSet, onDecline }: { onSet: () => void; onDecline: () => void }) {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (next.length < MIN) return setError(t('privacy.errors.tooShort', { min: MIN }));
    if (again !== next) return setError(t('privacy.errors.mismatch'));
    if (!understood) return setError(t('privacy.errors.understand'));
    setError(null);
    setBusy(true);
    try {
      const { setPassphrase } = await import('../privacy/repo');
      await setPassphrase(next);
      onSet();
    } catch {
      setError(t('privacy.errors.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <p>{t('setup.passphrase.why')}</p>
      <p class="warning" id="setup-pass-warning">
        {t('privacy.settings.warning')}
      </p>
      <div class="field">
        <label for="setup-pass">{t('privacy.settings.new')}</label>
        <p class="hint" id="setup-pass-hint">
          {t('privacy.settings.newHint', { min: MIN })}
        </p>
        <input
          id="setup-pass"
          type="password"
          autocomplete="new-password"
          aria-describedby="setup-pass-hint"
          value={next}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="setup-pass-again">{t('privacy.settings.again')}</label>
        <input
          id="setup-pass-again"
          type="password"
          autocomplete="new-password"
          value={again}
          onInput={(e) => setAgain(e.currentTarget.value)}
        />
      </div>
      <label class="check" for="setup-pass-understood">
        <input
          id="setup-pass-understood"
          type="checkbox"
          checked={understood}
          aria-describedby="setup-pass-warning"
          onChange={(e) => setUnderstood(e.currentTarget.checked)}
        />
        {t('privacy.settings.understand')}
      </label>
      <div role="alert">{error && <p class="field-error">{error}</p>}</div>
      {busy && <p class="notice">{t('privacy.settings.working')}</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('privacy.settings.set')}
        </button>
        <button type="button" disabled={busy} onClick={onDecline}>
          {t('setup.passphrase.decline')}
        </button>
      </div>
      <p class="hint">{t('setup.passphrase.declineHint')}</p>
    </form>
  );
}
