// Reads an attendance sheet pasted from a spreadsheet (SPEC §2.2: "participants can be pasted in one step").
// Pure: text and a vocabulary in, participants and problems out, so it is tested without a screen. Cells may
// be separated by tabs (what Excel, LibreOffice and Google Sheets put on the clipboard), commas or semicolons
// (CSV, as some locales write it), with quoted cells. A header row names the columns, in English or in the
// person's language; values (sex, agency, completed, location) are read as codes or as their labels.
import type { Agency, Sex } from '../records/codes';
import { type Column, normalise, type Vocabulary } from './paste-words';

export {
  buildVocabulary,
  type Column,
  type Lookup,
  lookupIn,
  normalise,
  type Vocabulary,
} from './paste-words';

/** Without a header row, the columns are read in this order (the order of the form). */
export const DEFAULT_ORDER: readonly Column[] = [
  'name',
  'sex',
  'agency',
  'occupation',
  'completed',
  'location',
];
const MAX_TEXT = 200;

export interface PastedParticipant {
  /** Line of the pasted text the row starts on (1 = the first line, header included). */
  line: number;
  name?: string;
  sex: Sex;
  agency: Agency;
  occupation?: string;
  /** Undefined when the sheet has no completed column or the cell is empty. */
  completed?: boolean;
  /** A location code; undefined when the sheet does not say (the session's location applies). */
  orgUnit?: string;
}

export interface PasteProblem {
  line: number;
  field: Column;
  kind: 'missing' | 'unknown' | 'tooLong';
  /** The cell as pasted. */
  value: string;
}

export interface PasteResult {
  delimiter: '\t' | ',' | ';';
  /** True when the first row was read as column names. */
  header: boolean;
  /** The columns the sheet has (without a header: all, in DEFAULT_ORDER). */
  columns: Column[];
  /** Required columns the header does not have. */
  missing: Column[];
  /** Header cells that name no column we keep (e.g. "No.", "Signature", "Phone"): not stored. */
  ignored: string[];
  rows: PastedParticipant[];
  problems: PasteProblem[];
  /** Lines of the rows that could not be read, in order. */
  badLines: number[];
  /** The header and the rows that could not be read, as pasted: what stays in the box to fix. */
  rest: string;
  /** The distinct words of the coded columns (by normalised word: as first written, and how many rows). */
  words: Record<CodedColumn, Map<string, { text: string; rows: number }>>;
}

/** The columns whose cells are codes, which the mapping step matches word by word. */
export type CodedColumn = 'sex' | 'agency' | 'completed';
export const CODED_COLUMNS: readonly CodedColumn[] = ['sex', 'agency', 'completed'];

interface RawRecord {
  line: number;
  cells: string[];
  raw: string;
}

/** The delimiter of a line: tab when there is one (spreadsheets), else the more frequent of `;` and `,`. */
function delimiterOf(line: string): PasteResult['delimiter'] {
  let tabs = 0;
  let semis = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\t') tabs++;
    else if (ch === ';') semis++;
    else if (ch === ',') commas++;
  }
  if (tabs > 0) return '\t';
  return semis > commas ? ';' : ',';
}

/** Splits text into records (RFC 4180 quoting: `""` is a quote; a quoted cell may hold the delimiter or a line break). */
function recordsOf(text: string, delimiter: string): RawRecord[] {
  const out: RawRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let atCellStart = true;
  let line = 1;
  let startLine = 1;
  let startAt = 0;
  const endRecord = (end: number) => {
    cells.push(cell);
    out.push({ line: startLine, cells, raw: text.slice(startAt, end) });
    cells = [];
    cell = '';
    atCellStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && atCellStart && cell.trim() === '') {
      quoted = true;
      cell = '';
      atCellStart = false;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      endRecord(i);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      startLine = line;
      startAt = i + 1;
    } else {
      cell += ch;
      if (ch !== ' ') atCellStart = false;
    }
  }
  if (startAt < text.length || cells.length > 0 || cell !== '') endRecord(text.length);
  return out.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

/** A column for each header cell (null: not one we keep), or null when the row is not a header. */
function headerOf(cells: string[], vocab: Vocabulary): Array<Column | null> | null {
  const seen = new Set<Column>();
  const columns = cells.map((c) => {
    const col = vocab.headers.get(normalise(c, true)) ?? null;
    if (!col || seen.has(col)) return null;
    seen.add(col);
    return col;
  });
  // Two known names: a data row ("Dara, F, Police") never names two columns.
  return seen.size >= 2 ? columns : null;
}

export interface ParseOptions {
  /** A location code for a cell (a code or a name), or undefined when the location list has none. */
  locate?: (text: string) => string | undefined;
}

export function parseAttendance(text: string, vocab: Vocabulary, options: ParseOptions = {}): PasteResult {
  const firstLine = text.split(/\r?\n|\r/).find((l) => l.trim() !== '') ?? '';
  const delimiter = delimiterOf(firstLine);
  const records = recordsOf(text, delimiter);
  const head = records[0] ? headerOf(records[0].cells, vocab) : null;
  const columns = head ?? [...DEFAULT_ORDER];
  const data = head ? records.slice(1) : records;
  const present = new Set(columns.filter((c): c is Column => c !== null));
  const missing = (['sex', 'agency'] as const).filter((c) => !present.has(c));
  const ignored = head
    ? records[0]!.cells.filter((c, i) => head[i] === null && c.trim() !== '').map((c) => c.trim())
    : [];

  const rows: PastedParticipant[] = [];
  const problems: PasteProblem[] = [];
  const bad: RawRecord[] = [];
  const words = { sex: new Map(), agency: new Map(), completed: new Map() } as PasteResult['words'];
  for (const rec of data) {
    const cell = (col: Column) => {
      const i = columns.indexOf(col);
      return i < 0 ? '' : (rec.cells[i] ?? '').trim();
    };
    for (const col of CODED_COLUMNS) {
      const text = cell(col);
      if (!text) continue;
      const key = normalise(text);
      const seen = words[col].get(key);
      words[col].set(key, { text: seen?.text ?? text, rows: (seen?.rows ?? 0) + 1 });
    }
    const found: PasteProblem[] = [];
    const problem = (field: Column, kind: PasteProblem['kind'], value = cell(field)) =>
      found.push({ line: rec.line, field, kind, value });
    const row: Partial<PastedParticipant> = { line: rec.line };

    for (const field of ['name', 'occupation'] as const) {
      const v = cell(field);
      if (v.length > MAX_TEXT) problem(field, 'tooLong', `${v.slice(0, 30)}…`);
      else if (v) row[field] = v;
    }
    const sex = cell('sex');
    if (!sex) problem('sex', 'missing');
    else if (vocab.sexes.has(normalise(sex))) row.sex = vocab.sexes.get(normalise(sex));
    else problem('sex', 'unknown');
    const agency = cell('agency');
    if (!agency) problem('agency', 'missing');
    else if (vocab.agencies.has(normalise(agency))) row.agency = vocab.agencies.get(normalise(agency));
    else problem('agency', 'unknown');
    const completed = cell('completed');
    if (completed) {
      const v = vocab.completed.get(normalise(completed));
      if (v === undefined) problem('completed', 'unknown');
      else row.completed = v;
    }
    const place = cell('location');
    if (place) {
      const code = options.locate ? options.locate(place) : place;
      if (code) row.orgUnit = code;
      else problem('location', 'unknown');
    }

    if (found.length) {
      problems.push(...found);
      bad.push(rec);
    } else rows.push(row as PastedParticipant);
  }

  const kept = bad.length ? [...(head ? [records[0]!.raw] : []), ...bad.map((r) => r.raw)] : [];
  return {
    delimiter,
    header: head !== null,
    columns: [...present],
    missing,
    ignored,
    rows,
    problems,
    badLines: bad.map((r) => r.line),
    rest: kept.join('\n'),
    words,
  };
}

/** A `locate` for parseAttendance over a location list: a code, or a name that only one location has. */
export function locatorOf(list: ReadonlyArray<{ code: string; name: string }>) {
  const byCode = new Map(list.map((l) => [l.code.toUpperCase(), l.code]));
  const byName = new Map<string, string | null>();
  for (const l of list) {
    const n = normalise(l.name);
    byName.set(n, byName.has(n) ? null : l.code);
  }
  return (text: string) => byCode.get(text.trim().toUpperCase()) ?? byName.get(normalise(text)) ?? undefined;
}
