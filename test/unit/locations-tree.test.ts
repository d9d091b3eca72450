// The location tree: how a location rolls up its sub-locations (what the tally relies on), paths for
// display, what a picker offers, and which device settings a new list leaves behind.
import { describe, expect, it } from 'vitest';
import { type Location, LocationTree, settingsOutside } from '../../src/locations/locations';

const list: Location[] = [
  { code: 'KH', name: 'Cambodia', parent: null },
  { code: 'KH-12', name: 'Phnom Penh', parent: 'KH' },
  { code: 'KH-12-01', name: 'Chamkar Mon', parent: 'KH-12' },
  { code: 'KH-12-01-a', name: 'Tonle Bassac', parent: 'KH-12-01' },
  { code: 'KH-12-02', name: 'Daun Penh', parent: 'KH-12' },
  { code: 'KH-2', name: 'Battambang', parent: 'KH' },
  { code: 'TH', name: 'Thailand', parent: null },
  { code: 'TH-10', name: 'Bangkok', parent: 'TH' },
  { code: 'BN', name: 'Brunei Darussalam', parent: null },
];
const tree = new LocationTree(list);

describe('LocationTree', () => {
  it('knows roots (by name), names and children (by name)', () => {
    expect(tree.roots.map((r) => r.code)).toEqual(['BN', 'KH', 'TH']);
    expect(tree.nameOf('KH-12')).toBe('Phnom Penh');
    expect(tree.nameOf('XX-1')).toBe('XX-1');
    expect(tree.childrenOf('KH').map((l) => l.name)).toEqual(['Battambang', 'Phnom Penh']);
    expect(tree.childrenOf('KH-2')).toEqual([]);
    expect(tree.get('KH-12')?.parent).toBe('KH');
  });

  it('lists every location below one, at any depth, parents first', () => {
    expect(tree.descendantsOf('KH-12').map((l) => l.code)).toEqual(['KH-12-01', 'KH-12-02', 'KH-12-01-a']);
    expect(tree.descendantsOf('KH').map((l) => l.code)).toHaveLength(5);
    expect(tree.descendantsOf('TH-10')).toEqual([]);
    expect(tree.descendantsOf('nowhere')).toEqual([]);
  });

  it('rolls a location up into each of its ancestors and itself, never into a sibling or another country', () => {
    expect(tree.isWithin('KH-12-01-a', 'KH-12-01')).toBe(true);
    expect(tree.isWithin('KH-12-01-a', 'KH-12')).toBe(true);
    expect(tree.isWithin('KH-12-01-a', 'KH')).toBe(true);
    expect(tree.isWithin('KH-12', 'KH-12')).toBe(true);
    expect(tree.isWithin('KH-12', 'KH-12-01')).toBe(false);
    expect(tree.isWithin('KH-2', 'KH-12')).toBe(false);
    expect(tree.isWithin('TH-10', 'KH')).toBe(false);
    expect(tree.isWithin('XX-1', 'KH')).toBe(false);
  });

  it('finds the country and the path for display', () => {
    expect(tree.countryOf('KH-12-01-a')).toBe('KH');
    expect(tree.countryOf('TH')).toBe('TH');
    expect(tree.countryOf('XX')).toBeUndefined();
    expect(tree.pathOf('KH-12-01')).toBe('Cambodia › Phnom Penh › Chamkar Mon');
    expect(tree.pathOf('XX-1')).toBe('XX-1');
  });

  it('never hangs on a damaged list with a loop', () => {
    const looped = new LocationTree([
      { code: 'A', name: 'A', parent: 'B' },
      { code: 'B', name: 'B', parent: 'A' },
    ]);
    expect(looped.pathOf('A')).toBe('B › A');
    expect(looped.isWithin('A', 'C')).toBe(false);
    expect(looped.descendantsOf('A').map((l) => l.code)).toEqual(['B']);
  });

  it('offers the home country first, each location under its parent', () => {
    const groups = tree.pickerGroups({ first: 'TH' });
    expect(groups.map((g) => g[0]!.location.code)).toEqual(['TH', 'BN', 'KH']);
    expect(groups[2]!.map((e) => [e.location.code, e.depth])).toEqual([
      ['KH', 0],
      ['KH-2', 1],
      ['KH-12', 1],
      ['KH-12-01', 2],
      ['KH-12-01-a', 3],
      ['KH-12-02', 2],
    ]);
    expect(tree.pickerGroups({ within: 'KH-12' }).map((g) => g.map((e) => e.location.code))).toEqual([
      ['KH-12', 'KH-12-01', 'KH-12-01-a', 'KH-12-02'],
    ]);
  });
});

describe('settingsOutside', () => {
  it('names the settings a list no longer covers', () => {
    expect(settingsOutside(tree, { homeCountry: 'KH', defaultOrgUnit: 'KH-12' })).toEqual([]);
    expect(settingsOutside(tree, { homeCountry: null, defaultOrgUnit: null })).toEqual([]);
    expect(settingsOutside(tree, { homeCountry: 'LA', defaultOrgUnit: 'LA-VT' })).toEqual([
      'homeCountry',
      'defaultOrgUnit',
    ]);
    expect(settingsOutside(tree, { homeCountry: 'KH', defaultOrgUnit: 'TH-10' })).toEqual(['defaultOrgUnit']);
    // A home country that is in the list but not at its top is not a country of this list.
    expect(settingsOutside(tree, { homeCountry: 'KH-12', defaultOrgUnit: null })).toEqual(['homeCountry']);
  });
});
