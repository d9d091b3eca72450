// Reading a pasted attendance sheet (src/trainings/paste.ts): separators, quotes, header names in English and
// in the person's language, values as codes or labels, and bad rows reported by line with the reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildVocabulary, locatorOf, lookupIn, parseAttendance } from '../../src/trainings/paste';

const strings = (lang: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../locales', lang, 'translation.json'), 'utf8'));
const en = lookupIn(strings('en'));
const english = buildVocabulary([en]);
const inLanguage = (lang: string) => buildVocabulary([en, lookupIn(strings(lang))]);
const places = locatorOf([
  { code: 'KH', name: 'Cambodia' },
  { code: 'KH-12', name: 'Phnom Penh' },
  { code: 'KH-1', name: 'Banteay Meanchey' },
]);

/** name, sex, agency of the good rows: what the trainer will see added. */
const brief = (text: string, vocab = english) =>
  parseAttendance(text, vocab, { locate: places }).rows.map((r) => [r.name, r.sex, r.agency]);

describe('parseAttendance', () => {
  it('reads tab-separated rows as a spreadsheet puts them on the clipboard', () => {
    const r = parseAttendance(
      'Name\tSex\tAgency\tOccupation\nSok Dara\tFemale\tPolice\tOfficer\nChan Vuthy\tMale\tLabour inspection\t\n',
      english,
    );
    expect(r.delimiter).toBe('\t');
    expect(r.header).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, name: 'Sok Dara', sex: 'female', agency: 'police', occupation: 'Officer' },
      { line: 3, name: 'Chan Vuthy', sex: 'male', agency: 'labour_inspection' },
    ]);
    expect(r.rest).toBe('');
  });

  it('reads commas and semicolons, and quoted cells holding the separator or a quote', () => {
    expect(brief('name,sex,agency\n"Dara, Sok",F,police\n"Sam ""Big"" Lee",M,health')).toEqual([
      ['Dara, Sok', 'female', 'police'],
      ['Sam "Big" Lee', 'male', 'health'],
    ]);
    expect(brief('Name;Sex;Agency;Occupation\r\nLina;f;Education;"Teacher; head"\r\n')).toEqual([
      ['Lina', 'female', 'education'],
    ]);
    const r = parseAttendance('Name;Sex;Agency;Occupation\nLina;f;Education;"Teacher; head"', english);
    expect(r.delimiter).toBe(';');
    expect(r.rows[0]?.occupation).toBe('Teacher; head');
  });

  it('keeps a quoted cell with a line break in one row and counts lines as the box shows them', () => {
    const r = parseAttendance('Name,Sex,Agency\n"Dara\nSok",F,Police\nBad,F,Ministry', english);
    expect(r.rows).toEqual([{ line: 2, name: 'Dara\nSok', sex: 'female', agency: 'police' }]);
    expect(r.problems).toEqual([{ line: 4, field: 'agency', kind: 'unknown', value: 'Ministry' }]);
  });

  it('maps header synonyms, in any case, with notes in brackets, in any order; other columns are not kept', () => {
    const r = parseAttendance(
      'No.\tFULL NAME\tGender (F/M)\tOrganization\tJob title\tSignature\n1\tDara\tW\tCivil society\tNurse\t✍',
      english,
    );
    expect(r.ignored).toEqual(['No.', 'Signature']);
    expect(r.rows).toEqual([
      { line: 2, name: 'Dara', sex: 'female', agency: 'civil_society', occupation: 'Nurse' },
    ]);
    for (const header of [
      'Participant,Sex,Organisation',
      'Name,sex,agency',
      'Participant name,GENDER,Institution',
    ]) {
      expect(brief(`${header}\nDara,f,police`)).toEqual([['Dara', 'female', 'police']]);
    }
    expect(brief('Agency,Position,Gender,Name\nPolice,Officer,male,Vuthy')).toEqual([
      ['Vuthy', 'male', 'police'],
    ]);
  });

  it('accepts codes and English labels for sex and agency, any case, with US spellings', () => {
    expect(
      brief(
        'Name,Sex,Agency\nA,female,labour_inspection\nB,MALE,Labor Inspection\nC,Other,Employers’ organization\n' +
          "D,Prefers not to say,workers' organisation\nE,undisclosed,border_migration\nF,woman,Social welfare",
      ),
    ).toEqual([
      ['A', 'female', 'labour_inspection'],
      ['B', 'male', 'labour_inspection'],
      ['C', 'other', 'employers_org'],
      ['D', 'undisclosed', 'workers_org'],
      ['E', 'undisclosed', 'border_migration'],
      ['F', 'female', 'social_welfare'],
    ]);
  });

  it('reads completed (yes/no in words, ticks, 1/0) and location (code or name)', () => {
    const r = parseAttendance(
      'Name,Sex,Agency,Completed,Location\nA,F,Police,yes,KH-12\nB,M,Police,No,phnom penh\nC,M,Police,✓,\nD,F,Health,,',
      english,
      { locate: places },
    );
    expect(r.rows.map((x) => [x.name, x.completed, x.orgUnit])).toEqual([
      ['A', true, 'KH-12'],
      ['B', false, 'KH-12'],
      ['C', true, undefined],
      ['D', undefined, undefined],
    ]);
    expect(r.columns).toContain('completed');
  });

  it('reads a header and values in Indonesian, Khmer, Thai and Vietnamese', () => {
    expect(
      brief(
        'Nama\tJenis kelamin\tInstansi\tJabatan\nSiti\tP\tKepolisian\tPenyidik\nBudi\tLaki-laki\tpengawasan ketenagakerjaan\t',
        inLanguage('id'),
      ),
    ).toEqual([
      ['Siti', 'female', 'police'],
      ['Budi', 'male', 'labour_inspection'],
    ]);
    expect(brief('ឈ្មោះ\tភេទ\tស្ថាប័ន\nសុខ ដារា\tស្រី\tនគរបាល\nចាន់ វុទ្ធី\tប្រុស\tPolice', inLanguage('km'))).toEqual([
      ['សុខ ដារា', 'female', 'police'],
      ['ចាន់ វុទ្ធី', 'male', 'police'],
    ]);
    expect(
      brief('ชื่อ-นามสกุล\tเพศ\tหน่วยงาน\nสมศรี\tหญิง\tตำรวจ\nสมชาย\tM\tการตรวจแรงงาน', inLanguage('th')),
    ).toEqual([
      ['สมศรี', 'female', 'police'],
      ['สมชาย', 'male', 'labour_inspection'],
    ]);
    expect(brief('Họ và tên,Giới tính,Cơ quan\nLan,Nữ,Công an\nNam,nam,Y tế', inLanguage('vi'))).toEqual([
      ['Lan', 'female', 'police'],
      ['Nam', 'male', 'health'],
    ]);
  });

  it('skips blank lines and empty rows, and still numbers lines as pasted', () => {
    const r = parseAttendance('\n\nName,Sex,Agency\n\nDara,F,Police\n,,\n   \nVuthy,X,Nowhere\n\n', english);
    expect(r.rows).toEqual([{ line: 5, name: 'Dara', sex: 'female', agency: 'police' }]);
    expect(r.badLines).toEqual([8]);
    expect(r.problems).toEqual([{ line: 8, field: 'agency', kind: 'unknown', value: 'Nowhere' }]);
  });

  it('lists each bad row with its line and reason, and keeps the header and the bad rows to fix', () => {
    const text = [
      'Name\tSex\tAgency\tOccupation\tCompleted\tLocation',
      'Dara\tF\tPolice\t\tyes\t',
      'Vuthy\t\tPolice\t\tyes\t',
      'Lina\tF\tministry\t\tyes\t',
      'Sam\tQ\t\t\tmaybe\tAtlantis',
      'Mony\tM\tHealth\t\tno\tKH-1',
    ].join('\n');
    const r = parseAttendance(text, english, { locate: places });
    expect(r.rows.map((x) => x.name)).toEqual(['Dara', 'Mony']);
    expect(r.badLines).toEqual([3, 4, 5]);
    expect(r.problems).toEqual([
      { line: 3, field: 'sex', kind: 'missing', value: '' },
      { line: 4, field: 'agency', kind: 'unknown', value: 'ministry' },
      { line: 5, field: 'sex', kind: 'unknown', value: 'Q' },
      { line: 5, field: 'agency', kind: 'missing', value: '' },
      { line: 5, field: 'completed', kind: 'unknown', value: 'maybe' },
      { line: 5, field: 'location', kind: 'unknown', value: 'Atlantis' },
    ]);
    const lines = text.split('\n');
    expect(r.rest).toBe([lines[0], lines[2], lines[3], lines[4]].join('\n'));
    // Fixed in the box and pasted again, the same rows go in.
    const fixed = r.rest.replace('Vuthy\t\t', 'Vuthy\tM\t').replace('ministry', 'Prosecution');
    expect(parseAttendance(fixed, english, { locate: places }).rows.map((x) => [x.line, x.name])).toEqual([
      [2, 'Vuthy'],
      [3, 'Lina'],
    ]);
  });

  it('flags names and occupations over 200 characters', () => {
    const r = parseAttendance(
      `Name,Sex,Agency,Occupation\n${'n'.repeat(201)},F,Police,${'o'.repeat(201)}`,
      english,
    );
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => [p.field, p.kind])).toEqual([
      ['name', 'tooLong'],
      ['occupation', 'tooLong'],
    ]);
  });

  it('without a header reads the columns in the form’s order; a header without sex says so', () => {
    const r = parseAttendance('Dara\tF\tPolice\tOfficer\tyes', english);
    expect(r.header).toBe(false);
    expect(r.rows).toEqual([
      { line: 1, name: 'Dara', sex: 'female', agency: 'police', occupation: 'Officer', completed: true },
    ]);
    const noSex = parseAttendance('Name,Agency\nDara,Police', english);
    expect(noSex.missing).toEqual(['sex']);
    expect(noSex.rows).toEqual([]);
    expect(noSex.problems).toEqual([{ line: 2, field: 'sex', kind: 'missing', value: '' }]);
  });

  it('takes a 30-row sheet in one go', () => {
    const sexes = ['Female', 'Male', 'F', 'M', 'Other', 'Prefers not to say'];
    const agencies = ['Police', 'Labour inspection', 'Education', 'Health', 'social_welfare'];
    const body = Array.from(
      { length: 30 },
      (_, i) =>
        `Participant ${i + 1}\t${sexes[i % sexes.length]}\t${agencies[i % agencies.length]}\tOfficer\tYes`,
    );
    const r = parseAttendance(['Name\tSex\tAgency\tOccupation\tCompleted', ...body].join('\n'), english);
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(30);
    expect(r.rows.every((x) => x.completed === true)).toBe(true);
    expect(r.rows[29]).toMatchObject({
      line: 31,
      name: 'Participant 30',
      sex: 'undisclosed',
      agency: 'social_welfare',
    });
    expect(r.rows.filter((x) => x.sex === 'undisclosed')).toHaveLength(5);
  });

  it('gives nothing for an empty box', () => {
    const r = parseAttendance('  \n\n', english);
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(r.rest).toBe('');
  });
});

describe('locatorOf', () => {
  it('finds a code in any case, or a name only one location has', () => {
    const locate = locatorOf([
      { code: 'PH-01', name: 'Abra' },
      { code: 'XX-1', name: 'Springfield' },
      { code: 'XX-2', name: 'Springfield' },
    ]);
    expect(locate('ph-01')).toBe('PH-01');
    expect(locate(' ABRA ')).toBe('PH-01');
    expect(locate('Springfield')).toBeUndefined();
    expect(locate('Nowhere')).toBeUndefined();
  });
});
