// The device's active location list. Stored in the `settings` table (through settings/repo.ts) under one
// key: the custom list a deployment loaded, with its file name and when, or nothing, in which case the
// default ASEAN list (./asean.json, a JSON asset fetched at first use, so it is in no JavaScript) is active.
// The list is held in a signal (`activeList`, in ./locations.ts), so every picker and name re-renders when it
// changes.
import { effect } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { readSetting, writeSetting } from '../settings/repo';
import aseanUrl from './asean.json?url';
import {
  type ActiveList,
  activeList,
  type Location,
  LocationTree,
  localPlaceNames,
  shownTree,
} from './locations';
import { followLanguage, placeNames } from './names';

export {
  type ActiveList,
  activeList,
  childrenOf,
  countryOf,
  descendantsOf,
  getLocation,
  isWithin,
  nameOf,
  pathOf,
} from './locations';

const CUSTOM_KEY = 'locations.custom';

// Place names follow the chosen language wherever locations are shown.
followLanguage();
effect(() => {
  localPlaceNames.value = placeNames.value?.names.places ?? null;
});

export interface CustomList {
  fileName: string;
  importedAt: string;
  locations: Location[];
}

let loading: Promise<ActiveList> | null = null;

/**
 * The default list. In the built app it is a JSON asset (precached, like the translations), fetched at first
 * use: data, not JavaScript to parse, and outside the app's JS budget. Tests and `vite dev` import it.
 */
export async function defaultLocations(): Promise<Location[]> {
  if (import.meta.env.PROD) {
    const res = await fetch(aseanUrl);
    if (!res.ok) throw new Error(`Default locations: HTTP ${res.status}`);
    return (await res.json()) as Location[];
  }
  return (await import('./asean.json')).default as Location[];
}

/** Loads the active list once; later calls return the same. */
export function loadLocations(): Promise<ActiveList> {
  loading ??= read().then(
    (list) => (activeList.value = list),
    (err) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** Reads the list again from storage (after an import, or when another part of the app changed it). */
export function reloadLocations(): Promise<ActiveList> {
  loading = null;
  return loadLocations();
}

async function read(): Promise<ActiveList> {
  const custom = await readSetting<CustomList | null>(CUSTOM_KEY);
  // A stored list was validated when it was imported; an empty or damaged row falls back to the default.
  if (custom && Array.isArray(custom.locations) && custom.locations.length > 0) {
    const { locations, ...info } = custom;
    return { tree: new LocationTree(locations), custom: info };
  }
  return { tree: new LocationTree(await defaultLocations()), custom: null };
}

/** Makes a validated list (from import.ts) the device's active list. */
export async function saveCustomList(locations: Location[], fileName: string, now = new Date()) {
  const custom: CustomList = { fileName, importedAt: now.toISOString(), locations };
  await writeSetting(CUSTOM_KEY, custom);
  return reloadLocations();
}

/** Goes back to the default ASEAN list. */
export async function resetToDefaultList() {
  await writeSetting(CUSTOM_KEY, null);
  return reloadLocations();
}

/** The active tree in a component; null while it loads (the first time only). */
export function useLocations(): LocationTree | null {
  const active = activeList.value;
  useEffect(() => {
    if (!active) void loadLocations();
  }, [active]);
  return active ? shownTree.value : null;
}
