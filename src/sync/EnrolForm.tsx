import { useState } from 'preact/hooks';
import { type TKey, t } from '../i18n/i18n';
import { installation } from '../settings/installation';
import { settings } from '../settings/repo';
import { enrolment, saveEnrolment } from './enrolment';
import { syncNow } from './sync';
import { enrol, serverUrlSchema } from './upstream';

/** Enrol this device with an upstream server: its address and the enrolment code the district gave out. */
/** Words for each refusal the protocol names (docs/protocol.md, POST /api/v1/devices). */
const REFUSALS: Record<string, TKey> = {
  wrong_enrolment_code: 'sync.errors.codeRefused',
  enrolment_code_expired: 'sync.errors.codeExpired',
  enrolment_code_used_up: 'sync.errors.codeUsedUp',
  enrolment_disabled: 'sync.errors.enrolDisabled',
  install_conflict: 'sync.errors.installConflict',
  install_absorbed: 'sync.errors.installAbsorbed',
};

/**
 * Enrol this device with an upstream server: its address and the enrolment code the district gave out. It
 * always enrols as this installation, so enrolling again (after "Disconnect" or a refused token) is the same
 * device upstream and nothing is counted twice.
 */
export function EnrolForm() {
  const [serverUrl, setServerUrl] = useState(
    enrolment.value?.serverUrl ?? (typeof location !== 'undefined' ? location.origin : ''),
  );
  const [code, setCode] = useState('');
  const [label, setLabel] = useState(settings.value.deviceLabel);
  const [error, setError] = useState<TKey | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const url = serverUrlSchema.safeParse(serverUrl.trim());
    if (!url.success) return setError('sync.errors.serverUrl');
    if (!code.trim()) return setError('sync.errors.code');
    if (!label.trim()) return setError('sync.errors.label');
    setBusy(true);
    const res = await enrol(url.data, code.trim(), label.trim(), await installation());
    setBusy(false);
    if (res.kind === 'ok') {
      await saveEnrolment(
        {
          serverUrl: url.data,
          deviceId: res.deviceId,
          token: res.token,
          enrolledAt: new Date().toISOString(),
          ...(res.configVersion !== null ? { configVersion: res.configVersion } : {}),
        },
        { resend: res.resend },
      );
      void syncNow({ force: true });
    } else if (res.kind === 'refused') {
      setError(REFUSALS[res.error] ?? 'sync.errors.enrolRefused');
    } else setError('sync.errors.unreachable');
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="enrol-h">
      <h2 id="enrol-h">{t('sync.enrol.title')}</h2>
      <p class="hint">{t('sync.enrol.intro')}</p>
      <label for="enrol-server">{t('sync.enrol.server')}</label>
      <input
        id="enrol-server"
        type="url"
        value={serverUrl}
        onInput={(e) => setServerUrl(e.currentTarget.value)}
      />
      <label for="enrol-code">{t('sync.enrol.code')}</label>
      <input
        id="enrol-code"
        value={code}
        autoComplete="off"
        onInput={(e) => setCode(e.currentTarget.value)}
      />
      <label for="enrol-label">{t('sync.enrol.label')}</label>
      <input
        id="enrol-label"
        value={label}
        maxLength={100}
        onInput={(e) => setLabel(e.currentTarget.value)}
      />
      <div role="alert">{error && <p class="error">{t(error)}</p>}</div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('sync.enrol.busy') : t('sync.enrol.submit')}
        </button>
      </div>
    </form>
  );
}
