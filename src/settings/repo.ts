// Device settings, one row each in the `settings` table. Read once at start-up into a signal, so screens
// read them synchronously; written through `saveSetting`.
import { signal } from '@preact/signals';
import { db } from '../db/db';
import type { Language } from '../i18n/languages';
import type { ClassificationSettings } from './thresholds';

export interface Settings {
  language: Language | null;
  /** ISO 3166-1 alpha-2 of the device's home country, e.g. `KH`. */
  homeCountry: string | null;
  /** The location new records start with, e.g. `KH-12`. */
  defaultOrgUnit: string | null;
  deviceLabel: string;
  /** Counting thresholds the deployment set (from the server); null: the SDG 8.7.1 defaults. */
  thresholds: ClassificationSettings | null;
  /** The deployment's DHIS2 mapping file (from the server); null: the app's own. */
  dhis2Mapping: unknown;
}

export const DEFAULT_SETTINGS: Settings = {
  language: null,
  homeCountry: null,
  defaultOrgUnit: null,
  deviceLabel: '',
  thresholds: null,
  dhis2Mapping: null,
};

export const settings = signal<Settings>({ ...DEFAULT_SETTINGS });

export async function loadSettings(): Promise<Settings> {
  const rows = await db.settings.bulkGet(Object.keys(DEFAULT_SETTINGS));
  const loaded = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  for (const row of rows) if (row) loaded[row.key] = row.value;
  settings.value = loaded as unknown as Settings;
  return settings.value;
}

export async function saveSetting<K extends keyof Settings>(key: K, value: Settings[K]) {
  const changed = settings.value[key] !== value;
  await db.settings.put({ key, value });
  settings.value = { ...settings.value, [key]: value };
  // The home country decides which children count as national: sync re-sends what it already sent.
  if ((key === 'homeCountry' || key === 'thresholds') && changed && typeof window !== 'undefined') {
    window.dispatchEvent(new Event('pelita:counting-changed'));
  }
}

/** Other modules keep their own settings rows (enrolment, locations); they go through here too. */
export async function readSetting<T>(key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export async function writeSetting(key: string, value: unknown) {
  await db.settings.put({ key, value });
}
