import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatMonth, formatNumber, keyFromData, type TKey, t } from '../i18n/i18n';
import { type ErrorCode, toPelitaError } from '../lib/errors';
import { nameOf } from '../locations/locations';
import { useLocations } from '../locations/repo';
import { disaggregationLabel, indicatorLabel } from '../tally/labels';
import { EnrolForm } from './EnrolForm';
import {
  acceptPreview,
  type Enrolment,
  enrolment,
  loadEnrolment,
  previewAccepted,
  saveEnrolment,
} from './enrolment';
import type { ReportBody } from './protocol';
import { syncStatus } from './status';
import { previewPending, syncNow } from './sync';

/** The last error in words a field worker understands; the technical text stays beside it for support. */
function errorWords(raw: string): TKey {
  if (raw.startsWith('network') || raw === 'timeout') return 'sync.errorText.network';
  if (raw === 'rate_limited') return 'sync.errorText.busy';
  if (raw === 'bad_response') return 'sync.errorText.badResponse';
  if (/^http 5\d\d$/.test(raw)) return 'sync.errorText.server';
  return 'sync.errorText.other';
}

type Preview = Awaited<ReturnType<typeof previewPending>>;

function Status() {
  const s = syncStatus.value;
  return (
    <section aria-labelledby="sync-status-h">
      <h2 id="sync-status-h">{t('sync.status.title')}</h2>
      <p role="status" data-testid="sync-state">
        {t(`sync.state.${s.state}`)}
      </p>
      <dl class="facts">
        <dt>{t('sync.status.pending')}</dt>
        <dd data-testid="sync-pending">{formatNumber(s.pending)}</dd>
        <dt>{t('sync.status.lastSuccess')}</dt>
        <dd>
          {s.lastSuccessAt
            ? formatDate(s.lastSuccessAt, { dateStyle: 'medium', timeStyle: 'short' })
            : t('sync.status.never')}
        </dd>
        {s.lastError && (
          <>
            <dt>{t('sync.status.lastError')}</dt>
            <dd>
              {t(errorWords(s.lastError))} <code>{s.lastError}</code>
            </dd>
          </>
        )}
      </dl>
      {s.notes.length > 0 && (
        <div class="warning" data-testid="sync-notes">
          <ul>
            {s.notes.map((n) => (
              <li key={`${n.period}|${n.orgUnit}`}>
                {t(`sync.notes.${n.kind}`, { month: formatMonth(n.period), place: nameOf(n.orgUnit) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {s.absorbRefused && (
        <p class="warning">
          {t('sync.absorbRefused')} <code>{s.absorbRefused}</code>
        </p>
      )}
      {s.problem && (
        <div class="warning">
          <p>
            {t('sync.problem.intro', {
              month: formatMonth(s.problem.period),
              place: nameOf(s.problem.orgUnit),
            })}
          </p>
          <ul>
            {s.problem.issues.map((i) => (
              <li key={`${i.path.join('.')}-${i.message}`}>
                <code>{i.path.join('.') || '—'}</code>:{' '}
                {i.message.startsWith('errors.') ? t(keyFromData(i.message)) : i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function ReportTable({ period, orgUnit, body }: { period: string; orgUnit: string; body: ReportBody }) {
  return (
    <details>
      <summary>
        {formatMonth(period)} · {nameOf(orgUnit)} ({t('sync.preview.cells', { count: body.values.length })})
      </summary>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('sync.preview.indicator')}</th>
              <th scope="col">{t('sync.preview.breakdown')}</th>
              <th scope="col">{t('sync.preview.value')}</th>
            </tr>
          </thead>
          <tbody>
            {body.values.map((v) => (
              <tr key={`${v.indicator}${JSON.stringify(v.disaggregation)}`}>
                <td>{indicatorLabel(v.indicator)}</td>
                <td>{disaggregationLabel(v.disaggregation as Record<string, string>, v.indicator)}</td>
                <td>{formatNumber(v.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details>
        <summary>{t('sync.preview.raw')}</summary>
        <pre class="raw">{JSON.stringify(body, null, 2)}</pre>
      </details>
    </details>
  );
}

function PreviewSection() {
  const [preview, setPreview] = useState<Preview | null>(null);
  // A read that fails says what happened, with a way on, instead of "Loading…" forever.
  const [failed, setFailed] = useState<ErrorCode | null>(null);
  const refresh = () =>
    void previewPending().then(
      (p) => {
        setFailed(null);
        setPreview(p);
      },
      (err: unknown) => setFailed(toPelitaError(err).code),
    );
  useEffect(refresh, [syncStatus.value.pending]);
  return (
    <section aria-labelledby="preview-h">
      <h2 id="preview-h">{t('sync.preview.title')}</h2>
      <p>{t('sync.preview.intro')}</p>
      {failed ? (
        <div role="alert" class="warning">
          <p>{t(failed)}</p>
          <button type="button" onClick={refresh}>
            {t('form.tryAgain')}
          </button>
        </div>
      ) : preview === null ? (
        <p>{t('common.loading')}</p>
      ) : preview.length === 0 ? (
        <p>{t('sync.preview.nothing')}</p>
      ) : (
        preview.map(({ row, body }) => (
          <ReportTable key={row.key} period={row.period} orgUnit={row.orgUnit} body={body} />
        ))
      )}
      {!previewAccepted.value && enrolment.value && (
        <div class="actions">
          <button
            type="button"
            class="primary"
            onClick={async () => {
              await acceptPreview();
              await syncNow({ force: true });
            }}
          >
            {t('sync.preview.accept')}
          </button>
        </div>
      )}
    </section>
  );
}

/** What the server's refusal means, in words, and that nothing is lost by enrolling again. */
function Refused({ e }: { e: Enrolment }) {
  const r = e.refusal;
  // No protocol body: something between the device and the server (a proxy, a login page) said no.
  const key = !r
    ? 'sync.refused.token'
    : r.error.startsWith('http_')
      ? 'sync.refused.proxy'
      : r.status === 403
        ? 'sync.refused.forbidden'
        : 'sync.refused.token';
  return (
    <div class="warning" data-testid="sync-refused">
      <p>{t(key, { server: e.serverUrl })}</p>
      <p>{t('sync.refused.again')}</p>
      {r && (
        <p class="hint">
          {formatDate(r.at, { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
          <code>
            {r.status} {r.error}
          </code>
        </p>
      )}
    </div>
  );
}

export function SyncScreen() {
  useLocations();
  useEffect(() => {
    void loadEnrolment();
  }, []);
  const e = enrolment.value;
  return (
    <section>
      <h1>{t('nav.sync')}</h1>
      <p>{t('sync.intro')}</p>
      <Status />
      {e && !e.refused ? (
        <>
          <p>{t('sync.enrolledWith', { server: e.serverUrl })}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => void syncNow({ force: true })}>
              {t('sync.now')}
            </button>
            <button
              type="button"
              onClick={async () => {
                // The identity stays (settings/installation.ts); only this server's token is forgotten.
                await saveEnrolment(null);
                await syncNow();
              }}
            >
              {t('sync.forget')}
            </button>
          </div>
          <p class="hint">{t('sync.forgetHint')}</p>
        </>
      ) : (
        <>
          {e?.refused && <Refused e={e} />}
          <EnrolForm />
        </>
      )}
      <PreviewSection />
    </section>
  );
}
