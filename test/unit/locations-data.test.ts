// The default location list shipped with the app: the 11 ASEAN Member States and their ISO 3166-2 first-level
// subdivisions. Counts are the administrations each country has in the ISO edition the file pins (README).
import { describe, expect, it } from 'vitest';
import asean from '../../src/locations/asean.json';
import { validateLocations } from '../../src/locations/import';
import { type Location, LocationTree } from '../../src/locations/locations';

const list = asean as Location[];
const tree = new LocationTree(list);
const codesOf = (country: string) => tree.childrenOf(country).map((l) => l.code);

const COUNTS: Record<string, number> = {
  BN: 4, // districts
  KH: 25, // 24 provinces + Phnom Penh
  ID: 38, // provinces, with the four Papua provinces of 2022
  LA: 18, // 17 provinces + Vientiane Prefecture
  MY: 16, // 13 states + 3 federal territories
  MM: 15, // 7 regions + 7 states + the union territory
  PH: 17, // regions
  SG: 5, // districts
  TH: 78, // 76 provinces + Bangkok + Pattaya
  TL: 13, // 12 municipalities + the special administrative region
  VN: 63, // 58 provinces + 5 municipalities
};

describe('the default ASEAN location list', () => {
  it('has the 11 Member States, and nothing else at the top', () => {
    expect(tree.roots.map((r) => r.code).sort()).toEqual(Object.keys(COUNTS).sort());
    expect(tree.nameOf('KH')).toBe('Cambodia');
    expect(tree.nameOf('VN')).toBe('Viet Nam');
  });

  for (const [country, count] of Object.entries(COUNTS)) {
    it(`has ${count} first-level subdivisions of ${country}, directly under it`, () => {
      expect(codesOf(country)).toHaveLength(count);
      for (const code of codesOf(country)) expect(code.startsWith(`${country}-`)).toBe(true);
    });
  }

  it('has 303 locations, each with an ISO-shaped, unique code, a name and a parent that exists', () => {
    expect(list).toHaveLength(11 + Object.values(COUNTS).reduce((a, b) => a + b, 0));
    const codes = new Set<string>();
    for (const l of list) {
      expect(l.code).toMatch(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/);
      expect(codes.has(l.code), `${l.code} twice`).toBe(false);
      codes.add(l.code);
      expect(l.name.trim()).not.toBe('');
      expect(l.name).toBe(l.name.trim());
    }
    for (const l of list) if (l.parent !== null) expect(codes.has(l.parent), `${l.code}'s parent`).toBe(true);
  });

  it('passes the same checks as an imported list', () => {
    const result = validateLocations(list.map((value, i) => ({ line: i + 2, value })));
    expect(result.ok).toBe(true);
  });

  it('leaves out Indonesia’s geographical units and keeps the 2022 Papua provinces', () => {
    for (const unit of ['ID-JW', 'ID-KA', 'ID-ML', 'ID-NU', 'ID-PP', 'ID-SL', 'ID-SM'])
      expect(tree.has(unit)).toBe(false);
    for (const p of ['ID-PA', 'ID-PB', 'ID-PD', 'ID-PE', 'ID-PS', 'ID-PT'])
      expect(tree.get(p)?.parent).toBe('ID');
    expect(tree.nameOf('ID-JK')).toBe('Jakarta');
  });

  it('has the Philippines’ regions, Bangsamoro included, and none of its provinces', () => {
    const expected = [
      '00',
      '01',
      '02',
      '03',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '40',
      '41',
    ];
    expect(codesOf('PH').sort()).toEqual(expected.map((n) => `PH-${n}`));
    expect(tree.nameOf('PH-14')).toMatch(/Bangsamoro/);
    expect(tree.has('PH-CEB')).toBe(false);
  });

  it('has the capitals and special areas people look for', () => {
    expect(tree.pathOf('KH-12')).toBe('Cambodia › Phnom Penh');
    expect(tree.nameOf('KH-25')).toBe('Tbong Khmum');
    expect(tree.nameOf('TH-10')).toBe('Bangkok');
    expect(tree.nameOf('TH-S')).toBe('Pattaya');
    expect(tree.nameOf('LA-VT')).toBe('Vientiane Prefecture');
    expect(tree.nameOf('LA-XS')).toBe('Xaisomboun');
    expect(tree.nameOf('MM-18')).toMatch(/Nay Pyi Taw/);
    expect(tree.nameOf('TL-OE')).toBe('Oecusse');
    for (const m of ['VN-CT', 'VN-DN', 'VN-HN', 'VN-HP', 'VN-SG']) expect(tree.get(m)?.parent).toBe('VN');
    expect(codesOf('MY').sort()).toEqual(
      Array.from({ length: 16 }, (_, i) => `MY-${String(i + 1).padStart(2, '0')}`),
    );
    expect(codesOf('BN').sort()).toEqual(['BN-BE', 'BN-BM', 'BN-TE', 'BN-TU']);
    expect(codesOf('SG').sort()).toEqual(['SG-01', 'SG-02', 'SG-03', 'SG-04', 'SG-05']);
  });
});
