// The DHIS2 export: the payload DHIS2's /api/dataValueSets expects, codes from the mapping file, explicit zeros
// where a count fell to zero, and a mapping file that is checked before it is used.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAPPING,
  DHIS2_IMPORT_PATH,
  dhis2Period,
  parseMapping,
  toDataValueSet,
} from '../../src/export/dhis2';
import mappingJson from '../../src/export/dhis2-mapping.json';
import { INDICATOR_CODES } from '../../src/tally/indicators';
import type { DataValue } from '../../src/tally/tally';

const v = (
  indicator: DataValue['indicator'],
  disaggregation: Record<string, string>,
  value: number,
): DataValue => ({
  indicator,
  disaggregation,
  value,
  orgUnit: 'KH-12',
  period: '2026-01',
});

describe('toDataValueSet', () => {
  const current = [
    v(
      'CHILDREN_IDENTIFIED',
      { sex: 'female', ageBand: '12-14', nationalityGroup: 'national', category: 'hazardous', sector: 'A' },
      2,
    ),
    v(
      'CHILDREN_IDENTIFIED',
      { sex: 'female', ageBand: '12-14', nationalityGroup: 'foreign', category: 'worst_form', sector: 'C' },
      3,
    ),
    v('CASES_REPORTED_ONLINE', {}, 4),
    v('INSPECTIONS', { hardToReach: 'yes', sector: 'A' }, 6),
  ];

  it('builds a dataValueSets payload with codes, YYYYMM periods and string values', () => {
    const { payload, importPath, unmapped } = toDataValueSet(current);
    expect(importPath).toBe('/api/dataValueSets?idScheme=CODE&importStrategy=CREATE_AND_UPDATE');
    expect(importPath).toBe(DHIS2_IMPORT_PATH);
    expect(unmapped).toEqual([]);
    expect(payload).toEqual({
      idScheme: 'CODE',
      dataSet: 'PELITA_MONTHLY',
      period: '202601',
      orgUnit: 'KH-12',
      dataValues: [
        {
          dataElement: 'PELITA_CASES_REPORTED_ONLINE',
          categoryOptionCombo: 'default',
          period: '202601',
          orgUnit: 'KH-12',
          value: '4',
        },
        // The breakdowns DHIS2 does not have (nationality, category, sector) are summed away: 2 + 3.
        {
          dataElement: 'PELITA_CHILDREN_IDENTIFIED',
          categoryOptionCombo: 'FEMALE_AGE_12_14',
          period: '202601',
          orgUnit: 'KH-12',
          value: '5',
        },
        {
          dataElement: 'PELITA_INSPECTIONS',
          categoryOptionCombo: 'HARD_TO_REACH',
          period: '202601',
          orgUnit: 'KH-12',
          value: '6',
        },
      ],
    });
  });

  it('sends an explicit zero for a cell exported before that is zero now', () => {
    const previous = [
      ...current,
      v('ACTIVITIES', { kind: 'law_adopted' }, 1),
      v('CASES_REPORTED_ONLINE', {}, 9),
    ];
    const { payload } = toDataValueSet(current.slice(0, 2), previous);
    const byElement = Object.fromEntries(
      payload.dataValues.map((d) => [`${d.dataElement}/${d.categoryOptionCombo}`, d.value]),
    );
    expect(byElement).toEqual({
      'PELITA_ACTIVITIES/LAW_ADOPTED': '0',
      'PELITA_CASES_REPORTED_ONLINE/default': '0',
      'PELITA_CHILDREN_IDENTIFIED/FEMALE_AGE_12_14': '5',
      'PELITA_INSPECTIONS/HARD_TO_REACH': '0',
    });
  });

  it('leaves out cells that were zero before and are zero now', () => {
    expect(toDataValueSet([], []).payload.dataValues).toEqual([]);
  });

  it('lists indicators the mapping does not cover instead of sending them', () => {
    const mapping = {
      ...DEFAULT_MAPPING,
      indicators: { CASES_REPORTED_ONLINE: DEFAULT_MAPPING.indicators.CASES_REPORTED_ONLINE },
    };
    const out = toDataValueSet(current, [], mapping);
    expect(out.unmapped).toEqual(['CHILDREN_IDENTIFIED', 'INSPECTIONS']);
    expect(out.payload.dataValues).toHaveLength(1);
  });

  it('uses exact combo codes from the mapping before the template', () => {
    const parsed = parseMapping({
      indicators: {
        CHILDREN_WITHDRAWN: {
          dataElement: 'DE_W',
          by: ['sex', 'ageBand'],
          categoryOptionCombo: '{sex}-{ageBand}',
          combos: { 'ageBand=5-11;sex=male': 'uid-like-code' },
        },
      },
    });
    expect(parsed.success).toBe(true);
    const out = toDataValueSet(
      [
        v('CHILDREN_WITHDRAWN', { sex: 'male', ageBand: '5-11' }, 1),
        v('CHILDREN_WITHDRAWN', { sex: 'female', ageBand: '5-11' }, 1),
      ],
      [],
      parsed.data!,
    );
    expect(out.payload.dataValues.map((d) => d.categoryOptionCombo)).toEqual([
      'FEMALE-5_11',
      'uid-like-code',
    ]);
    expect(out.payload.dataSet).toBeUndefined();
  });

  it('leaves period and orgUnit to each value when a payload covers several', () => {
    const out = toDataValueSet([...current, { ...current[2]!, orgUnit: 'KH-2' }]);
    expect(out.payload.orgUnit).toBeUndefined();
    expect(out.payload.period).toBe('202601');
  });

  it('writes months as DHIS2 periods', () => {
    expect(dhis2Period('2026-12')).toBe('202612');
  });
});

describe('the mapping file', () => {
  it('shipped: valid, and covers every indicator of the catalog', () => {
    expect(parseMapping(mappingJson).success).toBe(true);
    expect(Object.keys(DEFAULT_MAPPING.indicators).sort()).toEqual([...INDICATOR_CODES].sort());
  });

  it.each([
    [
      'an unknown indicator',
      { indicators: { NOPE: { dataElement: 'X' } } },
      'errors.mapping.unknownIndicator',
    ],
    [
      'a breakdown the indicator lacks',
      { indicators: { ACTIVITIES: { dataElement: 'X', by: ['sex'], categoryOptionCombo: '{sex}' } } },
      'errors.mapping.unknownBreakdown',
    ],
    [
      'a template key not in by',
      { indicators: { ACTIVITIES: { dataElement: 'X', by: ['kind'], categoryOptionCombo: '{kind}_{sex}' } } },
      'errors.mapping.placeholder',
    ],
    [
      'breakdowns without a combo',
      { indicators: { ACTIVITIES: { dataElement: 'X', by: ['kind'] } } },
      'errors.mapping.comboMissing',
    ],
    ['an empty data element', { indicators: { ACTIVITIES: { dataElement: '' } } }, 'errors.mapping.invalid'],
  ])('refuses %s with a translated reason', (_, json, message) => {
    const result = parseMapping(json);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
  });
});
