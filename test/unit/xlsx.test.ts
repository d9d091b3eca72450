// The small .xlsx reader (src/trainings/xlsx.ts): a workbook as Excel writes it (shared strings, an inline
// string, numbers, a gap in a row, a cell with a tab) becomes the tab-separated text the paste reader takes,
// and the realistic attendance sheet goes through it and the paste reader whole.
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildVocabulary, parseAttendance } from '../../src/trainings/paste';
import { readXlsx } from '../../src/trainings/xlsx';

/** A zip archive of `files` (deflated), as Excel and LibreOffice write them. */
function zip(files: Record<string, string>): ArrayBuffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text, 'utf8');
    const data = deflateRawSync(raw);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  const all = Buffer.concat([...locals, dir, end]);
  return all.buffer.slice(all.byteOffset, all.byteOffset + all.length) as ArrayBuffer;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function workbook(shared: string[], rows: string[]): ArrayBuffer {
  return zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
    'xl/workbook.xml': `<?xml version="1.0"?><workbook ${NS} ${R}><sheets><sheet name="Attendance" sheetId="1" r:id="rId3"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Type="styles" Target="styles.xml"/><Relationship Id="rId3" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/sharedStrings.xml': `<?xml version="1.0"?><sst ${NS} count="${shared.length}">${shared
      .map((s) => `<si><t xml:space="preserve">${s}</t></si>`)
      .join('')}</sst>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet ${NS}><sheetData>${rows.join('')}</sheetData></worksheet>`,
  });
}

describe('readXlsx', () => {
  it('reads shared and inline strings, numbers and gaps as tab-separated rows', async () => {
    const book = workbook(
      ['Name', 'Sex', 'Dara &amp; Sok', 'A\tB'],
      [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2"><v>42</v></c><c r="D2" t="inlineStr"><is><t>ស្រី</t></is></c></row>',
        '<row r="3"><c r="B3" t="s"><v>3</v></c><c r="C3" s="1"/></row>',
      ],
    );
    expect(await readXlsx(book)).toBe('Name\tSex\nDara & Sok\t\t42\tស្រី\n\t"A\tB"\t');
  });

  it('takes the realistic attendance sheet to participants', async () => {
    const words = [
      'No.',
      'Name',
      'Title',
      'Sex',
      'Organisation',
      'Sok Dara',
      'Labour inspector',
      'ស្រី',
      'Police',
    ];
    const cell = (col: string, row: number, i: number) => `<c r="${col}${row}" t="s"><v>${i}</v></c>`;
    const book = workbook(words, [
      `<row r="1">${cell('A', 1, 0)}${cell('B', 1, 1)}${cell('C', 1, 2)}${cell('D', 1, 3)}${cell('E', 1, 4)}</row>`,
      `<row r="2"><c r="A2"><v>1</v></c>${cell('B', 2, 5)}${cell('C', 2, 6)}${cell('D', 2, 7)}${cell('E', 2, 8)}</row>`,
    ]);
    const r = parseAttendance(await readXlsx(book), buildVocabulary([]));
    expect(r.rows).toEqual([
      { line: 2, name: 'Sok Dara', occupation: 'Labour inspector', sex: 'female', agency: 'police' },
    ]);
  });

  it('says so when the file is not a workbook', async () => {
    await expect(readXlsx(new TextEncoder().encode('Name,Sex\n').buffer as ArrayBuffer)).rejects.toThrow();
  });
});
