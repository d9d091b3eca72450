// The tally as a DHIS2 `dataValueSets` payload (SPEC §6), pure. Codes for data elements and category option
// combos come from a mapping file (dhis2-mapping.json is the default; a deployment can load its own, checked
// here with zod), so the numbers land on the national instance's own metadata.
//
// Import with POST `DHIS2_IMPORT_PATH`: `idScheme=CODE` makes DHIS2 read every identifier (data set, data
// element, category option combo, org unit) as a code, and `CREATE_AND_UPDATE` overwrites last month's
// numbers when a corrected month is sent again. A cell that was exported before and is zero now is sent as an
// explicit "0", or DHIS2 would keep the old count (turn on "zero is significant" on these data elements so
// DHIS2 stores the zero rather than ignoring it).
import * as z from 'zod/mini';
import { indicatorDef } from '../tally/catalog';
import { DISAGGREGATION_KEYS, INDICATOR_CODES } from '../tally/indicators';
import type { DataValue } from '../tally/tally';
import defaultMappingJson from './dhis2-mapping.json';

export const DHIS2_IMPORT_PATH = '/api/dataValueSets?idScheme=CODE&importStrategy=CREATE_AND_UPDATE';

const code = z.string('errors.mapping.invalid').check(z.minLength(1, 'errors.mapping.invalid'));
const PLACEHOLDER = /\{(\w+)\}/g;

const indicatorMapping = z.object(
  {
    dataElement: code,
    /** The breakdowns the DHIS2 category combo has; the tally's other breakdowns are summed away. */
    by: z._default(z.array(z.enum(DISAGGREGATION_KEYS, 'errors.mapping.unknownBreakdown')), []),
    /** A code template such as `{sex}_{ageBand}`, filled with each value's option code. */
    categoryOptionCombo: z.optional(code),
    /** Exact codes for some breakdowns (`ageBand=12-14;sex=female` → code), before the template. */
    combos: z.optional(z.record(z.string(), code)),
  },
  'errors.mapping.invalid',
);

export const dhis2Mapping = z
  .object(
    {
      dataSet: z.optional(code),
      defaultCategoryOptionCombo: z._default(code, 'default'),
      /** Option code per breakdown value; by default the value in capitals with `_` for other signs. */
      optionCodes: z._default(
        z.partialRecord(
          z.enum(DISAGGREGATION_KEYS),
          z.record(z.string(), code),
          'errors.mapping.unknownBreakdown',
        ),
        {},
      ),
      indicators: z.partialRecord(
        z.enum(INDICATOR_CODES),
        indicatorMapping,
        'errors.mapping.unknownIndicator',
      ),
    },
    'errors.mapping.invalid',
  )
  .check(
    z.superRefine((m, ctx) => {
      for (const [indicator, im] of Object.entries(m.indicators)) {
        if (!im) continue;
        const catalogBy: readonly string[] = indicatorDef(indicator)?.by ?? [];
        im.by.forEach((key, i) => {
          if (!catalogBy.includes(key))
            ctx.addIssue({
              code: 'custom',
              path: ['indicators', indicator, 'by', i],
              message: 'errors.mapping.unknownBreakdown',
              input: key,
            });
        });
        for (const [, key] of (im.categoryOptionCombo ?? '').matchAll(PLACEHOLDER)) {
          if (!im.by.includes(key as never))
            ctx.addIssue({
              code: 'custom',
              path: ['indicators', indicator, 'categoryOptionCombo'],
              message: 'errors.mapping.placeholder',
              input: key,
            });
        }
        if (im.by.length > 0 && !im.categoryOptionCombo)
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', indicator, 'categoryOptionCombo'],
            message: 'errors.mapping.comboMissing',
            input: im,
          });
      }
    }),
  );
export type Dhis2Mapping = z.infer<typeof dhis2Mapping>;

/** Checks a deployment's mapping file; the issues carry translation keys and the path of what is wrong. */
export function parseMapping(json: unknown) {
  return z.safeParse(dhis2Mapping, json);
}

export const DEFAULT_MAPPING: Dhis2Mapping = z.parse(dhis2Mapping, defaultMappingJson);

export interface Dhis2DataValue {
  dataElement: string;
  categoryOptionCombo: string;
  period: string;
  orgUnit: string;
  value: string;
}

export interface DataValueSet {
  dataSet?: string;
  period?: string;
  orgUnit?: string;
  /** Read by DHIS2 from the payload as well as from the URL. */
  idScheme: 'CODE';
  dataValues: Dhis2DataValue[];
}

/** `2026-01` → `202601`. */
export const dhis2Period = (period: string) => period.replace('-', '');

const optionCode = (m: Dhis2Mapping, key: string, value: string) =>
  m.optionCodes[key as keyof typeof m.optionCodes]?.[value] ??
  value.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** DHIS2 cells (key: element, combo, period, orgUnit) summed from tally values; unmapped indicators listed. */
function cells(values: readonly DataValue[], m: Dhis2Mapping, unmapped: Set<string>) {
  const out = new Map<string, Dhis2DataValue & { n: number }>();
  for (const v of values) {
    const im = m.indicators[v.indicator];
    if (!im) {
      unmapped.add(v.indicator);
      continue;
    }
    const exact = im.by
      .map((k) => `${k}=${v.disaggregation[k]}`)
      .sort()
      .join(';');
    const combo =
      im.combos?.[exact] ??
      (im.by.length === 0
        ? (im.categoryOptionCombo ?? m.defaultCategoryOptionCombo)
        : im.categoryOptionCombo!.replace(PLACEHOLDER, (_, k: string) =>
            optionCode(m, k, v.disaggregation[k] ?? 'unknown'),
          ));
    const cell = {
      dataElement: im.dataElement,
      categoryOptionCombo: combo,
      period: dhis2Period(v.period),
      orgUnit: v.orgUnit,
    };
    const key = [cell.orgUnit, cell.period, cell.dataElement, cell.categoryOptionCombo].join('\u0001');
    const had = out.get(key);
    if (had) had.n += v.value;
    else out.set(key, { ...cell, value: '', n: v.value });
  }
  return out;
}

export interface Dhis2Export {
  payload: DataValueSet;
  /** Where to POST the payload on a DHIS2 server, with its import options. */
  importPath: string;
  /** Indicators the mapping does not cover: not sent, so the screen can say so. */
  unmapped: string[];
}

/**
 * The payload for `current` values; `previous` are the values exported last time for the same months and
 * places, so a cell that fell to zero is sent as "0" instead of being left out.
 */
export function toDataValueSet(
  current: readonly DataValue[],
  previous: readonly DataValue[] = [],
  mapping: Dhis2Mapping = DEFAULT_MAPPING,
): Dhis2Export {
  const unmapped = new Set<string>();
  const now = cells(current, mapping, unmapped);
  const before = cells(previous, mapping, new Set());
  for (const [key, cell] of before) if (cell.n > 0 && !now.has(key)) now.set(key, { ...cell, n: 0 });
  const dataValues = [...now.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([key, c]) => c.n > 0 || (before.get(key)?.n ?? 0) > 0)
    .map(([, { n, ...c }]) => ({ ...c, value: String(n) }));
  const only = (f: (d: Dhis2DataValue) => string) => {
    const set = new Set(dataValues.map(f));
    return set.size === 1 ? [...set][0] : undefined;
  };
  const payload: DataValueSet = { idScheme: 'CODE', dataValues };
  if (mapping.dataSet) payload.dataSet = mapping.dataSet;
  const period = only((d) => d.period);
  const orgUnit = only((d) => d.orgUnit);
  if (period) payload.period = period;
  if (orgUnit) payload.orgUnit = orgUnit;
  return { payload, importPath: DHIS2_IMPORT_PATH, unmapped: [...unmapped].sort() };
}
