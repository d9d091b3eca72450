// Pushing a month to DHIS2: the connection (address and token; the token is never shown again once saved),
// then, for a month and a place, a dry run whose summary DHIS2 gives, then the import, each kept in the push
// log. Failures are said in words: DHIS2 down, slow, a redirect to its login page, refused values.
import { useState } from 'preact/hooks';
import type { Dhis2Error } from '../server/console/dhis2-client';
import { formatDate, formatMonth, formatNumber, keyFromData } from '../src/i18n/i18n';
import { TableWrap } from '../src/tally/IndicatorTable';
import { indicatorLabel } from '../src/tally/labels';
import { ApiError, api } from './api';
import { LocationSelect, MonthInput } from './Controls';
import { errorText } from './errors';
import { t } from './i18n';
import { selection, tree } from './state';
import { useFetch } from './useFetch';

interface PushAnswer {
  ok: boolean;
  dryRun: boolean;
  cells: number;
  unmapped: string[];
  error: Dhis2Error | null;
  importCount: { imported: number; updated: number; ignored: number; deleted: number } | null;
  conflicts: { object?: string; value?: string }[];
}
interface Settings {
  baseUrl: string | null;
  tokenSaved: boolean;
  canConfigure: boolean;
  mappingIssues: { path: (string | number)[]; message: string }[];
  log: (PushAnswer & { id: number; at: string; account: string; period: string; orgUnit: string })[];
}

const asError = (err: unknown) => errorText(err instanceof ApiError ? err : new ApiError(0, 'other'));

function Outcome({ r }: { r: PushAnswer }) {
  const c = r.importCount;
  return (
    <>
      {r.error && <p class="error">{t(`console.dhis2.failures.${r.error}`)}</p>}
      {c && (
        <p>
          {t('console.dhis2.result', {
            cells: formatNumber(r.cells),
            imported: formatNumber(c.imported),
            updated: formatNumber(c.updated),
            ignored: formatNumber(c.ignored),
            deleted: formatNumber(c.deleted),
          })}
        </p>
      )}
      {r.unmapped.length > 0 && (
        <p class="notice">
          {t('console.dhis2.unmapped', { list: r.unmapped.map(indicatorLabel).join(', ') })}
        </p>
      )}
      {r.conflicts.length > 0 && (
        <ul>
          {r.conflicts.map((x, i) => (
            <li key={i}>{`${x.object ?? ''}: ${x.value ?? ''}`}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Dhis2() {
  const [version, setVersion] = useState(0);
  const { data, error } = useFetch(`v${version}`, () => api<Settings>('dhis2'));
  const [form, setForm] = useState<{ baseUrl: string; token: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [result, setResult] = useState<{ key: string; answer: PushAnswer } | null>(null);
  const [busy, setBusy] = useState(false);
  const { orgUnit, to: period } = selection.value;
  const key = `${period}|${orgUnit}`;
  const shown = form ?? { baseUrl: data?.baseUrl ?? '', token: '' };
  const dryOk = result?.key === key && result.answer.dryRun && result.answer.ok;

  async function save(e: Event) {
    e.preventDefault();
    try {
      await api('dhis2', {
        method: 'PUT',
        body: { baseUrl: shown.baseUrl, ...(shown.token ? { token: shown.token } : {}) },
      });
      setForm(null);
      setMessage(t('console.dhis2.saved'));
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage(asError(err));
    }
  }

  async function push(dryRun: boolean) {
    setBusy(true);
    try {
      const answer = await api<PushAnswer>('dhis2/push', {
        method: 'POST',
        body: { period, orgUnit, dryRun },
      });
      setResult({ key, answer });
    } catch (err) {
      // A failed push (502) is in the push log with DHIS2's answer, shown below; anything else is said here.
      if (!(err instanceof ApiError && err.status === 502)) setMessage(asError(err));
    } finally {
      setBusy(false);
      setVersion((v) => v + 1);
    }
  }

  const last = data?.log.find((l) => `${l.period}|${l.orgUnit}` === key);
  return (
    <section>
      <h1>{t('console.dhis2.title')}</h1>
      {error && <p class="error">{errorText(error)}</p>}
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
      {data?.canConfigure && (
        <form class="console-form" onSubmit={save} aria-labelledby="dhis2-settings-h">
          <h2 id="dhis2-settings-h">{t('console.dhis2.settings')}</h2>
          <div class="field">
            <label for="dhis2-url">{t('console.dhis2.baseUrl')}</label>
            <input
              id="dhis2-url"
              type="url"
              required
              value={shown.baseUrl}
              onInput={(e) => setForm({ ...shown, baseUrl: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for="dhis2-token">{t('console.dhis2.token')}</label>
            <input
              id="dhis2-token"
              type="password"
              autocomplete="off"
              aria-describedby={data.tokenSaved ? 'dhis2-token-hint' : undefined}
              required={!data.tokenSaved}
              value={shown.token}
              onInput={(e) => setForm({ ...shown, token: e.currentTarget.value })}
            />
            {data.tokenSaved && (
              <p class="hint" id="dhis2-token-hint">
                {t('console.dhis2.tokenSaved')}
              </p>
            )}
          </div>
          <div class="actions">
            <button type="submit">{t('console.dhis2.save')}</button>
          </div>
        </form>
      )}
      {data && data.mappingIssues.length > 0 && (
        <p class="error">
          {t('console.dhis2.mappingIssues', {
            issues: data.mappingIssues
              .map((i) => `${i.path.join('.')}: ${t(keyFromData(i.message))}`)
              .join('; '),
          })}
        </p>
      )}
      <h2>{t('console.dhis2.push')}</h2>
      <div class="console-controls">
        <LocationSelect id="dhis2-location" />
        <MonthInput id="dhis2-month" label="console.month" which="to" />
      </div>
      <p class="hint">{t('console.dhis2.dryRunFirst')}</p>
      <div class="actions">
        <button type="button" disabled={busy || !data?.baseUrl} onClick={() => push(true)}>
          {t('console.dhis2.dryRun')}
        </button>
        <button type="button" class="primary" disabled={busy || !dryOk} onClick={() => push(false)}>
          {t('console.dhis2.import')}
        </button>
      </div>
      <div role="status" data-testid="dhis2-result">
        {result?.key === key ? <Outcome r={result.answer} /> : last && !last.ok ? <Outcome r={last} /> : null}
      </div>
      {data && data.log.length > 0 && (
        <TableWrap id="dhis2-log" caption={t('console.dhis2.log')}>
          <table class="report-table" aria-labelledby="dhis2-log-c">
            <thead>
              <tr>
                <th scope="col">{t('console.dhis2.when')}</th>
                <th scope="col">{t('console.dhis2.by')}</th>
                <th scope="col">{t('console.location')}</th>
                <th scope="col">{t('console.month')}</th>
                <th scope="col">{t('console.dhis2.kind')}</th>
                <th scope="col">{t('console.dhis2.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {data.log.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{formatDate(l.at, { dateStyle: 'medium', timeStyle: 'short' })}</th>
                  <td>{l.account}</td>
                  <td>{tree.value?.nameOf(l.orgUnit) ?? l.orgUnit}</td>
                  <td>{formatMonth(l.period)}</td>
                  <td>{t(l.dryRun ? 'console.dhis2.dryRun' : 'console.dhis2.importKind')}</td>
                  <td>
                    {l.ok
                      ? t('console.dhis2.done', {
                          imported: formatNumber(l.importCount?.imported ?? 0),
                          updated: formatNumber(l.importCount?.updated ?? 0),
                          ignored: formatNumber(l.importCount?.ignored ?? 0),
                        })
                      : t(`console.dhis2.failures.${l.error ?? 'refused'}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
