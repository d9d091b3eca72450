// What the console's pages share: the locations the account may see (its subtree, from the server), and the
// place and months chosen, so moving from Tallies to Completeness keeps them.
import { signal } from '@preact/signals';
import { currentMonth, previousMonth } from '../src/lib/dates';
import { type Location, LocationTree } from '../src/locations/locations';
import { api } from './api';

export const tree = signal<LocationTree | null>(null);
/** The top of the account's subtree (or the first country, for an administrator of everything). */
export const roots = signal<string[]>([]);

const lastMonth = previousMonth(currentMonth());
export const selection = signal({ orgUnit: '', from: lastMonth, to: lastMonth });

export async function loadLocations() {
  const r = await api<{ roots: string[]; locations: Location[] }>('locations');
  tree.value = new LocationTree(r.locations);
  roots.value = r.roots;
  if (!selection.value.orgUnit || !tree.value.has(selection.value.orgUnit)) {
    selection.value = { ...selection.value, orgUnit: r.roots[0] ?? '' };
  }
}

/** The subtree as a flat list, parents first, with depth: the options of a location picker. */
export function pickerOptions(
  t: LocationTree,
  top: readonly string[],
): { code: string; name: string; depth: number }[] {
  const out: { code: string; name: string; depth: number }[] = [];
  const walk = (code: string, depth: number) => {
    out.push({ code, name: t.nameOf(code), depth });
    for (const c of t.childrenOf(code)) walk(c.code, depth + 1);
  };
  for (const r of top) walk(r, 0);
  return out;
}
