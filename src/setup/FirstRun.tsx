// The first start: a short set-up before the first record — language, country, usual location, passphrase,
// device name — each step skippable, in the person's language from the first word (issue 15.7). The
// passphrase is offered here, before any personal field can be typed, because setting it later cannot erase
// what the browser already wrote to disk (issue 11.2); declining is one plain button.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { language, setLanguage, t } from '../i18n/i18n';
import { isLanguage, LANGUAGES } from '../i18n/languages';
import { LocationPicker } from '../locations/LocationPicker';
import { useLocations } from '../locations/repo';
import { saveSetting, settings } from '../settings/repo';
import { finishFirstRun } from './first-run';
import { PassphraseStep } from './PassphraseStep';

const STEPS = ['language', 'country', 'location', 'passphrase', 'device'] as const;
type Step = (typeof STEPS)[number];

function LanguageStep() {
  return (
    <div class="field">
      <label for="setup-language">{t('settings.language')}</label>
      <select
        id="setup-language"
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
    </div>
  );
}

function CountryStep() {
  const tree = useLocations();
  if (!tree) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <div class="field">
      <label for="setup-country">{t('locations.homeCountry')}</label>
      <p class="hint" id="setup-country-hint">
        {t('setup.countryHint')}
      </p>
      <select
        id="setup-country"
        aria-describedby="setup-country-hint"
        value={settings.value.homeCountry ?? ''}
        onChange={(e) => void saveSetting('homeCountry', e.currentTarget.value || null)}
      >
        <option value="">{t('locations.choose')}</option>
        {tree.roots.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function LocationStep() {
  const { homeCountry, defaultOrgUnit } = settings.value;
  return (
    <LocationPicker
      id="setup-location"
      label="locations.defaultLocation"
      hint="locations.defaultLocationHint"
      value={defaultOrgUnit}
      within={homeCountry}
      onChange={(code) => void saveSetting('defaultOrgUnit', code)}
    />
  );
}

function DeviceStep() {
  return (
    <div class="field">
      <label for="setup-device">{t('settings.deviceLabel')}</label>
      <p class="hint" id="setup-device-hint">
        {t('settings.deviceLabelHint')}
      </p>
      <input
        id="setup-device"
        aria-describedby="setup-device-hint"
        autoComplete="off"
        maxLength={100}
        value={settings.value.deviceLabel}
        onChange={(e) => void saveSetting('deviceLabel', e.currentTarget.value.trim())}
      />
    </div>
  );
}

export function FirstRun({ onDone }: { onDone: () => void }) {
  const [index, setIndex] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const step: Step = STEPS[index] ?? 'device';
  // Each step's heading gets the focus, so a screen reader hears where the person is. In a layout effect, as
  // the step appears: a plain effect runs a frame later, and on a slow phone that is after the person has
  // started typing into the new step, whose keystrokes would then land on the heading.
  useLayoutEffect(() => {
    if (index > 0) heading.current?.focus();
  }, [index]);

  const finish = async () => {
    await finishFirstRun().catch(() => undefined);
    onDone();
  };
  const next = () => (index + 1 < STEPS.length ? setIndex(index + 1) : void finish());
  // Skipping the set-up still passes by the passphrase once: it is the one step that cannot wait until a name
  // has been typed. There, "Skip the set-up" declines it and ends.
  const passphraseAt = STEPS.indexOf('passphrase');
  const skipAll = () => (index < passphraseAt ? setIndex(passphraseAt) : void finish());
  const last = index + 1 === STEPS.length;

  return (
    <main id="main" class="first-run" data-first-run="">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <p class="hint">{t('setup.step', { n: String(index + 1), total: String(STEPS.length) })}</p>
      <section aria-labelledby="setup-step-h">
        <h2 id="setup-step-h" ref={heading} tabIndex={-1}>
          {t(`setup.${step}.title`)}
        </h2>
        {step === 'language' && <LanguageStep />}
        {step === 'country' && <CountryStep />}
        {step === 'location' &&
          (settings.value.homeCountry ? (
            <LocationStep />
          ) : (
            <p class="hint">{t('locations.chooseCountryFirst')}</p>
          ))}
        {step === 'passphrase' && <PassphraseStep onSet={next} onDecline={next} />}
        {step === 'device' && <DeviceStep />}
      </section>
      <div class="actions">
        {step !== 'passphrase' && (
          <button type="button" class="primary" onClick={next}>
            {last ? t('setup.done') : t('setup.next')}
          </button>
        )}
        {!last && step !== 'passphrase' && (
          <button type="button" onClick={next}>
            {t('setup.skip')}
          </button>
        )}
        <button type="button" data-skip-setup="" onClick={skipAll}>
          {t('setup.skipAll')}
        </button>
      </div>
    </main>
  );
}
