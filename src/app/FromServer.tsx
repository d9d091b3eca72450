import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatNumber, t } from '../i18n/i18n';
import { readSetting, settings } from '../settings/repo';
import type { ServerConfigState } from '../sync/config';

/**
 * Which settings the deployment's server set (SPEC §6 "Settings shows which values came from the server"):
 * the location list, the home country, the counting thresholds, the DHIS2 mapping. Changing one here still
 * works; the server's next version sets it again.
 */
export function FromServer() {
  const [state, setState] = useState<ServerConfigState | null | undefined>(undefined);
  // Re-read when a setting changes: a sync run may just have applied a new version.
  const s = settings.value;
  useEffect(() => {
    void readSetting<ServerConfigState>('serverConfig').then((c) => setState(c ?? null));
  }, [s]);
  if (!state) return null;
  return (
    <section aria-labelledby="from-server-h" data-testid="from-server">
      <h2 id="from-server-h">{t('settings.fromServer.title')}</h2>
      <p>
        {t('settings.fromServer.intro', {
          server: state.serverUrl,
          version: formatNumber(state.version),
          date: formatDate(state.appliedAt, { dateStyle: 'medium', timeStyle: 'short' }),
        })}
      </p>
      {state.from.length > 0 ? (
        <ul>
          {state.from.map((v) => (
            <li key={v}>{t(`settings.fromServer.values.${v}`)}</li>
          ))}
        </ul>
      ) : (
        <p>{t('settings.fromServer.none')}</p>
      )}
      {state.refused.length > 0 && (
        <p class="warning">
          {t('settings.fromServer.refused', {
            list: state.refused.map((v) => t(`settings.fromServer.values.${v}`)).join(', '),
          })}
        </p>
      )}
    </section>
  );
}
