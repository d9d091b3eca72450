// The device's active location list: the default ASEAN list until a deployment loads its own, which is kept
// in the settings table and survives a restart; and back to the default on request.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import {
  activeList,
  countryOf,
  descendantsOf,
  isWithin,
  loadLocations,
  nameOf,
  pathOf,
  reloadLocations,
  resetToDefaultList,
  saveCustomList,
} from '../../src/locations/repo';
import { readSetting } from '../../src/settings/repo';

const custom = [
  { code: 'OU_KH', name: 'Cambodia', parent: null },
  { code: 'OU_PP', name: 'Phnom Penh', parent: 'OU_KH' },
  { code: 'OU_PP_1', name: 'Chamkar Mon', parent: 'OU_PP' },
];

beforeEach(async () => {
  await db.settings.clear();
  await reloadLocations();
});

describe('the active location list', () => {
  it('is the default ASEAN list until another is loaded', async () => {
    const { tree, custom } = await loadLocations();
    expect(custom).toBeNull();
    expect(tree.size).toBe(303);
    expect(nameOf('KH-12')).toBe('Phnom Penh');
    expect(pathOf('TH-10')).toBe('Thailand › Bangkok');
    expect(countryOf('VN-HN')).toBe('VN');
    expect(isWithin('LA-VT', 'LA')).toBe(true);
    expect(descendantsOf('BN')).toHaveLength(4);
  });

  it('loads once: later calls get the same list', async () => {
    const a = await loadLocations();
    const b = await loadLocations();
    expect(b).toBe(a);
  });

  it('becomes a loaded custom list, kept in settings, and still there after a restart', async () => {
    await saveCustomList(custom, 'dhis2.csv', new Date('2026-02-03T08:00:00Z'));
    expect(activeList.value?.custom).toEqual({
      fileName: 'dhis2.csv',
      importedAt: '2026-02-03T08:00:00.000Z',
    });
    expect(nameOf('KH-12')).toBe('KH-12');
    expect(pathOf('OU_PP_1')).toBe('Cambodia › Phnom Penh › Chamkar Mon');
    expect(isWithin('OU_PP_1', 'OU_KH')).toBe(true);

    const stored = await readSetting<{ locations: unknown[] }>('locations.custom');
    expect(stored?.locations).toEqual(custom);
    const again = await reloadLocations();
    expect(again.tree.size).toBe(3);
    expect(again.custom?.fileName).toBe('dhis2.csv');
  });

  it('goes back to the default list', async () => {
    await saveCustomList(custom, 'dhis2.csv');
    await resetToDefaultList();
    expect(activeList.value?.custom).toBeNull();
    expect(activeList.value?.tree.size).toBe(303);
    expect((await reloadLocations()).custom).toBeNull();
  });
});
