// The report's downloads: glue between the stored tallies, the pure exports (csv.ts, tally/publish.ts, dhis2.ts)
// and the browser's download. The export modules are imported when a download is asked for, so the report
// screen's own chunk stays small (dhis2.ts brings zod for its mapping file).
//
// DHIS2 needs to be told when a count fell to zero, or it keeps the old number. So each DHIS2 export keeps the
// values it sent, per (period, orgUnit), in the settings table (`dhis2Last:<period>|<orgUnit>`), and the next
// export for the same pair sends an explicit "0" for every cell that was sent before and is empty now.
import { t } from '../i18n/i18n';
import { readSetting, settings, writeSetting } from '../settings/repo';
import { monthValues } from '../tally/repo';
import type { DataValue } from '../tally/tally';
import { download } from '../ui/download';

/**
 * How DHIS2 must import the file, shown on the screen before the first download. The same as dhis2.ts's
 * `DHIS2_IMPORT_PATH` (a test checks), kept here so the screen does not load dhis2.ts (and zod) to say it.
 */
export const DHIS2_IMPORT_OPTIONS = 'POST /api/dataValueSets?idScheme=CODE&importStrategy=CREATE_AND_UPDATE';

/** Where the report's numbers come from: one location and everything within it. */
export interface Area {
  orgUnit: string;
  within: (orgUnit: string) => boolean;
  /** The location's name, for the CSV's `orgUnitName` column. */
  name: (code: string) => string;
}

/** The months from `from` to `to`, both included (`YYYY-MM`). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m === 13) {
      y++;
      m = 1;
    }
  }
  return out;
}

/** `pelita-KH-12-2026-03.csv`, or `pelita-KH-12-2026-01_2026-03.csv` for several months. */
export function csvFileName(orgUnit: string, from: string, to: string): string {
  const safe = orgUnit.replace(/[^A-Za-z0-9-]+/g, '_');
  return `pelita-${safe}-${from === to ? from : `${from}_${to}`}.csv`;
}

/**
 * The CSV text for `values`: every indicator as its tables, every breakdown published (tally/publish.ts
 * `publishTables`), labels in the current language, small cells of children-counting indicators hidden when
 * `suppress`.
 */
export async function csvText(
  values: readonly DataValue[],
  options: { suppress: boolean; name: (code: string) => string },
): Promise<string> {
  const [{ toCsv }, { publishTables }] = await Promise.all([import('./csv'), import('../tally/publish')]);
  const rows = publishTables(values, { suppress: options.suppress });
  return toCsv(rows, { label: (key) => t(key), orgUnitName: options.name });
}

/** Builds the CSV for the months `from`–`to` of `area` and downloads it; returns the file name. */
export async function downloadCsv(area: Area, from: string, to: string, suppress: boolean): Promise<string> {
  const months = monthRange(from, to);
  const values: DataValue[] = [];
  // One month after another: each may be recounted from its records the first time it is read.
  for (const period of months) values.push(...(await monthValues(period, area.within, area.orgUnit)));
  const text = await csvText(values, { suppress, name: area.name });
  const name = csvFileName(area.orgUnit, from, to);
  download(new Blob([text], { type: 'text/csv;charset=utf-8' }), name);
  return name;
}

const lastKey = (period: string, orgUnit: string) => `dhis2Last:${period}|${orgUnit}`;

export interface Dhis2Result {
  fileName: string;
  /** Cells in the payload, zeros included. */
  cells: number;
  /** Indicators the DHIS2 mapping does not cover (not in the file). */
  unmapped: string[];
  importPath: string;
}

/**
 * Builds the DHIS2 `dataValueSets` payload for one month of `area`, downloads it and remembers what was sent,
 * so the next export of the same month and place can send zeros for cells that emptied.
 */
export async function downloadDhis2(area: Area, period: string): Promise<Dhis2Result> {
  const { toDataValueSet, parseMapping } = await import('./dhis2');
  // The deployment's mapping (from the server) when it set one, else the app's own.
  const own = settings.value.dhis2Mapping ? parseMapping(settings.value.dhis2Mapping) : null;
  const current = await monthValues(period, area.within, area.orgUnit);
  const previous = (await readSetting<DataValue[]>(lastKey(period, area.orgUnit))) ?? [];
  const { payload, importPath, unmapped } = toDataValueSet(
    current,
    previous,
    own?.success ? own.data : undefined,
  );
  const safe = area.orgUnit.replace(/[^A-Za-z0-9-]+/g, '_');
  const fileName = `pelita-dhis2-${safe}-${period}.json`;
  download(new Blob([JSON.stringify(payload, null, 2)], { type: 'application/json' }), fileName);
  await writeSetting(lastKey(period, area.orgUnit), current);
  return { fileName, cells: payload.dataValues.length, unmapped, importPath };
}
