import { useState } from 'preact/hooks';
import { type TKey, t } from '../i18n/i18n';
import { APP_VERSION } from '../lib/version';
import { checkForUpdate } from './register';

type Check = 'idle' | 'checking' | 'latest' | 'found' | 'failed';

const MESSAGES: Record<Check, TKey | null> = {
  idle: null,
  checking: 'about.checking',
  latest: 'about.latest',
  found: 'about.found',
  failed: 'about.failed',
};

/** Which version this is, and a way to look for a newer one now rather than at the next start. */
export function About() {
  const [check, setCheck] = useState<Check>('idle');
  const message = MESSAGES[check];
  return (
    <section aria-labelledby="about-h">
      <h2 id="about-h">{t('about.title')}</h2>
      <p data-testid="app-version">{t('about.version', { version: APP_VERSION })}</p>
      <div class="actions">
        <button
          type="button"
          disabled={check === 'checking'}
          onClick={async () => {
            setCheck('checking');
            try {
              setCheck((await checkForUpdate()) ? 'found' : 'latest');
            } catch {
              // Offline, or the server is down: say so; the app keeps working as it is.
              setCheck('failed');
            }
          }}
        >
          {t('about.check')}
        </button>
      </div>
      <p role="status">{message ? t(message) : ''}</p>
    </section>
  );
}
