// Settings from the server (SPEC §6): `GET /api/v1/config` gives the deployment's location list, home
// country, counting thresholds and DHIS2 mapping. Fetched at enrolment and checked cheaply on every sync run
// (the ETag we hold → `304`); applied when the version changes. What came from the server is recorded, so
// Settings can say which values are the deployment's and which are this device's own. A change of home
// country or thresholds changes the counting stamp (tally/repo.ts): the months are recounted, and run.ts
// re-sends those whose numbers changed.
import { parseMapping } from '../export/dhis2';
import { saveCustomList } from '../locations/repo';
import { readSetting, saveSetting, settings, writeSetting } from '../settings/repo';
import { type ConfigResponse, ORG_UNIT_PATTERN } from './protocol';
import type { Auth, ConfigResult } from './upstream';

export type ServerValue = 'locations' | 'homeCountry' | 'thresholds' | 'dhis2Mapping';

export interface ServerConfigState {
  serverUrl: string;
  version: number;
  etag: string | null;
  appliedAt: string;
  /** The values that now come from the server. */
  from: ServerValue[];
  /** Parts the device could not use (a location list its own rules refuse), by name. */
  refused: ServerValue[];
}

export const CONFIG_KEY = 'serverConfig';

export async function readConfigState(): Promise<ServerConfigState | null> {
  return (await readSetting<ServerConfigState>(CONFIG_KEY)) ?? null;
}

/** Unique codes of the protocol's shape, every parent present, no loop. */
function isTree(list: ConfigResponse['locations']): boolean {
  const parent = new Map<string, string | null>();
  for (const l of list) {
    if (parent.has(l.code) || !ORG_UNIT_PATTERN.test(l.code) || !l.name.trim()) return false;
    parent.set(l.code, l.parent || null);
  }
  for (const code of parent.keys()) {
    let at: string | null | undefined = code;
    for (let steps = 0; at; steps++) {
      at = parent.get(at);
      if (at === undefined || steps > parent.size) return false;
    }
  }
  return list.length > 0;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Applies one config the server sent. Returns what it changed. */
export async function applyConfig(
  serverUrl: string,
  config: ConfigResponse,
  etag: string | null,
  now = new Date(),
): Promise<ServerConfigState> {
  const before = await readConfigState();
  const wasFromServer = (v: ServerValue) => before?.from.includes(v) ?? false;
  const from: ServerValue[] = [];
  const refused: ServerValue[] = [];

  // The server checked the list with the app's own import rules; a list that is not even a tree is refused
  // whole here too (the form's pickers must never show a code whose parent is missing).
  if (isTree(config.locations)) {
    if (!wasFromServer('locations') || before?.version !== config.version)
      await saveCustomList(config.locations, serverUrl, now);
    from.push('locations');
  } else refused.push('locations');

  if (config.homeCountry !== null) {
    if (settings.value.homeCountry !== config.homeCountry)
      await saveSetting('homeCountry', config.homeCountry);
    from.push('homeCountry');
  }

  if (config.thresholds !== null) {
    if (!sameJson(settings.value.thresholds, config.thresholds))
      await saveSetting('thresholds', config.thresholds);
    from.push('thresholds');
  } else if (wasFromServer('thresholds')) await saveSetting('thresholds', null);

  if (config.dhis2Mapping !== null) {
    if (parseMapping(config.dhis2Mapping).success) {
      if (!sameJson(settings.value.dhis2Mapping, config.dhis2Mapping))
        await saveSetting('dhis2Mapping', config.dhis2Mapping);
      from.push('dhis2Mapping');
    } else refused.push('dhis2Mapping');
  } else if (wasFromServer('dhis2Mapping')) await saveSetting('dhis2Mapping', null);

  const state: ServerConfigState = {
    serverUrl,
    version: config.version,
    etag,
    appliedAt: now.toISOString(),
    from,
    refused,
  };
  await writeSetting(CONFIG_KEY, state);
  return state;
}

/**
 * One cheap check: with the ETag held, an unchanged config costs a `304`. `knownVersion` (from enrolment)
 * forces a fetch when it differs from the version held. Failures are returned, never thrown: a sync run
 * goes on with the settings it has.
 */
export async function refreshConfig(
  serverUrl: string,
  auth: Auth,
  fetchConfig: (url: string, auth: Auth, etag: string | null) => Promise<ConfigResult>,
  knownVersion?: number,
): Promise<ConfigResult['kind']> {
  const held = await readConfigState();
  const current = held && held.serverUrl === serverUrl ? held : null;
  const etag =
    current && (knownVersion === undefined || knownVersion === current.version) ? current.etag : null;
  const res = await fetchConfig(serverUrl, auth, etag);
  if (res.kind === 'ok') await applyConfig(serverUrl, res.config, res.etag);
  return res.kind;
}
