import { signal } from '@preact/signals';
import { t } from '../i18n/i18n';

export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    online.value = true;
  });
  window.addEventListener('offline', () => {
    online.value = false;
  });
}

/** Says in words whether the device is connected; working offline is normal, not an error. */
export function OnlineBadge() {
  return (
    <span class={`badge ${online.value ? 'badge-online' : 'badge-offline'}`} role="status">
      {online.value ? t('status.online') : t('status.offline')}
    </span>
  );
}
