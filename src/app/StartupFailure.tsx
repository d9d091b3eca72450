import { t } from '../i18n/i18n';

/**
 * Shown instead of the app when its storage cannot be read at start-up. Pelita fails closed: without knowing
 * whether a passphrase protects the personal fields, it shows no record and saves nothing.
 */
export function StartupFailure() {
  return (
    <main class="error-screen" role="alert">
      <h1>{t('errorBoundary.title')}</h1>
      <p>{t('errors.storageUnavailable')}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => location.reload()}>
          {t('errorBoundary.reload')}
        </button>
      </div>
    </main>
  );
}
