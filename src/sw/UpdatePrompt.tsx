import { t } from '../i18n/i18n';
import { applyUpdate, offlineReady, postponeUpdate, updateAvailable } from './register';

/** Not a modal: the person finishes what they are typing and reloads when they choose. */
export function UpdatePrompt() {
  if (updateAvailable.value) {
    return (
      <div class="banner" role="status" aria-live="polite">
        <span>{t('update.available')}</span>
        <button type="button" class="primary" onClick={applyUpdate}>
          {t('update.reload')}
        </button>
        <button type="button" onClick={postponeUpdate}>
          {t('update.later')}
        </button>
      </div>
    );
  }
  if (offlineReady.value) {
    return (
      <div class="banner" role="status" aria-live="polite">
        <span>{t('update.offlineReady')}</span>
        <button
          type="button"
          onClick={() => {
            offlineReady.value = false;
          }}
        >
          {t('common.ok')}
        </button>
      </div>
    );
  }
  return null;
}
