// The phones of the account's area and the codes that enrol them. Administrators make a code for a location
// (shown once, with a QR code to scan), revoke a code, and retire a device: its token dies at once, and its
// numbers are kept (a lost phone whose months were real) or removed from every total.
import { useState } from 'preact/hooks';
import { formatDate, formatMonth, formatNumber } from '../src/i18n/i18n';
import { TableWrap } from '../src/tally/IndicatorTable';
import { ApiError, account, api } from './api';
import { errorText } from './errors';
import { t } from './i18n';
import { QrCode } from './QrCode';
import { pickerOptions, roots, tree } from './state';
import { useFetch } from './useFetch';

interface Device {
  deviceId: string;
  label: string;
  scope: string | null;
  enrolledAt: string;
  lastHeardAt: string | null;
  appVersion: string | null;
  pending: number | null;
  oldestPendingPeriod: string | null;
  retiredAt: string | null;
  numbers: 'kept' | 'removed' | null;
}
interface Code {
  id: string;
  label: string;
  orgUnit: string | null;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  revokedAt: string | null;
}

const when = (iso: string | null) =>
  iso ? formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
const asError = (err: unknown) => errorText(err instanceof ApiError ? err : new ApiError(0, 'other'));

export function Devices() {
  const [version, setVersion] = useState(0);
  const devices = useFetch(`d${version}`, () => api<{ devices: Device[] }>('devices'));
  const codes = useFetch(`c${version}`, () => api<{ codes: Code[] }>('codes'));
  const [retiring, setRetiring] = useState<Device | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const admin = account.value?.role === 'admin';
  const place = (code: string | null) =>
    code === null ? t('console.accounts.everywhere') : (tree.value?.nameOf(code) ?? code);
  const reload = () => setVersion((v) => v + 1);

  async function revoke(c: Code) {
    try {
      await api(`codes/${c.id}`, { method: 'DELETE' });
      setMessage({ ok: true, text: t('console.codes.revokedDone', { label: c.label || c.id }) });
      reload();
    } catch (err) {
      setMessage({ ok: false, text: asError(err) });
    }
  }

  return (
    <section>
      <h1>{t('console.devices.title')}</h1>
      {message && (
        <p class={message.ok ? 'ok' : 'error'} role="status">
          {message.text}
        </p>
      )}
      {devices.error && <p class="error">{errorText(devices.error)}</p>}
      {devices.data && devices.data.devices.length === 0 && <p class="notice">{t('console.devices.none')}</p>}
      {devices.data && devices.data.devices.length > 0 && (
        <TableWrap id="devices" caption={t('console.devices.list')}>
          <table class="report-table" aria-labelledby="devices-c">
            <thead>
              <tr>
                <th scope="col">{t('console.devices.label')}</th>
                <th scope="col">{t('console.accounts.scope')}</th>
                <th scope="col">{t('console.devices.enrolled')}</th>
                <th scope="col">{t('console.completeness.lastHeard')}</th>
                <th scope="col">{t('console.devices.appVersion')}</th>
                <th scope="col">{t('console.completeness.unsent')}</th>
                <th scope="col">{t('console.devices.state')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.data.devices.map((d) => (
                <tr key={d.deviceId}>
                  <th scope="row">{d.label}</th>
                  <td>{place(d.scope)}</td>
                  <td>{when(d.enrolledAt)}</td>
                  <td>{when(d.lastHeardAt)}</td>
                  <td>{d.appVersion ?? '—'}</td>
                  <td>
                    {d.pending === null
                      ? '—'
                      : d.pending === 0
                        ? t('console.completeness.allSent')
                        : t('console.completeness.pending', {
                            n: formatNumber(d.pending),
                            month: d.oldestPendingPeriod ? formatMonth(d.oldestPendingPeriod) : '—',
                          })}
                  </td>
                  <td>
                    {d.retiredAt ? (
                      t(
                        d.numbers === 'removed'
                          ? 'console.devices.retiredRemoved'
                          : 'console.devices.retiredKept',
                        {
                          date: when(d.retiredAt),
                        },
                      )
                    ) : admin ? (
                      <button type="button" onClick={() => setRetiring(d)}>
                        {t('console.devices.retire', { label: d.label })}
                      </button>
                    ) : (
                      t('console.devices.active')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {retiring && (
        <RetireForm
          device={retiring}
          onDone={(text, ok) => {
            setRetiring(null);
            setMessage({ ok, text });
            reload();
          }}
          onCancel={() => setRetiring(null)}
        />
      )}

      <h2>{t('console.codes.title')}</h2>
      {codes.data && codes.data.codes.length > 0 && (
        <TableWrap id="codes" caption={t('console.codes.list')}>
          <table class="report-table" aria-labelledby="codes-c">
            <thead>
              <tr>
                <th scope="col">{t('console.codes.label')}</th>
                <th scope="col">{t('console.codes.for')}</th>
                <th scope="col" class="num">
                  {t('console.codes.uses')}
                </th>
                <th scope="col">{t('console.codes.expires')}</th>
                <th scope="col">{t('console.devices.state')}</th>
              </tr>
            </thead>
            <tbody>
              {codes.data.codes.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.label || '—'}</th>
                  <td>{place(c.orgUnit)}</td>
                  <td class="num">
                    {c.maxUses === null
                      ? formatNumber(c.uses)
                      : t('console.codes.usesOf', { n: formatNumber(c.uses), max: formatNumber(c.maxUses) })}
                  </td>
                  <td>{when(c.expiresAt)}</td>
                  <td>
                    {c.revokedAt ? (
                      t('console.codes.revoked')
                    ) : admin ? (
                      <button type="button" onClick={() => revoke(c)}>
                        {t('console.codes.revoke', { label: c.label || c.id.slice(0, 8) })}
                      </button>
                    ) : (
                      t('console.devices.active')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {admin && <NewCode onMade={reload} />}
    </section>
  );
}

function RetireForm({
  device,
  onDone,
  onCancel,
}: {
  device: Device;
  onDone: (text: string, ok: boolean) => void;
  onCancel: () => void;
}) {
  const [numbers, setNumbers] = useState<'keep' | 'remove'>('keep');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api(`devices/${device.deviceId}/retire`, { method: 'POST', body: { numbers } });
      onDone(t('console.devices.retiredDone', { label: device.label }), true);
    } catch (err) {
      onDone(asError(err), false);
    }
  }
  return (
    <form class="console-form retire-form" onSubmit={submit} aria-labelledby="retire-h">
      <h2 id="retire-h">{t('console.devices.retireTitle', { label: device.label })}</h2>
      <p>{t('console.devices.retireIntro')}</p>
      <fieldset>
        <legend>{t('console.devices.numbers')}</legend>
        {(['keep', 'remove'] as const).map((n) => (
          <label class="check" key={n}>
            <input
              type="radio"
              name="numbers"
              value={n}
              checked={numbers === n}
              onChange={() => setNumbers(n)}
            />
            {t(`console.devices.${n}`)}
          </label>
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit" class="danger">
          {t('console.devices.retireConfirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('console.cancel')}
        </button>
      </div>
    </form>
  );
}

function NewCode({ onMade }: { onMade: () => void }) {
  const [form, setForm] = useState({ label: '', orgUnit: roots.value[0] ?? '', expires: '', maxUses: '' });
  const [made, setMade] = useState<{ code: string; orgUnit: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<{ code: string; orgUnit: string | null }>('codes', {
        method: 'POST',
        body: {
          label: form.label,
          orgUnit: form.orgUnit || null,
          ...(form.expires ? { expiresAt: new Date(`${form.expires}T23:59:59`).toISOString() } : {}),
          ...(form.maxUses ? { maxUses: Number(form.maxUses) } : {}),
        },
      });
      setMade(r);
      onMade();
    } catch (err) {
      setError(asError(err));
    }
  }

  return (
    <>
      <h3>{t('console.codes.new')}</h3>
      {made && (
        <div class="new-code" role="status">
          <p>
            <strong>{t('console.codes.shownOnce')}</strong>
          </p>
          <p class="code-text" data-testid="new-code">
            {made.code}
          </p>
          <QrCode text={made.code} label={t('console.codes.qr', { code: made.code })} />
        </div>
      )}
      <form class="console-form" onSubmit={submit}>
        <div class="field">
          <label for="code-label">{t('console.codes.label')}</label>
          <input id="code-label" maxLength={100} value={form.label} onInput={set('label')} />
        </div>
        <div class="field">
          <label for="code-for">{t('console.codes.for')}</label>
          <select id="code-for" value={form.orgUnit} onChange={set('orgUnit')}>
            {account.value?.scope === null && <option value="">{t('console.accounts.everywhere')}</option>}
            {tree.value &&
              pickerOptions(tree.value, roots.value).map((o) => (
                <option key={o.code} value={o.code}>
                  {`${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${o.name}`}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="code-expires">{t('console.codes.expiresOptional')}</label>
          <input id="code-expires" type="date" value={form.expires} onInput={set('expires')} />
        </div>
        <div class="field">
          <label for="code-max">{t('console.codes.maxUses')}</label>
          <input id="code-max" type="number" min={1} step={1} value={form.maxUses} onInput={set('maxUses')} />
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {t('console.codes.make')}
          </button>
        </div>
      </form>
    </>
  );
}
