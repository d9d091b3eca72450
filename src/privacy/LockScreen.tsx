// What a locked app shows instead of all its screens (src/app/App.tsx): the passphrase, and nothing personal.
// Wrong tries wait longer each time (src/privacy/vault.ts); the wait survives a reload, so the countdown is
// read from storage when the screen opens. A forgotten passphrase can be given up here: the names and notes
// are erased (nobody can open them any more) and the app goes on with everything else.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, t } from '../i18n/i18n';
import { showToast } from '../ui/toast';
import { readAttempts, unlock } from './unlock';

/** Whole seconds until `until`, counting down on screen (computed at each render from the clock). */
function useCountdown(until: number): number {
  const [, tick] = useState(0);
  const left = Math.max(0, Math.ceil((until - Date.now()) / 1_000));
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = setInterval(() => {
      tick((n) => n + 1);
      if (Date.now() >= until) clearInterval(timer);
    }, 1_000);
    return () => clearInterval(timer);
  }, [until]);
  return left;
}

function ForgotPassphrase() {
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const erase = async () => {
    setBusy(true);
    try {
      const { forgetPassphrase } = await import('./repo');
      await forgetPassphrase();
      showToast(t('privacy.forgot.done'), 'success');
    } catch {
      showToast(t('errors.unexpected'), 'error');
      setBusy(false);
    }
  };
  return (
    <details>
      <summary>{t('privacy.forgot.title')}</summary>
      <p class="warning">{t('privacy.forgot.text')}</p>
      <label class="check" for="forgot-sure">
        <input
          id="forgot-sure"
          type="checkbox"
          checked={sure}
          onChange={(e) => setSure(e.currentTarget.checked)}
        />
        {t('privacy.forgot.confirm')}
      </label>
      <div class="actions">
        <button type="button" class="danger" disabled={!sure || busy} onClick={() => void erase()}>
          {t('privacy.forgot.erase')}
        </button>
      </div>
    </details>
  );
}

export function LockScreen() {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [wrong, setWrong] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const seconds = useCountdown(waitUntil);

  useEffect(() => {
    void readAttempts().then((a) => setWaitUntil(a.waitUntil));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || seconds > 0 || !passphrase) return;
    setBusy(true);
    setWrong(false);
    const result = await unlock(passphrase).catch(() => null);
    // Unlocked: the app shows its screens instead of this one.
    if (result?.ok) return;
    setPassphrase('');
    setBusy(false);
    setWrong(result?.reason === 'wrong');
    if (result) setWaitUntil(result.waitUntil);
    input.current?.focus();
  };

  return (
    <section>
      <h1>{t('privacy.lock.title')}</h1>
      <p>{t('privacy.lock.intro')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label for="unlock-passphrase">{t('privacy.lock.passphrase')}</label>
        <input
          id="unlock-passphrase"
          ref={input}
          type="password"
          autocomplete="current-password"
          autoFocus
          aria-invalid={wrong}
          aria-describedby="unlock-status"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
        <div id="unlock-status">
          <div role="alert">{wrong && <p class="error">{t('privacy.lock.wrong')}</p>}</div>
          {seconds > 0 && (
            <p class="notice" data-testid="unlock-wait">
              {t('privacy.lock.wait', { seconds: formatNumber(seconds) })}
            </p>
          )}
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || seconds > 0}>
            {busy ? t('privacy.lock.unlocking') : t('privacy.lock.unlock')}
          </button>
        </div>
      </form>
      <ForgotPassphrase />
    </section>
  );
}
