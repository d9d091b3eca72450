// The mapping step of a pasted attendance sheet: each distinct word of its coded columns (sex, agency,
// completed) matched to one of the app's codes, with a suggestion for the words the vocabulary does not know
// ("Provincial Department of Labour" → labour inspection, "MoSVY" → social welfare), and the person's
// choices remembered on this device (the `pasteWords` setting), so next month's sheet goes in at once.
// Only the words of those columns are kept: never a name, nor anything else from the sheet.
import * as z from 'zod/mini';
import { type Agency, agencies, type Sex, sexes } from '../records/codes';
import { readSetting, writeSetting } from '../settings/repo';
import type { CodedColumn, PasteResult } from './paste';
import { normalise, type Vocabulary } from './paste-words';

export interface WordMapping {
  sex: Record<string, Sex>;
  agency: Record<string, Agency>;
  completed: Record<string, 'yes' | 'no'>;
}

export const EMPTY_MAPPING: WordMapping = { sex: {}, agency: {}, completed: {} };
const SETTING = 'pasteWords';

const mappingSchema = z.object({
  sex: z.record(z.string(), z.enum(sexes)),
  agency: z.record(z.string(), z.enum(agencies)),
  completed: z.record(z.string(), z.enum(['yes', 'no'])),
});

/** The words remembered on this device; nothing (not an error) when none are, or the row is damaged. */
export async function loadMapping(): Promise<WordMapping> {
  const parsed = mappingSchema.safeParse(await readSetting(SETTING).catch(() => undefined));
  return parsed.success ? parsed.data : EMPTY_MAPPING;
}

export async function saveMapping(m: WordMapping): Promise<void> {
  await writeSetting(SETTING, m);
}

/** The vocabulary with the person's matches on top (theirs win: they read the sheet). */
export function withMapping(vocab: Vocabulary, m: WordMapping): Vocabulary {
  const over = <V>(base: Map<string, V>, add: Record<string, V>) =>
    new Map([...base, ...Object.entries(add)]);
  return {
    headers: vocab.headers,
    sexes: over(vocab.sexes, m.sex),
    agencies: over(vocab.agencies, m.agency),
    completed: over(
      vocab.completed,
      Object.fromEntries(Object.entries(m.completed).map(([w, v]) => [w, v === 'yes'])),
    ),
  };
}

// Words inside an agency's name that say which agency it is, in the languages and acronyms of the region.
// Tried in this order: the first that appears in the cell wins ("Provincial Department of Labour" is labour,
// not local government). Normalised like the cells (lower case, no accents).
const AGENCY_HINTS: ReadonlyArray<readonly [Agency, readonly string[]]> = [
  ['workers_org', ['trade union', 'union', 'workers', 'serikat', 'kesatuan']],
  ['employers_org', ['employer', 'chamber of commerce', 'business', 'apindo', 'pengusaha', 'majikan']],
  [
    'labour_inspection',
    ['labour', 'inspect', 'mol', 'molvt', 'dole', 'molsw', 'molisa', 'tenaga kerja', 'buruh', 'lao dong'],
  ],
  ['police', ['police', 'polis', 'polisi', 'pnp', 'polri', 'cong an']],
  ['prosecution', ['prosecut', 'attorney', 'jaksa', 'kejaksaan', 'procurac']],
  ['judiciary', ['court', 'judge', 'judicia', 'pengadilan', 'mahkamah', 'toa an']],
  ['border_migration', ['immigration', 'border', 'migration', 'imigrasi']],
  [
    'social_welfare',
    ['social', 'welfare', 'mosvy', 'dswd', 'mosa', 'kemensos', 'sosial', 'kebajikan', 'xa hoi'],
  ],
  ['education', ['school', 'education', 'teacher', 'moeys', 'deped', 'pendidikan', 'sekolah', 'giao duc']],
  ['health', ['health', 'hospital', 'clinic', 'kesehatan', 'kesihatan', 'y te']],
  [
    'civil_society',
    [
      'ngo',
      'cso',
      'civil society',
      'foundation',
      'association',
      'world vision',
      'save the children',
      'lsm',
      'yayasan',
    ],
  ],
  [
    'local_government',
    [
      'commune',
      'council',
      'village',
      'district',
      'municipal',
      'barangay',
      'lgu',
      'sangkat',
      'khan',
      'desa',
      'kampung',
      'governor',
    ],
  ],
];

/** A likely agency for a cell the vocabulary does not know, or undefined. */
export function suggestAgency(text: string): Agency | undefined {
  const cell = ` ${normalise(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  for (const [agency, hints] of AGENCY_HINTS) {
    if (hints.some((h) => cell.includes(` ${h}`))) return agency;
  }
  return undefined;
}

export interface WordRow {
  column: CodedColumn;
  /** The normalised word (the mapping's key) and the word as the sheet writes it. */
  key: string;
  text: string;
  rows: number;
  /** What the word is read as now: the person's match, the vocabulary's, or a suggestion. */
  code: string | undefined;
  /** True when the code is only suggested (the vocabulary did not know the word). */
  suggested: boolean;
}

/** Every distinct word of the sheet's coded columns and what it is read as: what the mapping step shows. */
export function wordRows(result: PasteResult, vocab: Vocabulary, m: WordMapping): WordRow[] {
  const out: WordRow[] = [];
  for (const column of ['sex', 'agency', 'completed'] as const) {
    for (const [key, { text, rows }] of result.words[column]) {
      const mine = m[column][key];
      const known =
        column === 'sex'
          ? vocab.sexes.get(key)
          : column === 'agency'
            ? vocab.agencies.get(key)
            : ((v) => (v === undefined ? undefined : v ? 'yes' : 'no'))(vocab.completed.get(key));
      const suggestion = column === 'agency' ? suggestAgency(text) : undefined;
      const code = mine ?? known ?? suggestion;
      out.push({ column, key, text, rows, code, suggested: !mine && !known && !!suggestion });
    }
  }
  return out;
}

/** The mapping with the suggestions taken (what "Add" remembers) and `changes` applied. */
export function mappingOf(rows: WordRow[], m: WordMapping): WordMapping {
  const next: WordMapping = { sex: { ...m.sex }, agency: { ...m.agency }, completed: { ...m.completed } };
  for (const r of rows) {
    if (!r.code || (!r.suggested && m[r.column][r.key] === undefined)) continue;
    (next[r.column] as Record<string, string>)[r.key] = r.code;
  }
  return next;
}
