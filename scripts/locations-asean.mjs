#!/usr/bin/env node
// Builds src/locations/asean.json, the default location list shipped with the app (SPEC §5): the 11 ASEAN
// Member States and their ISO 3166-2 first-level subdivisions, with English names.
//
// Source: Debian's `iso-codes` package (4.15.0, which carries ISO 3166-2 as of early 2023), read from
// /usr/share/iso-codes/json/iso_3166-2.json (`apt-get install iso-codes`). The ISO changes published after
// that are applied below, each with its reason, so the file can be rebuilt and reviewed line by line:
//   node scripts/locations-asean.mjs [path/to/iso_3166-2.json]
// The output is committed: the app never reads iso-codes at run time. See src/locations/README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? '/usr/share/iso-codes/json/iso_3166-2.json';
const out = join(root, 'src/locations/asean.json');

/** Short English names, as ASEAN writes them. */
const COUNTRIES = {
  BN: 'Brunei Darussalam',
  KH: 'Cambodia',
  ID: 'Indonesia',
  LA: 'Lao PDR',
  MY: 'Malaysia',
  MM: 'Myanmar',
  PH: 'Philippines',
  SG: 'Singapore',
  TH: 'Thailand',
  TL: 'Timor-Leste',
  VN: 'Viet Nam',
};

/**
 * Which ISO entries are first-level subdivisions. Indonesia's provinces sit under seven "geographical units"
 * (Jawa, Kalimantan...) that are not administrations, so they are skipped and their provinces kept; the
 * Philippines' provinces sit under its 17 regions, the first level, so they are skipped.
 */
const isFirstLevel = (s) => (s.code.startsWith('ID-') ? s.type !== 'Geographical unit' : !s.parent);

/** ISO 3166-2 changes newer than iso-codes 4.15.0. */
const ADDED = [
  // ISO 3166-2 newsletter of 2022-11: Indonesia's four new Papua provinces (Law 14, 15, 16 of 2022 and
  // Law 29 of 2022). ISO misprints Papua Pegunungan as "Pengunungan"; the province's own spelling is kept.
  { code: 'ID-PD', name: 'Southwest Papua', parent: 'ID', iso: 'Papua Barat Daya' },
  { code: 'ID-PE', name: 'Highland Papua', parent: 'ID', iso: 'Papua Pegunungan' },
  { code: 'ID-PS', name: 'South Papua', parent: 'ID', iso: 'Papua Selatan' },
  { code: 'ID-PT', name: 'Central Papua', parent: 'ID', iso: 'Papua Tengah' },
];

/** ISO renames newer than iso-codes 4.15.0 (which still has ARMM, replaced by the Bangsamoro region in 2019). */
const RENAMED = {
  'PH-14': 'Bangsamoro Autonomous Region in Muslim Mindanao (BARMM)',
};

// English names where the ISO name is a romanisation people do not use in English. The ISO name is kept
// as `iso`, so nothing is lost and a reviewer can compare.
const ENGLISH = {
  'KH-1': 'Banteay Meanchey',
  'KH-2': 'Battambang',
  'KH-3': 'Kampong Cham',
  'KH-5': 'Kampong Speu',
  'KH-6': 'Kampong Thom',
  'KH-8': 'Kandal',
  'KH-9': 'Koh Kong',
  'KH-10': 'Kratie',
  'KH-11': 'Mondulkiri',
  'KH-14': 'Prey Veng',
  'KH-15': 'Pursat',
  'KH-16': 'Ratanakiri',
  'KH-17': 'Siem Reap',
  'KH-19': 'Stung Treng',
  'KH-20': 'Svay Rieng',
  'KH-21': 'Takeo',
  'KH-22': 'Oddar Meanchey',
  'KH-23': 'Kep',
  'ID-BB': 'Bangka Belitung Islands',
  'ID-JB': 'West Java',
  'ID-JI': 'East Java',
  'ID-JK': 'Jakarta',
  'ID-JT': 'Central Java',
  'ID-KB': 'West Kalimantan',
  'ID-KI': 'East Kalimantan',
  'ID-KR': 'Riau Islands',
  'ID-KS': 'South Kalimantan',
  'ID-KT': 'Central Kalimantan',
  'ID-KU': 'North Kalimantan',
  'ID-MU': 'North Maluku',
  'ID-NB': 'West Nusa Tenggara',
  'ID-NT': 'East Nusa Tenggara',
  'ID-PB': 'West Papua',
  'ID-SA': 'North Sulawesi',
  'ID-SB': 'West Sumatra',
  'ID-SG': 'Southeast Sulawesi',
  'ID-SN': 'South Sulawesi',
  'ID-SR': 'West Sulawesi',
  'ID-SS': 'South Sumatra',
  'ID-ST': 'Central Sulawesi',
  'ID-SU': 'North Sumatra',
  'LA-AT': 'Attapeu',
  'LA-BK': 'Bokeo',
  'LA-BL': 'Bolikhamxay',
  'LA-HO': 'Houaphanh',
  'LA-KH': 'Khammouane',
  'LA-LM': 'Luang Namtha',
  'LA-LP': 'Luang Prabang',
  'LA-OU': 'Oudomxay',
  'LA-PH': 'Phongsaly',
  'LA-SV': 'Savannakhet',
  'LA-VI': 'Vientiane Province',
  'LA-VT': 'Vientiane Prefecture',
  'LA-XA': 'Xayaboury',
  'LA-XE': 'Sekong',
  'LA-XS': 'Xaisomboun',
  'MY-07': 'Penang',
  'MY-14': 'Kuala Lumpur',
  'MY-15': 'Labuan',
  'MY-16': 'Putrajaya',
  'TH-10': 'Bangkok',
  'TH-S': 'Pattaya',
  'TL-DI': 'Dili',
  'TL-LA': 'Lautém',
  'TL-LI': 'Liquiçá',
  'TL-OE': 'Oecusse',
  'TL-VI': 'Viqueque',
  // "Kiến Giang" in ISO is a misprint of the province's name.
  'VN-47': 'Kiên Giang',
};

/** Myanmar's names are plain ("Sagaing"); English says what each is. */
const MM_SUFFIX = { Region: 'Region', State: 'State', 'Union territory': 'Union Territory' };

const subdivisions = JSON.parse(readFileSync(source, 'utf8'))['3166-2'];
const used = new Set();
const rows = [];
const byCode = (a, b) => a.code.localeCompare(b.code, 'en', { numeric: true });

for (const [country, countryName] of Object.entries(COUNTRIES)) {
  rows.push({ code: country, name: countryName, parent: null });
  const own = subdivisions
    .filter((s) => s.code.startsWith(`${country}-`) && isFirstLevel(s))
    .map((s) => {
      const isoName = RENAMED[s.code] ?? s.name;
      let name = ENGLISH[s.code] ?? isoName;
      if (ENGLISH[s.code]) used.add(s.code);
      if (country === 'MM') name = `${s.name} ${MM_SUFFIX[s.type]}`;
      return { code: s.code, name, parent: country, ...(name !== isoName ? { iso: isoName } : {}) };
    });
  const extra = ADDED.filter((a) => a.code.startsWith(`${country}-`));
  for (const e of extra) {
    if (own.some((o) => o.code === e.code))
      throw new Error(`${e.code} is already in ${source}; drop it from ADDED`);
  }
  rows.push(...[...own, ...extra].sort(byCode));
}

const unused = Object.keys(ENGLISH).filter((c) => !used.has(c));
if (unused.length) throw new Error(`English names for codes not in the source: ${unused.join(', ')}`);

// Countries in the order above, each followed by its subdivisions in code order.
const order = Object.keys(COUNTRIES);
const countryOf = (r) => r.parent ?? r.code;
rows.sort((a, b) => {
  const c = order.indexOf(countryOf(a)) - order.indexOf(countryOf(b));
  if (c) return c;
  if (!a.parent) return -1;
  if (!b.parent) return 1;
  return byCode(a, b);
});

const line = (r) =>
  `  ${JSON.stringify(r).replaceAll('":', '": ').replaceAll(',"', ', "').replace(/^\{/, '{ ').replace(/\}$/, ' }')}`;
writeFileSync(out, `[\n${rows.map(line).join(',\n')}\n]\n`);
console.log(`${rows.length} locations written to ${out}`);
