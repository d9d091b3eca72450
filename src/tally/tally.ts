// The monthly tally (SPEC §4), pure: records in, counts out. No I/O and no Dexie here (repo.ts reads the
// month's records), so the same code runs on the device, in tests and anywhere a number must be explained.
//
// What counts where: every event counts in its own month and at its record's orgUnit (participants at their
// own orgUnit), exactly the (month, orgUnit) pairs of each record type's `touches` (its kind.ts), so a change marks for sync every
// pair whose numbers it can move. Soft-deleted records are not counted. Cells that would be 0 are not emitted.
//
// Speed: one month with ~100,000 records must take well under 100 ms on a phone. Each record's fields are
// written once into one reused unit object per record type, each count is an increment in a typed array,
// and DataValue objects are only built at the end, one per non-zero cell.
import type { Activity } from '../activities/schema';
import { ageAt, ageBand, type ClassificationSettings, categoryOf, SDG_871_SETTINGS } from '../cases/classify';
import type { ChildCase } from '../cases/schema';
import type { Inspection } from '../inspections/schema';
import type { NationalityGroup } from '../records/codes';
import type { Training } from '../trainings/schema';
import { INDICATORS, type IndicatorDef, type SourceName, type UnitField } from './catalog';
import {
  DISAGGREGATION_KEYS,
  DISAGGREGATIONS,
  type DisaggregationKey,
  type IndicatorCode,
} from './indicators';

export interface TallyInput {
  inspections: readonly Inspection[];
  trainings: readonly Training[];
  cases: readonly ChildCase[];
  activities: readonly Activity[];
}

export interface DataValue {
  indicator: IndicatorCode;
  /** Disaggregation key → value, keys in the catalog's `by` order. */
  disaggregation: Record<string, string>;
  orgUnit: string;
  /** `YYYY-MM` */
  period: string;
  value: number;
}

export interface TallyOptions {
  /** Counts a record (or participant) whose orgUnit passes this, e.g. the chosen location and its children. */
  within: (orgUnit: string) => boolean;
  /** The orgUnit every counted value is reported under. */
  orgUnit: string;
  settings?: ClassificationSettings;
  /** ISO 3166-1 alpha-2 of the device's home country; else the country prefix of each record's orgUnit. */
  homeCountry?: string | null;
}

export interface ByOrgUnitOptions {
  settings?: ClassificationSettings;
  homeCountry?: string | null;
}

// Disaggregation keys by position (sex 0, ageBand 1, …) and each value's position in its code list: the hot
// loop works on small integers and typed arrays, and builds no strings.
const KEY = Object.fromEntries(DISAGGREGATION_KEYS.map((k, i) => [k, i])) as Record<
  DisaggregationKey,
  number
>;
const ID = DISAGGREGATION_KEYS.map(
  (k) => new Map((DISAGGREGATIONS[k] as readonly string[]).map((v, i) => [v, i])),
);
const LISTS = DISAGGREGATION_KEYS.map((k) => DISAGGREGATIONS[k] as readonly string[]);

/** The unit being counted: disaggregation values (and their ids, -1 when outside the list) and other fields. */
interface Unit {
  values: string[];
  ids: Int32Array;
  other: Record<Exclude<UnitField, DisaggregationKey | 'topics'>, string>;
  topics: readonly string[];
}
const newUnit = (): Unit => ({
  values: DISAGGREGATION_KEYS.map(() => ''),
  ids: new Int32Array(DISAGGREGATION_KEYS.length).fill(-1),
  other: { age: '', ageScope: '', channel: '', toolUsed: '', completed: '' },
  topics: [],
});

/** Sets a disaggregation value and its id once per record, not once per indicator that reads it. */
function put(u: Unit, key: number, value: string) {
  u.values[key] = value;
  u.ids[key] = ID[key]!.get(value) ?? -1;
}

interface Compiled {
  index: number;
  def: IndicatorDef;
  keys: number[];
  /** Mixed-radix place of each key: a cell is Σ id × stride, a position in one Int32Array per indicator. */
  strides: number[];
  size: number;
  test: (u: Unit) => boolean;
}

function compile(def: IndicatorDef, index: number): Compiled {
  const checks = Object.entries(def.where ?? {}).map(([field, allowed]) => {
    const set = new Set(allowed);
    const k = KEY[field as DisaggregationKey];
    if (k !== undefined) return (u: Unit) => set.has(u.values[k]!);
    if (field === 'topics') return (u: Unit) => u.topics.some((x) => set.has(x));
    const f = field as keyof Unit['other'];
    return (u: Unit) => set.has(u.other[f]);
  });
  const keys = def.by.map((k) => KEY[k]);
  const strides: number[] = [];
  let size = 1;
  for (let i = keys.length - 1; i >= 0; i--) {
    strides[i] = size;
    size *= LISTS[keys[i]!]!.length;
  }
  const test = (u: Unit) => {
    for (const check of checks) if (!check(u)) return false;
    return true;
  };
  return { index, def, keys, strides, size, test };
}

const COMPILED = INDICATORS.map(compile);
const BY_SOURCE = new Map<SourceName, Compiled[]>();
for (const c of COMPILED) BY_SOURCE.set(c.def.source, [...(BY_SOURCE.get(c.def.source) ?? []), c]);
const NONE: Compiled[] = [];

/** Per reported orgUnit, per indicator: dense counts, and the last record counted in each cell (`perRecord`). */
interface Board {
  dense: (Int32Array | undefined)[];
  last: (Int32Array | undefined)[];
  /** A value outside the code lists (never in valid data) is still counted, under a string key. */
  odd: Map<string, { n: number; last: number }>;
  /** Records of the month about a child outside 5–17 (a case, or a child found in an inspection). */
  out: number;
}
const SEP = '\u0001';

/** Adds unit `u` of record number `record` (counted from 1) to every indicator of `source` that keeps it. */
function emit(source: SourceName, u: Unit, board: Board, record: number) {
  for (const ind of BY_SOURCE.get(source) ?? NONE) {
    if (!ind.test(u)) continue;
    let cell = 0;
    for (let i = 0; i < ind.keys.length; i++) {
      const id = u.ids[ind.keys[i]!]!;
      cell = id < 0 || cell < 0 ? -1 : cell + id * ind.strides[i]!;
    }
    if (cell < 0) {
      const key = [ind.index, ...ind.keys.map((k) => u.values[k])].join(SEP);
      const odd = board.odd.get(key) ?? { n: 0, last: 0 };
      if (!ind.def.perRecord || odd.last !== record) odd.n += 1;
      odd.last = record;
      board.odd.set(key, odd);
      continue;
    }
    if (ind.def.perRecord) {
      const last = board.last[ind.index] ?? new Int32Array(ind.size);
      board.last[ind.index] = last;
      if (last[cell] === record) continue;
      last[cell] = record;
    }
    const dense = board.dense[ind.index] ?? new Int32Array(ind.size);
    board.dense[ind.index] = dense;
    dense[cell]! += 1;
  }
}

const AGES = Array.from({ length: 130 }, (_, i) => String(i));
const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const COUNTRY = /^[A-Z]{2}(?:-|$)/;

/** A test for dates `YYYY-MM-DD…` in the month `YYYY-MM`, by char codes (it runs for every date). */
function monthTest(period: string) {
  const codes = Array.from(period, (ch) => ch.charCodeAt(0));
  return (date: string | null | undefined) => {
    if (!date || date.length < 10 || date.charCodeAt(7) !== 45) return false;
    for (let i = 0; i < 7; i++) if (date.charCodeAt(i) !== codes[i]) return false;
    return true;
  };
}

function setAge(u: Unit, age: number | null) {
  const band = age === null ? 'unknown' : ageBand(age);
  put(u, KEY.ageBand, band ?? 'out');
  u.other.age = age === null ? 'unknown' : (AGES[age] ?? String(age));
  u.other.ageScope = age === null ? 'unknown' : band ? 'in' : 'out';
}

/** The counting engine; `place` maps a record's orgUnit to the orgUnit it is reported under, or null. */
function count(
  input: TallyInput,
  period: string,
  place: (orgUnit: string) => string | null,
  settings: ClassificationSettings,
  homeCountry: string | null | undefined,
): Map<string, Board> {
  const inMonth = monthTest(period);
  const boards = new Map<string, Board>();
  const placed = new Map<string, Board | null>();
  const boardOf = (orgUnit: string) => {
    let board = placed.get(orgUnit);
    if (board === undefined) {
      const target = place(orgUnit);
      board =
        target === null ? null : (boards.get(target) ?? { dense: [], last: [], odd: new Map(), out: 0 });
      if (target !== null && board) boards.set(target, board);
      placed.set(orgUnit, board);
    }
    return board;
  };
  const nationality = (nat: string, orgUnit: string): NationalityGroup => {
    if (nat === 'stateless') return 'stateless';
    const home = homeCountry || COUNTRY.exec(orgUnit)?.[0].slice(0, 2);
    if (!nat || nat === 'unknown' || !home) return 'unknown';
    return nat === home ? 'national' : 'foreign';
  };

  let record = 0;
  const cu = newUnit();
  for (const c of input.cases) {
    if (c.deletedAt) continue;
    record += 1;
    const identified = inMonth(c.identifiedOn);
    const withdrawn = inMonth(c.withdrawnOn);
    let referred = false;
    for (const r of c.referrals) if (inMonth(r.referredOn)) referred = true;
    if (!identified && !withdrawn && !referred) continue;
    const board = boardOf(c.orgUnit);
    if (board === null) continue;
    const age = ageAt(c.child, c.identifiedOn);
    put(cu, KEY.sex, c.child.sex);
    setAge(cu, age);
    put(cu, KEY.nationalityGroup, nationality(c.child.nationality, c.orgUnit));
    put(cu, KEY.sector, c.work.isic || 'unknown');
    put(cu, KEY.category, categoryOf(c, age, settings));
    cu.other.channel = c.channel;
    if (cu.other.ageScope === 'out') board.out += 1;
    if (identified) emit('case', cu, board, record);
    for (const r of referred ? c.referrals : []) {
      if (!inMonth(r.referredOn)) continue;
      put(cu, KEY.service, r.service);
      emit('case-referral', cu, board, record);
    }
    if (withdrawn) emit('case-withdrawal', cu, board, record);
  }

  const iu = newUnit();
  for (const i of input.inspections) {
    if (i.deletedAt) continue;
    record += 1;
    const visited = inMonth(i.date);
    const registered = !!i.registration && inMonth(i.registration.date);
    if (!visited && !registered) continue;
    const board = boardOf(i.orgUnit);
    if (board === null) continue;
    put(iu, KEY.sector, i.establishment.isic || 'unknown');
    put(iu, KEY.hardToReach, yesNo(i.establishment.hardToReach));
    iu.other.toolUsed = yesNo(i.childLabourToolUsed);
    if (visited) {
      emit('inspection', iu, board, record);
      for (const child of i.children) {
        put(iu, KEY.sex, child.sex);
        setAge(iu, child.age);
        if (iu.other.ageScope === 'out') board.out += 1;
        emit('inspection-child', iu, board, record);
      }
    }
    if (registered) {
      put(iu, KEY.authority, i.registration!.authority);
      emit('inspection-registration', iu, board, record);
    }
  }

  const pu = newUnit();
  for (const t of input.trainings) {
    if (t.deletedAt || !inMonth(t.startDate)) continue;
    record += 1;
    pu.topics = t.topics;
    for (const p of t.participants) {
      const board = boardOf(p.orgUnit || t.orgUnit);
      if (board === null) continue;
      put(pu, KEY.sex, p.sex);
      put(pu, KEY.agency, p.agency);
      pu.other.completed = yesNo(p.completed);
      emit('participant', pu, board, record);
    }
  }

  const au = newUnit();
  for (const a of input.activities) {
    if (a.deletedAt || !inMonth(a.date)) continue;
    record += 1;
    const board = boardOf(a.orgUnit);
    if (board === null) continue;
    put(au, KEY.kind, a.kind);
    emit('activity', au, board, record);
  }
  return boards;
}

/** Cells back to DataValues, sorted by orgUnit, catalog order, then disaggregation values. */
function toValues(boards: Map<string, Board>, period: string): DataValue[] {
  const out: { v: DataValue; sort: string }[] = [];
  const add = (orgUnit: string, index: number, values: string[], value: number) => {
    const def = INDICATORS[index]!;
    const disaggregation: Record<string, string> = {};
    def.by.forEach((key, k) => {
      disaggregation[key] = values[k]!;
    });
    const v: DataValue = { indicator: def.code, disaggregation, orgUnit, period, value };
    out.push({ v, sort: [orgUnit, String(index).padStart(3, '0'), ...values].join(SEP) });
  };
  const decode = ({ keys, strides }: Compiled, cell: number) =>
    keys.map((k, i) => LISTS[k]![Math.floor(cell / strides[i]!) % LISTS[k]!.length]!);
  for (const [orgUnit, board] of boards) {
    COMPILED.forEach((ind) => {
      board.dense[ind.index]?.forEach((n, cell) => {
        if (n > 0) add(orgUnit, ind.index, decode(ind, cell), n);
      });
    });
    for (const [key, n] of board.odd) {
      const [index, ...values] = key.split(SEP);
      add(orgUnit, Number(index), values, n.n);
    }
  }
  return out.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0)).map((x) => x.v);
}

/** One month's counts for everything within an area, reported under `options.orgUnit`. */
export function tally(input: TallyInput, period: string, options: TallyOptions): DataValue[] {
  const place = (o: string) => (options.within(o) ? options.orgUnit : null);
  const boards = count(input, period, place, options.settings ?? SDG_871_SETTINGS, options.homeCountry);
  return toValues(boards, period);
}

/**
 * One month's counts per leaf orgUnit (each record's own), and per orgUnit how many of the month's records
 * were about a child outside 5–17 (SPEC §3: counted in no indicator, but the report says how many).
 */
export function countByOrgUnit(
  input: TallyInput,
  period: string,
  options: ByOrgUnitOptions = {},
): { values: Map<string, DataValue[]>; outOfScope: Map<string, number> } {
  const boards = count(input, period, (o) => o, options.settings ?? SDG_871_SETTINGS, options.homeCountry);
  const values = new Map<string, DataValue[]>();
  for (const v of toValues(boards, period)) {
    const list = values.get(v.orgUnit);
    if (list) list.push(v);
    else values.set(v.orgUnit, [v]);
  }
  const outOfScope = new Map<string, number>();
  for (const [orgUnit, board] of boards) if (board.out > 0) outOfScope.set(orgUnit, board.out);
  return { values, outOfScope };
}

/** One month's counts per leaf orgUnit (each record's own): what sync sends per (period, orgUnit). */
export function tallyByOrgUnit(
  input: TallyInput,
  period: string,
  options: ByOrgUnitOptions = {},
): Map<string, DataValue[]> {
  return countByOrgUnit(input, period, options).values;
}
