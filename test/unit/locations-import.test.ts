// Loading a deployment's own location list: CSV as spreadsheets write it, JSON, and every way a file can be
// wrong, each reported with its line and a reason a person can act on. A bad file is refused whole.
import { describe, expect, it } from 'vitest';
import { type ImportProblem, type ImportResult, parseLocationFile } from '../../src/locations/import';

const ok = (r: ImportResult) => {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.problems)}`);
  return r.locations;
};
const problems = (r: ImportResult): ImportProblem[] => {
  if (r.ok) throw new Error('accepted a bad file');
  return r.problems;
};
const brief = (r: ImportResult) => problems(r).map((p) => [p.line, p.reason]);

describe('CSV', () => {
  it('reads code, name, parent; an empty parent is a root', () => {
    const list = ok(parseLocationFile('code,name,parent\nKH,Cambodia,\nKH-12,Phnom Penh,KH\n', 'list.csv'));
    expect(list).toEqual([
      { code: 'KH', name: 'Cambodia', parent: null },
      { code: 'KH-12', name: 'Phnom Penh', parent: 'KH' },
    ]);
  });

  it('takes the columns in any order, in any case, and ignores extra columns', () => {
    const csv = 'Parent,Level,NAME,Code\n,1,Cambodia,KH\nKH,2,Phnom Penh,KH-12\n';
    expect(ok(parseLocationFile(csv))).toEqual([
      { code: 'KH', name: 'Cambodia', parent: null },
      { code: 'KH-12', name: 'Phnom Penh', parent: 'KH' },
    ]);
  });

  it('reads semicolons (Excel in many locales) and tabs', () => {
    const want = [
      { code: 'TH', name: 'Thailand', parent: null },
      { code: 'TH-50', name: 'Chiang Mai', parent: 'TH' },
    ];
    expect(ok(parseLocationFile('code;name;parent\nTH;Thailand;\nTH-50;Chiang Mai;TH\n'))).toEqual(want);
    expect(ok(parseLocationFile('code\tname\tparent\nTH\tThailand\t\nTH-50\tChiang Mai\tTH\n'))).toEqual(
      want,
    );
  });

  it('reads quoted fields with commas, doubled quotes and line breaks; a BOM, CRLF and blank lines', () => {
    const csv =
      '\uFEFFcode,name,parent\r\n' +
      'KH,"Cambodia, Kingdom of",\r\n' +
      '\r\n' +
      'KH-12,"Phnom Penh ""capital""",KH\r\n' +
      'KH-17,"Siem\nReap",KH\r\n' +
      'KH-99,ភ្នំពេញ,"KH"\r\n';
    expect(ok(parseLocationFile(csv))).toEqual([
      { code: 'KH', name: 'Cambodia, Kingdom of', parent: null },
      { code: 'KH-12', name: 'Phnom Penh "capital"', parent: 'KH' },
      { code: 'KH-17', name: 'Siem\nReap', parent: 'KH' },
      { code: 'KH-99', name: 'ភ្នំពេញ', parent: 'KH' },
    ]);
  });

  it('accepts DHIS2-style codes with dots and underscores, and trims spaces', () => {
    const list = ok(parseLocationFile('code,name,parent\n OU_KH , Cambodia ,\nOU_KH.12,Phnom Penh, OU_KH\n'));
    expect(list.map((l) => [l.code, l.name, l.parent])).toEqual([
      ['OU_KH', 'Cambodia', null],
      ['OU_KH.12', 'Phnom Penh', 'OU_KH'],
    ]);
  });

  it('names the missing column of a header', () => {
    expect(problems(parseLocationFile('code,label,parent\nKH,Cambodia,\n'))).toEqual([
      { line: 1, reason: 'errors.locationHeader', values: { missing: 'name' } },
    ]);
  });

  it('reports an unclosed quote at the line where its row starts', () => {
    expect(
      brief(parseLocationFile('code,name,parent\nKH,Cambodia,\nKH-12,"Phnom Penh,KH\nKH-1,B,KH\n')),
    ).toEqual([[3, 'errors.locationQuote']]);
  });

  it('refuses an empty file and a header alone', () => {
    expect(brief(parseLocationFile(''))).toEqual([[null, 'errors.locationEmpty']]);
    expect(brief(parseLocationFile('code,name,parent\n'))).toEqual([[null, 'errors.locationEmpty']]);
  });
});

describe('every bad row is named with its line and reason, and nothing is accepted', () => {
  const csv = [
    'code,name,parent', // 1
    'KH,Cambodia,', // 2
    'KH 12,Phnom Penh,KH', // 3 bad code (space)
    'KH-17,,KH', // 4 no name
    'KH-2,Battambang,KH', // 5
    'KH-2,Battambang again,KH', // 6 duplicate of line 5
    'KH-3,Kampong Cham,XX', // 7 parent not in the file
    'KH-4,Kampong Chhnang,K H', // 8 bad parent code
    `${'A'.repeat(51)},Too long a code,KH`, // 9 code over 50
    '-KH,Starts with a dash,KH', // 10
  ].join('\n');

  it('lists each of them, in line order', () => {
    expect(problems(parseLocationFile(csv))).toEqual([
      { line: 3, reason: 'errors.locationCode', values: { value: 'KH 12' } },
      { line: 4, reason: 'errors.locationName', values: { value: '' } },
      { line: 6, reason: 'errors.locationDuplicate', values: { code: 'KH-2', line: 5 } },
      { line: 7, reason: 'errors.locationParentMissing', values: { parent: 'XX' } },
      { line: 8, reason: 'errors.locationParentCode', values: { value: 'K H' } },
      { line: 9, reason: 'errors.locationCode', values: { value: 'A'.repeat(51) } },
      { line: 10, reason: 'errors.locationCode', values: { value: '-KH' } },
    ]);
  });

  it('does not blame the children of a row that is wrong for another reason', () => {
    const r = parseLocationFile('code,name,parent\nKH,,\nKH-12,Phnom Penh,KH\n');
    expect(brief(r)).toEqual([[2, 'errors.locationName']]);
  });

  it('refuses a name over 200 characters', () => {
    expect(brief(parseLocationFile(`code,name,parent\nKH,${'n'.repeat(201)},\n`))).toEqual([
      [2, 'errors.tooLong'],
    ]);
  });
});

describe('loops of parents', () => {
  it('finds a loop of two and names every row in it with the loop', () => {
    const r = parseLocationFile('code,name,parent\nA,Root,\nB,Bee,C\nC,Sea,B\nD,Dee,A\n');
    expect(problems(r)).toEqual([
      { line: 3, reason: 'errors.locationLoop', values: { code: 'B', path: 'B → C → B' } },
      { line: 4, reason: 'errors.locationLoop', values: { code: 'C', path: 'B → C → B' } },
    ]);
  });

  it('finds a location that is its own parent, and a longer loop hanging below a good row', () => {
    const r = parseLocationFile('code,name,parent\nS,Self,S\nX,Ex,Z\nY,Why,X\nZ,Zed,Y\nW,Double-u,X\n');
    expect(brief(r)).toEqual([
      [2, 'errors.locationLoop'],
      [3, 'errors.locationLoop'],
      [4, 'errors.locationLoop'],
      [5, 'errors.locationLoop'],
    ]);
    expect(problems(r)[0]!.values).toEqual({ code: 'S', path: 'S → S' });
  });

  it('accepts a deep tree without a loop', () => {
    const rows = ['code,name,parent', 'L0,Level 0,'];
    for (let i = 1; i < 200; i++) rows.push(`L${i},Level ${i},L${i - 1}`);
    expect(ok(parseLocationFile(rows.join('\n')))).toHaveLength(200);
  });
});

describe('JSON', () => {
  it('reads an array of {code, name, parent}; parent may be null, empty or left out; numbers are codes', () => {
    const json = JSON.stringify([
      { code: 'KH', name: 'Cambodia', parent: null },
      { code: 'KH-12', name: 'Phnom Penh', parent: 'KH' },
      { code: 'KH-17', name: 'Siem Reap', parent: 'KH', level: 2 },
      { code: 'LA', name: 'Lao PDR' },
      { code: 'TH', name: 'Thailand', parent: '' },
      { code: 10, name: 'Bangkok', parent: 'TH' },
    ]);
    expect(ok(parseLocationFile(json, 'list.json'))).toEqual([
      { code: 'KH', name: 'Cambodia', parent: null },
      { code: 'KH-12', name: 'Phnom Penh', parent: 'KH' },
      { code: 'KH-17', name: 'Siem Reap', parent: 'KH' },
      { code: 'LA', name: 'Lao PDR', parent: null },
      { code: 'TH', name: 'Thailand', parent: null },
      { code: '10', name: 'Bangkok', parent: 'TH' },
    ]);
  });

  it('reports bad items at the line where each starts', () => {
    const json = `\uFEFF[
  { "code": "KH", "name": "Cambodia", "parent": null },
  { "code": "KH 12",
    "name": "Phnom Penh", "parent": "KH" },
  "KH-17",
  { "code": "KH-2", "name": "Battambang, \\"the rice bowl\\" ]", "parent": "XX" }
]`;
    expect(problems(parseLocationFile(json))).toEqual([
      { line: 3, reason: 'errors.locationCode', values: { value: 'KH 12' } },
      { line: 5, reason: 'errors.locationNotObject' },
      { line: 6, reason: 'errors.locationParentMissing', values: { parent: 'XX' } },
    ]);
  });

  it('refuses text that is not JSON, and JSON that is not a list', () => {
    expect(brief(parseLocationFile('[{"code": "KH",', 'x.json'))).toEqual([[null, 'errors.locationJson']]);
    expect(brief(parseLocationFile('{"code": "KH", "name": "Cambodia"}'))).toEqual([
      [null, 'errors.locationJsonArray'],
    ]);
    expect(brief(parseLocationFile('[]'))).toEqual([[null, 'errors.locationEmpty']]);
  });
});
