// The mapping step of a pasted attendance sheet (issue 15 item 5), with the realistic sheet of the issue: a
// Khmer "ស្រី" on a device in English, agencies as the sheet writes them ("Provincial Department of Labour",
// "MoSVY", "NGO (World Vision)", "Commune council"), a "Title" column for the occupation. Before this step
// only the last of these five rows went in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { buildVocabulary, lookupIn, parseAttendance } from '../../src/trainings/paste';
import {
  EMPTY_MAPPING,
  loadMapping,
  mappingOf,
  saveMapping,
  suggestAgency,
  withMapping,
  wordRows,
} from '../../src/trainings/paste-mapping';

const strings = (lang: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../locales', lang, 'translation.json'), 'utf8'));
const english = buildVocabulary([lookupIn(strings('en'))]);

const SHEET = [
  'No.\tName\tTitle\tSex\tOrganisation\tSignature',
  '1\tSok Dara\tLabour inspector\tស្រី\tProvincial Department of Labour\t',
  '2\tChan Vuthy\tSocial worker\tMale\tMoSVY\t',
  '3\tSrey Pov\tProgramme officer\tF\tNGO (World Vision)\t',
  '4\tKim Lay\tCommune chief\tប្រុស\tCommune council\t',
  '5\tMeas Sophea\tPolice officer\tFemale\tPolice\t',
].join('\n');

beforeEach(async () => {
  await db.settings.clear();
});

describe('the mapping step', () => {
  it('reads sex in any language and keeps a Title column as the occupation', () => {
    const r = parseAttendance(SHEET, english);
    expect(r.columns).toContain('occupation');
    expect(r.problems.filter((p) => p.field === 'sex')).toEqual([]);
    // Only the agencies are not understood yet: four rows wait for the mapping step.
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'agency'],
      [3, 'agency'],
      [4, 'agency'],
      [5, 'agency'],
    ]);
  });

  it('suggests the agency for the words of real sheets', () => {
    expect(suggestAgency('Provincial Department of Labour')).toBe('labour_inspection');
    expect(suggestAgency('MoSVY')).toBe('social_welfare');
    expect(suggestAgency('NGO (World Vision)')).toBe('civil_society');
    expect(suggestAgency('Commune council')).toBe('local_government');
    expect(suggestAgency('Dinas Tenaga Kerja')).toBe('labour_inspection');
    expect(suggestAgency('Something else')).toBeUndefined();
  });

  it('lists each distinct word once with what it is read as, and takes all five rows after one step', () => {
    const first = parseAttendance(SHEET, english);
    const rows = wordRows(first, english, EMPTY_MAPPING);
    const agencies = rows.filter((w) => w.column === 'agency');
    expect(agencies.map((w) => [w.text, w.code, w.suggested])).toEqual([
      ['Provincial Department of Labour', 'labour_inspection', true],
      ['MoSVY', 'social_welfare', true],
      ['NGO (World Vision)', 'civil_society', true],
      ['Commune council', 'local_government', true],
      ['Police', 'police', false],
    ]);
    const sexes = rows.filter((w) => w.column === 'sex');
    expect(sexes.map((w) => [w.text, w.code])).toEqual([
      ['ស្រី', 'female'],
      ['Male', 'male'],
      ['F', 'female'],
      ['ប្រុស', 'male'],
      ['Female', 'female'],
    ]);

    const mapping = mappingOf(rows, EMPTY_MAPPING);
    const after = parseAttendance(SHEET, withMapping(english, mapping));
    expect(after.problems).toEqual([]);
    expect(after.rows.map((r) => [r.name, r.sex, r.agency, r.occupation])).toEqual([
      ['Sok Dara', 'female', 'labour_inspection', 'Labour inspector'],
      ['Chan Vuthy', 'male', 'social_welfare', 'Social worker'],
      ['Srey Pov', 'female', 'civil_society', 'Programme officer'],
      ['Kim Lay', 'male', 'local_government', 'Commune chief'],
      ['Meas Sophea', 'female', 'police', 'Police officer'],
    ]);
    // Only the words the app did not know are remembered, never a name.
    expect(Object.keys(mapping.agency)).toEqual([
      'provincial department of labour',
      'mosvy',
      'ngo (world vision)',
      'commune council',
    ]);
    expect(JSON.stringify(mapping)).not.toMatch(/Dara|Vuthy/);
  });

  it("a person's choice wins over the suggestion and is remembered for the next sheet", async () => {
    const first = parseAttendance(SHEET, english);
    const mine = { ...EMPTY_MAPPING, agency: { 'commune council': 'social_welfare' as const } };
    const rows = wordRows(first, english, mine);
    expect(rows.find((w) => w.key === 'commune council')).toMatchObject({
      code: 'social_welfare',
      suggested: false,
    });
    await saveMapping(mappingOf(rows, mine));
    const remembered = await loadMapping();
    expect(remembered.agency['commune council']).toBe('social_welfare');
    expect(remembered.agency.mosvy).toBe('social_welfare');
    const next = parseAttendance(SHEET, withMapping(english, remembered));
    expect(next.rows.find((r) => r.name === 'Kim Lay')?.agency).toBe('social_welfare');
  });

  it('ignores a damaged remembered mapping rather than failing the paste', async () => {
    await db.settings.put({ key: 'pasteWords', value: { sex: { x: 'nonsense' } } });
    expect(await loadMapping()).toEqual(EMPTY_MAPPING);
  });
});
