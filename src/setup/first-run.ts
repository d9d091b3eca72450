// Whether the first-run set-up is still to do (SPEC §9, issue 11.2 and issue 15.7). Kept small: the first
// screen loads it; the set-up itself (./FirstRun.tsx) is loaded only when it shows. A device that already
// has records, a passphrase or a home country (set up before this screen existed) never sees it.
import { db } from '../db/db';
import type { VaultStatus } from '../privacy/vault';
import { RECORD_TABLES } from '../records/registry';
import { readSetting, writeSetting } from '../settings/repo';

export const FIRST_RUN_KEY = 'firstRunDone';

export async function needsFirstRun(vault: VaultStatus): Promise<boolean> {
  if (vault !== 'off') return false;
  if (await readSetting<boolean>(FIRST_RUN_KEY)) return false;
  // Set up by hand in Settings before this screen existed.
  if (await readSetting<string>('homeCountry')) return false;
  const counts = await Promise.all(RECORD_TABLES.map((table) => db.table(table).count()));
  return counts.every((n) => n === 0);
}

/** Done or skipped: it does not show again (everything it asks is in Settings). */
export const finishFirstRun = () => writeSetting(FIRST_RUN_KEY, true);
