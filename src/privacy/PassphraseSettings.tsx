// Settings › Passphrase lock (SPEC §9): set a passphrase (after a plain warning that a forgotten one cannot be
// recovered), change it, remove it, and choose how long the app waits before it locks itself. Passphrases are
// never kept in a draft or anywhere else: they live in this form's state until the operation is done.
import { useState } from 'preact/hooks';
import { formatNumber, t } from '../i18n/i18n';
import { showToast } from '../ui/toast';
import { changePassphrase, MIN_PASSPHRASE, type Outcome, removePassphrase, setPassphrase } from './repo';
import { IDLE_CHOICES, setIdleMinutes, vault } from './vault';

type Errors = Record<string, string | undefined>;

function PassField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string | undefined;
  hint?: string;
  autocomplete: 'new-password' | 'current-password';
}) {
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.hint && hintId, props.error && errorId].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <input
        id={props.id}
        type="password"
        autocomplete={props.autocomplete}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.error && (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The words for a refused passphrase: wrong, or wait (the count of tries is shared with the lock screen). */
function refusal(outcome: Exclude<Outcome, { ok: true }>): string {
  if (outcome.reason === 'wrong' && outcome.waitUntil <= Date.now()) return t('privacy.lock.wrong');
  const seconds = Math.max(1, Math.ceil((outcome.waitUntil - Date.now()) / 1_000));
  const wait = t('privacy.lock.wait', { seconds: formatNumber(seconds) });
  return outcome.reason === 'wrong' ? `${t('privacy.lock.wrong')} ${wait}` : wait;
}

/** One of the three forms: fields, checks, then the work with a busy line and a result. */
function useOperation() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailed(false);
    try {
      await work();
    } catch (err) {
      console.error(err);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const status = (
    <div role="status">
      {busy && <p class="notice">{t('privacy.settings.working')}</p>}
      {failed && <p class="warning">{t('privacy.errors.failed')}</p>}
    </div>
  );
  return { busy, run, status };
}

function checkNew(next: string, again: string): Errors {
  return {
    next: next.length < MIN_PASSPHRASE ? t('privacy.errors.tooShort', { min: MIN_PASSPHRASE }) : undefined,
    again: again !== next ? t('privacy.errors.mismatch') : undefined,
  };
}
const hasErrors = (e: Errors) => Object.values(e).some(Boolean);

function SetPassphrase() {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const op = useOperation();
  const submit = (e: Event) => {
    e.preventDefault();
    const found = {
      ...checkNew(next, again),
      understood: understood ? undefined : t('privacy.errors.understand'),
    };
    setErrors(found);
    if (hasErrors(found)) return;
    void op.run(async () => {
      await setPassphrase(next);
      showToast(t('privacy.settings.setDone'), 'success');
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <p class="warning" id="passphrase-warning">
        {t('privacy.settings.warning')}
      </p>
      <PassField
        id="passphrase-new"
        label={t('privacy.settings.new')}
        hint={t('privacy.settings.newHint', { min: MIN_PASSPHRASE })}
        autocomplete="new-password"
        value={next}
        onInput={setNext}
        error={errors.next}
      />
      <PassField
        id="passphrase-again"
        label={t('privacy.settings.again')}
        autocomplete="new-password"
        value={again}
        onInput={setAgain}
        error={errors.again}
      />
      <label class="check" for="passphrase-understood">
        <input
          id="passphrase-understood"
          type="checkbox"
          checked={understood}
          aria-describedby="passphrase-warning"
          aria-invalid={errors.understood ? true : undefined}
          onChange={(e) => setUnderstood(e.currentTarget.checked)}
        />
        {t('privacy.settings.understand')}
      </label>
      {errors.understood && <p class="field-error">{errors.understood}</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={op.busy}>
          {t('privacy.settings.set')}
        </button>
      </div>
      {op.status}
    </form>
  );
}

function ChangePassphrase() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const op = useOperation();
  const submit = (e: Event) => {
    e.preventDefault();
    const found = checkNew(next, again);
    setErrors(found);
    if (hasErrors(found)) return;
    void op.run(async () => {
      const outcome = await changePassphrase(current, next);
      setCurrent('');
      if (!outcome.ok) return setErrors({ current: refusal(outcome) });
      setNext('');
      setAgain('');
      showToast(t('privacy.settings.changeDone'), 'success');
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="passphrase-change-h">
      <h3 id="passphrase-change-h">{t('privacy.settings.change')}</h3>
      <PassField
        id="passphrase-current"
        label={t('privacy.settings.current')}
        autocomplete="current-password"
        value={current}
        onInput={setCurrent}
        error={errors.current}
      />
      <PassField
        id="passphrase-change-new"
        label={t('privacy.settings.new')}
        hint={t('privacy.settings.newHint', { min: MIN_PASSPHRASE })}
        autocomplete="new-password"
        value={next}
        onInput={setNext}
        error={errors.next}
      />
      <PassField
        id="passphrase-change-again"
        label={t('privacy.settings.again')}
        autocomplete="new-password"
        value={again}
        onInput={setAgain}
        error={errors.again}
      />
      <div class="actions">
        <button type="submit" disabled={op.busy}>
          {t('privacy.settings.change')}
        </button>
      </div>
      {op.status}
    </form>
  );
}

function RemovePassphrase() {
  const [current, setCurrent] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const op = useOperation();
  const submit = (e: Event) => {
    e.preventDefault();
    void op.run(async () => {
      const outcome = await removePassphrase(current);
      setCurrent('');
      if (!outcome.ok) return setError(refusal(outcome));
      showToast(t('privacy.settings.removeDone'), 'success');
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="passphrase-remove-h">
      <h3 id="passphrase-remove-h">{t('privacy.settings.remove')}</h3>
      <p class="hint">{t('privacy.settings.removeHint')}</p>
      <PassField
        id="passphrase-remove-current"
        label={t('privacy.settings.current')}
        autocomplete="current-password"
        value={current}
        onInput={setCurrent}
        error={error}
      />
      <div class="actions">
        <button type="submit" class="danger" disabled={op.busy}>
          {t('privacy.settings.remove')}
        </button>
      </div>
      {op.status}
    </form>
  );
}

function IdleSetting() {
  return (
    <div class="field">
      <label for="idle-minutes">{t('privacy.settings.idle')}</label>
      <select
        id="idle-minutes"
        value={String(vault.value.idleMinutes)}
        onChange={(e) => void setIdleMinutes(Number(e.currentTarget.value))}
      >
        {IDLE_CHOICES.map((m) => (
          <option key={m} value={String(m)}>
            {t('privacy.settings.minutes', { number: formatNumber(m) })}
          </option>
        ))}
      </select>
    </div>
  );
}

export function PassphraseSettings() {
  const { status } = vault.value;
  return (
    <section aria-labelledby="passphrase-h">
      <h2 id="passphrase-h">{t('privacy.settings.title')}</h2>
      <p>{t('privacy.settings.intro')}</p>
      <p class="hint">
        {status === 'off' ? t('privacy.settings.statusOff') : t('privacy.settings.statusOn')}
      </p>
      {status === 'off' && (
        <>
          {/* What setting it later cannot do, said plainly (issue 11.2). */}
          <p class="notice">{t('privacy.settings.later')}</p>
          <SetPassphrase />
        </>
      )}
      {status === 'unlocked' && (
        <>
          <IdleSetting />
          <ChangePassphrase />
          <RemovePassphrase />
        </>
      )}
    </section>
  );
}
