import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { settings } from '../settings/repo';
import { saveEnrolment } from './enrolment';
import { syncNow } from './sync';
import { enrol, serverUrlSchema } from './upstream';

/** Enrol this device with an upstream server: its address and the enrolment code the district gave out. */
export function EnrolForm() {
  const [serverUrl, setServerUrl] = useState(typeof location !== 'undefined' ? location.origin : '');
  const [code, setCode] = useState('');
  const [label, setLabel] = useState(settings.value.deviceLabel);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const url = serverUrlSchema.safeParse(serverUrl.trim());
    if (!url.success) return setError('sync.errors.serverUrl');
    if (!code.trim()) return setError('sync.errors.code');
    if (!label.trim()) return setError('sync.errors.label');
    setBusy(true);
    const res = await enrol(url.data, code.trim(), label.trim());
    setBusy(false);
    if (res.kind === 'ok') {
      await saveEnrolment({
        serverUrl: url.data,
        deviceId: res.deviceId,
        token: res.token,
        enrolledAt: new Date().toISOString(),
      });
      void syncNow({ force: true });
    } else if (res.kind === 'refused') {
      setError(res.status === 403 ? 'sync.errors.codeRefused' : 'sync.errors.enrolRefused');
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
