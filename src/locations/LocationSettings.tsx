// The Locations part of Settings: the device's home country and default location (saved as soon as they
// are chosen), and the location list itself: which one is active, loading a deployment's own list from a
// CSV or JSON file (refused whole, with every bad row listed, when anything in it is wrong), and going back
// to the default ASEAN list.
import { useState } from 'preact/hooks';
import { formatDate, formatNumber, t } from '../i18n/i18n';
import { saveSetting, settings } from '../settings/repo';
import { showToast } from '../ui/toast';
import { type ImportProblem, parseLocationFile } from './import';
import { LocationPicker } from './LocationPicker';
import { type LocationTree, settingsOutside } from './locations';
import { activeList, resetToDefaultList, saveCustomList, useLocations } from './repo';

/** How many reasons to list; a file with thousands of bad rows is usually one mistake repeated. */
const SHOWN = 100;

type Outcome =
  | { kind: 'refused'; fileName: string; problems: ImportProblem[] }
  | { kind: 'loaded'; fileName: string; count: number; outside: string[] }
  | { kind: 'reset'; outside: string[] };

async function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, 'utf-8');
  });
}

function HomeCountry({ tree }: { tree: LocationTree }) {
  const { homeCountry, defaultOrgUnit } = settings.value;
  return (
    <>
      <label for="home-country">{t('locations.homeCountry')}</label>
      <select
        id="home-country"
        value={homeCountry && tree.has(homeCountry) ? homeCountry : ''}
        onChange={async (e) => {
          const code = e.currentTarget.value || null;
          await saveSetting('homeCountry', code);
          // A default location in another country would put new records in the wrong place.
          if (defaultOrgUnit && (!code || !tree.isWithin(defaultOrgUnit, code))) {
            await saveSetting('defaultOrgUnit', null);
          }
          showToast(t('settings.saved'), 'success');
        }}
      >
        <option value="">{t('locations.choose')}</option>
        {tree.roots.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </>
  );
}

function Report({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'refused') {
    const { problems } = outcome;
    return (
      <div class="warning" role="alert">
        <p>{t('locations.import.refused', { file: outcome.fileName })}</p>
        <ul>
          {problems.slice(0, SHOWN).map((p, i) => (
            <li key={i}>
              {p.line === null
                ? t(p.reason, p.values)
                : t('locations.import.atLine', { line: p.line, reason: t(p.reason, p.values) })}
            </li>
          ))}
        </ul>
        {problems.length > SHOWN && (
          <p>{t('locations.import.more', { number: formatNumber(problems.length - SHOWN) })}</p>
        )}
      </div>
    );
  }
  return (
    <div role="status">
      <p class="notice">
        {outcome.kind === 'loaded'
          ? t('locations.import.loaded', { file: outcome.fileName, number: formatNumber(outcome.count) })
          : t('locations.list.resetDone')}
      </p>
      {outcome.outside.map((key) => (
        <p key={key} class="warning">
          {t(key === 'homeCountry' ? 'locations.import.homeOutside' : 'locations.import.defaultOutside')}
        </p>
      ))}
    </div>
  );
}

function LocationList() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const custom = activeList.value?.custom ?? null;
  const count = activeList.value?.tree.size ?? 0;

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      const result = parseLocationFile(await readText(file), file.name);
      if (!result.ok) {
        setOutcome({ kind: 'refused', fileName: file.name, problems: result.problems });
        return;
      }
      const { tree } = await saveCustomList(result.locations, file.name);
      setOutcome({
        kind: 'loaded',
        fileName: file.name,
        count: tree.size,
        outside: settingsOutside(tree, settings.value),
      });
    } catch {
      showToast(t('errors.unexpected'), 'error');
    } finally {
      // So the same file can be chosen again once it is fixed.
      input.value = '';
      setBusy(false);
    }
  };

  return (
    <>
      <h3>{t('locations.list.title')}</h3>
      <p>
        {custom
          ? t('locations.list.custom', {
              file: custom.fileName,
              date: formatDate(custom.importedAt),
              number: formatNumber(count),
            })
          : t('locations.list.default', { number: formatNumber(count) })}
      </p>
      <label for="location-file">{t('locations.list.upload')}</label>
      <p class="hint" id="location-file-hint">
        {t('locations.list.uploadHint')}
      </p>
      <input
        id="location-file"
        type="file"
        accept=".csv,.json,.txt,text/csv,application/json"
        aria-describedby="location-file-hint"
        disabled={busy}
        onChange={(e) => void upload(e.currentTarget)}
      />
      {outcome && <Report outcome={outcome} />}
      {custom && (
        <div class="actions">
          <button
            type="button"
            onClick={async () => {
              const { tree } = await resetToDefaultList();
              setOutcome({ kind: 'reset', outside: settingsOutside(tree, settings.value) });
            }}
          >
            {t('locations.list.reset')}
          </button>
        </div>
      )}
    </>
  );
}

export function LocationSettings() {
  const tree = useLocations();
  const { homeCountry, defaultOrgUnit } = settings.value;
  return (
    <section aria-labelledby="locations-h">
      <h2 id="locations-h">{t('locations.title')}</h2>
      {!tree ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <HomeCountry tree={tree} />
          {homeCountry && tree.has(homeCountry) ? (
            <LocationPicker
              id="default-location"
              label="locations.defaultLocation"
              hint="locations.defaultLocationHint"
              value={defaultOrgUnit}
              within={homeCountry}
              onChange={async (code) => {
                await saveSetting('defaultOrgUnit', code);
                showToast(t('settings.saved'), 'success');
              }}
            />
          ) : (
            <p class="hint">{t('locations.chooseCountryFirst')}</p>
          )}
          <LocationList />
        </>
      )}
    </section>
  );
}
