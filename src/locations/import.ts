// A deployment's own location list (SPEC §5), read from the file a person uploads: CSV (header naming
// `code`, `name` and `parent` in any order; comma, semicolon or tab; quoted fields; UTF-8 with or without BOM,
// as Excel and LibreOffice write it) or JSON (an array of { code, name, parent }). Pure: text in, a list or
// the reasons out. Any bad row refuses the whole file, so a device never runs on half a list; each reason
// names its line and is a translation key under `errors.*` with the values to show.
import * as z from 'zod/mini';
import { keyFromData, type TKey } from '../i18n/keys';
import type { Location } from './locations';

export interface ImportProblem {
  /** 1-based line of the file where the row starts; null for the file as a whole. */
  line: number | null;
  /** Translation key under `errors.*`. */
  reason: TKey;
  values?: Record<string, string | number>;
}

export type ImportResult = { ok: true; locations: Location[] } | { ok: false; problems: ImportProblem[] };

/** A raw row as read from the file, before validation. */
export interface RawRow {
  line: number;
  value: unknown;
}

export const MAX_LOCATIONS = 50_000;
// The same shape as a record's `orgUnit` (records/fields.ts), so every imported code can be used on a record.
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/;

const code = z
  .string({ error: 'errors.locationCode' })
  .check(z.trim(), z.regex(CODE, { error: 'errors.locationCode' }));
const row = z.object({
  code,
  name: z
    .string({ error: 'errors.locationName' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'errors.locationName' }),
      z.maxLength(200, { error: 'errors.tooLong' }),
    ),
  parent: z.nullish(
    z
      .string({ error: 'errors.locationParentCode' })
      .check(
        z.trim(),
        z.regex(/^$|^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/, { error: 'errors.locationParentCode' }),
      ),
  ),
});

/** Reads a CSV or JSON file's text. JSON when the name ends in .json or the text starts with `[` or `{`. */
export function parseLocationFile(text: string, fileName = ''): ImportResult {
  const body = text.replace(/^\uFEFF/, '');
  const json = /\.json$/i.test(fileName) || /^\s*[[{]/.test(body);
  const read = json ? readJson(body) : readCsv(body);
  if ('problems' in read) return { ok: false, problems: read.problems };
  return validateLocations(read.rows);
}

/** Checks every row, then the list as a whole: unique codes, parents that exist, no loops. */
export function validateLocations(rows: RawRow[]): ImportResult {
  if (rows.length === 0) return fail([{ line: null, reason: 'errors.locationEmpty' }]);
  if (rows.length > MAX_LOCATIONS) {
    return fail([{ line: null, reason: 'errors.locationTooMany', values: { max: MAX_LOCATIONS } }]);
  }
  const problems: ImportProblem[] = [];
  const good: Array<Location & { line: number }> = [];
  for (const { line, value } of rows) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ line, reason: 'errors.locationNotObject' });
      continue;
    }
    const v = value as Record<string, unknown>;
    // JSON exports (DHIS2's among them) may carry numeric codes; they are codes all the same.
    const asText = (x: unknown) => (typeof x === 'number' ? String(x) : x);
    const parsed = row.safeParse({ code: asText(v.code), name: v.name, parent: asText(v.parent) });
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        if (seen.has(issue.message)) continue;
        seen.add(issue.message);
        const field = String(issue.path[0] ?? '');
        problems.push({
          line,
          reason: keyFromData(issue.message),
          values: { value: String(v[field] ?? '') },
        });
      }
      continue;
    }
    const { code, name, parent } = parsed.data;
    good.push({ line, code, name, parent: parent ? parent : null });
  }

  const firstLine = new Map<string, number>();
  for (const l of good) {
    const first = firstLine.get(l.code);
    if (first === undefined) firstLine.set(l.code, l.line);
    else
      problems.push({
        line: l.line,
        reason: 'errors.locationDuplicate',
        values: { code: l.code, line: first },
      });
  }
  // A row that failed above still counts as present, so its children are not blamed for its mistake.
  const present = new Set([...firstLine.keys(), ...rows.map((r) => codeOf(r.value)).filter(Boolean)]);
  for (const l of good) {
    if (l.parent && !present.has(l.parent)) {
      problems.push({ line: l.line, reason: 'errors.locationParentMissing', values: { parent: l.parent } });
    }
  }
  problems.push(...findLoops(good));

  if (problems.length) return fail(problems);
  return { ok: true, locations: good.map(({ code, name, parent }) => ({ code, name, parent })) };
}

function codeOf(value: unknown): string {
  const c = (value as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c.trim() : typeof c === 'number' ? String(c) : '';
}

/** Every row whose chain of parents comes back to itself, e.g. A → B → A (or A → A). */
function findLoops(list: Array<Location & { line: number }>): ImportProblem[] {
  const byCode = new Map(list.map((l) => [l.code, l]));
  const state = new Map<string, 'walking' | 'done'>();
  const problems: ImportProblem[] = [];
  for (const start of list) {
    const path: string[] = [];
    let at: (Location & { line: number }) | undefined = start;
    while (at && !state.has(at.code)) {
      state.set(at.code, 'walking');
      path.push(at.code);
      at = at.parent ? byCode.get(at.parent) : undefined;
    }
    if (at && state.get(at.code) === 'walking') {
      const loop = path.slice(path.indexOf(at.code));
      const shown = [...loop, at.code].join(' → ');
      for (const c of loop) {
        problems.push({
          line: byCode.get(c)!.line,
          reason: 'errors.locationLoop',
          values: { code: c, path: shown },
        });
      }
    }
    for (const c of path) state.set(c, 'done');
  }
  return problems;
}

function fail(problems: ImportProblem[]): ImportResult {
  return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

type Read = { rows: RawRow[] } | { problems: ImportProblem[] };

function readJson(text: string): Read {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problems: [{ line: null, reason: 'errors.locationJson' }] };
  }
  if (!Array.isArray(data)) return { problems: [{ line: null, reason: 'errors.locationJsonArray' }] };
  const lines = jsonItemLines(text);
  return { rows: data.map((value, i) => ({ line: lines[i] ?? 1, value })) };
}

/** The line on which each item of the top-level JSON array starts, so a reason can point at it. */
function jsonItemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let inItem = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 1 && !inItem && ch !== ',' && ch !== ']' && !/\s/.test(ch!)) {
      inItem = true;
      lines.push(line);
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    if (depth === 1 && ch === ',') inItem = false;
  }
  return lines;
}

const HEADER = ['code', 'name', 'parent'] as const;

function readCsv(text: string): Read {
  const records = splitCsv(text, delimiterOf(text));
  if ('problems' in records) return records;
  const [header, ...body] = records.records;
  if (!header) return { problems: [{ line: null, reason: 'errors.locationEmpty' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = HEADER.filter((h) => !names.includes(h));
  if (missing.length) {
    return {
      problems: [
        { line: header.line, reason: 'errors.locationHeader', values: { missing: missing.join(', ') } },
      ],
    };
  }
  const at = Object.fromEntries(HEADER.map((h) => [h, names.indexOf(h)])) as Record<
    (typeof HEADER)[number],
    number
  >;
  return {
    rows: body.map((r) => ({
      line: r.line,
      value: {
        code: r.fields[at.code] ?? '',
        name: r.fields[at.name] ?? '',
        parent: r.fields[at.parent] ?? '',
      },
    })),
  };
}

/** The delimiter the header line uses most: comma (default), semicolon (Excel in many locales) or tab. */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string) => first.split(d).length - 1;
  return [';', '\t'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180: quoted fields may hold the delimiter, doubled quotes and line breaks. Blank lines are skipped. */
function splitCsv(text: string, delimiter: string): { records: CsvRecord[] } | { problems: ImportProblem[] } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const end = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      end();
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) return { problems: [{ line: start, reason: 'errors.locationQuote' }] };
  end();
  return { records };
}
