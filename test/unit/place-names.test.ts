// Place and nationality names in every language (SPEC §10): each language's file names every country; Khmer,
// Lao and Myanmar name every place of the default list, in all ten countries, in their own script; Thai names
// Thailand's provinces in Thai; Tetum uses Tetum where it has its own word; the screens follow the chosen
// language; a deployment's own list keeps its own names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { COUNTRY_CODES, nationalityOptions } from '../../src/cases/nationalities';
import { db } from '../../src/db/db';
import { setLanguage } from '../../src/i18n/i18n';
import { LANGUAGE_CODES } from '../../src/i18n/languages';
import { loadPlaceNames } from '../../src/locations/names';
import { nameOf, pathOf, reloadLocations, saveCustomList } from '../../src/locations/repo';

const asean = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../src/locations/asean.json'), 'utf8'),
) as { code: string; name: string; parent: string | null }[];

// Which places must be in the language's script (null: all of them), and the script (with the digits the
// app writes numbers in: Latin for Khmer and Lao, Myanmar digits for Myanmar, as src/lib/locale-format.ts).
const SCRIPT: Record<string, [country: string | null, RegExp]> = {
  km: [null, /^[\u1780-\u17FF\u200B ()0-9-]+$/],
  lo: [null, /^[\u0E80-\u0EFF ()0-9-]+$/],
  my: [null, /^[\u1000-\u109F ()-]+$/],
  th: ['TH', /^[\u0E00-\u0E7F ()0-9.-]+$/],
};

beforeEach(async () => {
  await db.settings.clear();
  await reloadLocations();
});
afterAll(() => setLanguage('en'));

describe('names files', () => {
  for (const lang of LANGUAGE_CODES) {
    it(`${lang}: names every country, only known places, and says where its names come from`, async () => {
      const raw = JSON.parse(
        readFileSync(join(import.meta.dirname, '../../src/locations/names', `${lang}.json`), 'utf8'),
      );
      expect(raw.source.places.length).toBeGreaterThan(10);
      expect(raw.source.countries.length).toBeGreaterThan(10);
      const names = (await loadPlaceNames(lang))!;
      expect(Object.keys(names.countries).sort()).toEqual([...COUNTRY_CODES].sort());
      const codes = new Set(asean.map((l) => l.code));
      expect(Object.keys(names.places).filter((c) => !codes.has(c))).toEqual([]);
      const script = SCRIPT[lang];
      if (script) {
        const [country, re] = script;
        const own = country ? [...asean.filter((l) => l.parent === country), { code: country }] : asean;
        for (const l of own) expect(names.places[l.code], `${lang} ${l.code}`).toMatch(re);
      }
      // Two places of one country never share a name (a picker could not tell them apart).
      const named = asean.map((l) => `${l.parent} ${names.places[l.code] ?? l.name}`);
      expect(named.filter((n, i) => named.indexOf(n) !== i)).toEqual([]);
    });
  }
  it("km, lo, my: other countries' places in their own script, e.g. Bangkok, Ho Chi Minh, West Java", async () => {
    const km = (await loadPlaceNames('km'))!;
    const lo = (await loadPlaceNames('lo'))!;
    const my = (await loadPlaceNames('my'))!;
    expect([km.places['TH-10'], km.places['VN-SG'], km.places['ID-JB']]).toEqual([
      'បាងកក',
      'ហូជីមិញ',
      'ជ្វាខាងលិច',
    ]);
    expect([lo.places['TH-50'], lo.places['KH-12'], lo.places['VN-HN']]).toEqual([
      'ຊຽງໃໝ່',
      'ພະນົມເປັນ',
      'ຮ່າໂນ້ຍ',
    ]);
    expect([my.places['TH-10'], my.places['SG-01'], my.places['PH-01']]).toEqual([
      'ဘန်ကောက်',
      'အလယ်စင်္ကာပူ',
      'အီလိုကို့စ် (ဒေသ ၁)',
    ]);
  });
  it('tet: Timor-Leste and its municipalities in Tetum', async () => {
    const names = (await loadPlaceNames('tet'))!;
    expect(names.places['TL-BA']).toBe('Baukau');
    expect(names.places.ID).toBe('Indonézia');
    expect(names.countries.KH).toBe('Kamboja');
    // Elsewhere: Indonesia's provinces as Indonesia names them, Tetum's words for regions and states.
    expect(names.places['ID-NT']).toBe('Nusa Tenggara Timur');
    expect(names.places['MM-17']).toBe('Estadu Shan');
    expect(names.places['SG-02']).toBe('Nordeste');
  });
});

describe('screens follow the language', () => {
  it('names places in Khmer once Khmer is chosen, and in English again after', async () => {
    await setLanguage('km');
    await vi.waitFor(() => expect(nameOf('KH-12')).toBe('ភ្នំពេញ'));
    expect(pathOf('KH-12')).toBe('កម្ពុជា › ភ្នំពេញ');
    await setLanguage('en');
    await vi.waitFor(() => expect(nameOf('KH-12')).toBe('Phnom Penh'));
  });

  it("keeps a deployment's own names", async () => {
    await saveCustomList([{ code: 'KH-12', name: 'Phnom Penh Capital', parent: null }], 'kh.csv');
    await setLanguage('km');
    await vi.waitFor(async () => expect((await loadPlaceNames('km'))?.places['KH-12']).toBeTruthy());
    expect(nameOf('KH-12')).toBe('Phnom Penh Capital');
    await setLanguage('en');
  });

  it('offers nationalities in Myanmar from the file, not English, whatever the browser knows', async () => {
    const names = (await loadPlaceNames('my'))!;
    const options = nationalityOptions('my', names.countries);
    expect(options[0]).toEqual({ code: 'BN', name: names.countries.BN });
    expect(options.find((o) => o.code === 'MM')?.name).toBe('မြန်မာ');
    const english = (await loadPlaceNames('en'))!.countries;
    expect(options.every((o) => o.name !== english[o.code] || o.name === names.countries[o.code])).toBe(true);
    expect(options.filter((o) => o.name === english[o.code]).length).toBeLessThan(40);
  });
});
