import { useEffect, useState } from 'preact/hooks';
import { BackupPanel } from '../export/BackupPanel';
import { formatNumber, language, setLanguage, t } from '../i18n/i18n';
import { isLanguage, LANGUAGES } from '../i18n/languages';
import { LocationSettings } from '../locations/LocationSettings';
import { PassphraseSettings } from '../privacy/PassphraseSettings';
import { refreshStorageState, storageState } from '../records/storage';
import { saveSetting, settings } from '../settings/repo';
import { About } from '../sw/About';
import { showToast } from '../ui/toast';
import { FromServer } from './FromServer';

function bytes(n: number | null) {
  if (n === null) return t('common.unknown');
  const mb = n / (1024 * 1024);
  return formatNumber(mb, { style: 'unit', unit: 'megabyte', maximumFractionDigits: mb < 10 ? 1 : 0 });
}

function StorageStatus() {
  useEffect(() => {
    void refreshStorageState();
  }, []);
  const s = storageState.value;
  return (
    <section aria-labelledby="storage-h">
      <h2 id="storage-h">{t('settings.storage.title')}</h2>
      <dl class="facts">
        <dt>{t('settings.storage.persistent')}</dt>
        <dd data-testid="persisted">
          {s.persisted === null ? t('common.unknown') : s.persisted ? t('common.yes') : t('common.no')}
        </dd>
        <dt>{t('settings.storage.used')}</dt>
        <dd>{t('settings.storage.usedOf', { used: bytes(s.usage), quota: bytes(s.quota) })}</dd>
      </dl>
      {s.persisted !== true && <p class="warning">{t('settings.storage.notPersistent')}</p>}
      {!s.installed && <p class="notice">{t('settings.storage.notInstalled')}</p>}
      {s.safariEviction && <p class="warning">{t('settings.storage.safari')}</p>}
    </section>
  );
}

function DeviceLabel() {
  const [label, setLabel] = useState(settings.value.deviceLabel);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        await saveSetting('deviceLabel', label.trim());
        showToast(t('settings.saved'), 'success');
      }}
    >
      <label for="device-label">{t('settings.deviceLabel')}</label>
      <p class="hint" id="device-label-hint">
        {t('settings.deviceLabelHint')}
      </p>
      <input
        id="device-label"
        aria-describedby="device-label-hint"
        value={label}
        maxLength={100}
        onInput={(e) => setLabel(e.currentTarget.value)}
      />
      <div class="actions">
        <button type="submit">{t('common.save')}</button>
      </div>
    </form>
  );
}

export function Settings() {
  return (
    <section>
      <h1>{t('nav.settings')}</h1>
      <label for="language">{t('settings.language')}</label>
      <select
        id="language"
        value={language.value}
        onChange={async (e) => {
          const lang = e.currentTarget.value;
          if (!isLanguage(lang)) return;
          await setLanguage(lang);
          await saveSetting('language', lang);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.native}
          </option>
        ))}
      </select>
      <FromServer />
      <LocationSettings />
      <DeviceLabel />
      <StorageStatus />
      <PassphraseSettings />
      <BackupPanel />
      <About />
    </section>
  );
}
