// Locations as a tree (SPEC §5): the pure part, no storage. A location is `{ code, name, parent }`; a
// location with no parent is a root (in the default list, a country). Every record's `orgUnit` is a code of
// this tree, and a location rolls up everything below it, so the tally counts a province's records in its
// country too (`isWithin`). Lists are validated on import (./import.ts), but the walks below still stop on a
// loop rather than hang, so a damaged list can never freeze the app.
// The active list itself lives here too, as a signal (set by ./repo.ts, which reads and writes it), with
// shortcuts on it, so code that only needs names and roll-ups (sync preview, tally) does not pull in storage.
import { computed, signal } from '@preact/signals';

export interface Location {
  code: string;
  name: string;
  parent: string | null;
  /** The default list only: the ISO 3166-2 name where it differs from the English `name`. */
  iso?: string;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const byName = (a: Location, b: Location) => collator.compare(a.name, b.name);

/** One entry of a picker: a location and how deep it sits below the group's root (the root is 0). */
export interface PickerEntry {
  location: Location;
  depth: number;
}

export class LocationTree {
  readonly list: readonly Location[];
  /** Locations with no parent, by name. In the default list: the 11 countries. */
  readonly roots: readonly Location[];
  private readonly byCode = new Map<string, Location>();
  private readonly kids = new Map<string, Location[]>();

  constructor(list: readonly Location[]) {
    this.list = list;
    for (const l of list) this.byCode.set(l.code, l);
    const roots: Location[] = [];
    for (const l of list) {
      if (l.parent === null || !this.byCode.has(l.parent)) roots.push(l);
      else {
        const siblings = this.kids.get(l.parent);
        if (siblings) siblings.push(l);
        else this.kids.set(l.parent, [l]);
      }
    }
    for (const siblings of this.kids.values()) siblings.sort(byName);
    this.roots = roots.sort(byName);
  }

  get size() {
    return this.list.length;
  }

  get(code: string | null | undefined): Location | undefined {
    return code ? this.byCode.get(code) : undefined;
  }

  has(code: string | null | undefined): boolean {
    return !!code && this.byCode.has(code);
  }

  /** The location's name, or the code itself when the list does not know it (e.g. after a list change). */
  nameOf(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  /** The direct sub-locations, by name. */
  childrenOf(code: string): readonly Location[] {
    return this.kids.get(code) ?? [];
  }

  /** Every location below `code` (not `code` itself), parents before their children. */
  descendantsOf(code: string): Location[] {
    const out: Location[] = [];
    const seen = new Set([code]);
    const queue = [...this.childrenOf(code)];
    for (let l = queue.shift(); l; l = queue.shift()) {
      if (seen.has(l.code)) continue;
      seen.add(l.code);
      out.push(l);
      queue.push(...this.childrenOf(l.code));
    }
    return out;
  }

  /** The chain from the root down to `code`, both included; empty when `code` is unknown. */
  ancestryOf(code: string): Location[] {
    const chain: Location[] = [];
    const seen = new Set<string>();
    for (let l = this.byCode.get(code); l && !seen.has(l.code); l = this.get(l.parent)) {
      seen.add(l.code);
      chain.unshift(l);
    }
    return chain;
  }

  /** True when `code` is `ancestor` or lies anywhere below it: a location rolls up its sub-locations. */
  isWithin(code: string, ancestor: string): boolean {
    return this.ancestryOf(code).some((l) => l.code === ancestor);
  }

  /** The root above `code` (its country, in the default list); undefined when `code` is unknown. */
  countryOf(code: string): string | undefined {
    return this.ancestryOf(code)[0]?.code;
  }

  /** For display: "Cambodia › Phnom Penh". An unknown code shows as itself. */
  pathOf(code: string, separator = ' › '): string {
    const chain = this.ancestryOf(code);
    return chain.length ? chain.map((l) => l.name).join(separator) : code;
  }

  /**
   * What a picker offers, grouped by root: the group of `first` (the home country) comes first, the others
   * by name. With `within`, only that location and what lies below it, as one group.
   */
  pickerGroups(options: { first?: string | null; within?: string | null } = {}): PickerEntry[][] {
    const { first, within } = options;
    const roots = within
      ? this.get(within)
        ? [this.get(within)!]
        : []
      : [...this.roots].sort((a, b) => (a.code === first ? -1 : b.code === first ? 1 : 0));
    return roots.map((root) => this.flatten(root));
  }

  /** Depth-first, by name at each level, so each location sits right under its parent. */
  private flatten(root: Location): PickerEntry[] {
    const out: PickerEntry[] = [];
    const seen = new Set<string>();
    const visit = (l: Location, depth: number) => {
      if (seen.has(l.code)) return;
      seen.add(l.code);
      out.push({ location: l, depth });
      for (const child of this.childrenOf(l.code)) visit(child, depth + 1);
    };
    visit(root, 0);
    return out;
  }
}

/** The device settings that point into the list and are no longer in `tree` (after a list change). */
export function settingsOutside(
  tree: LocationTree,
  s: { homeCountry: string | null; defaultOrgUnit: string | null },
): Array<'homeCountry' | 'defaultOrgUnit'> {
  const out: Array<'homeCountry' | 'defaultOrgUnit'> = [];
  const homeOk = !!s.homeCountry && tree.roots.some((r) => r.code === s.homeCountry);
  if (s.homeCountry && !homeOk) out.push('homeCountry');
  if (s.defaultOrgUnit) {
    const inList = tree.has(s.defaultOrgUnit);
    if (!inList || (homeOk && !tree.isWithin(s.defaultOrgUnit, s.homeCountry!))) out.push('defaultOrgUnit');
  }
  return out;
}

export interface ActiveList {
  tree: LocationTree;
  /** Where a deployment's own list came from; null when the default ASEAN list is active. */
  custom: { fileName: string; importedAt: string } | null;
}

/** The device's active list. Null until ./repo.ts has loaded it (`loadLocations()` or `useLocations()`). */
export const activeList = signal<ActiveList | null>(null);

/** Names of the default list's places in the chosen language (set by ./names.ts; code → name). */
export const localPlaceNames = signal<Readonly<Record<string, string>> | null>(null);

/**
 * The tree as the person reads it: the default list with its places named in the chosen language. A
 * deployment's own list keeps its own names (they are what the national system calls its places).
 */
export const shownTree = computed<LocationTree | null>(() => {
  const a = activeList.value;
  const names = localPlaceNames.value;
  if (!a) return null;
  if (a.custom || !names) return a.tree;
  return new LocationTree(a.tree.list.map((l) => (names[l.code] ? { ...l, name: names[l.code]! } : l)));
});

// Shortcuts on the active list, for code that runs after it has loaded (forms, lists, sync, the tally
// screen). Before it has loaded they answer as for an unknown code.
const active = () => shownTree.value ?? undefined;
export const getLocation = (code: string) => active()?.get(code);
export const nameOf = (code: string) => active()?.nameOf(code) ?? code;
export const pathOf = (code: string) => active()?.pathOf(code) ?? code;
export const childrenOf = (code: string) => active()?.childrenOf(code) ?? [];
export const descendantsOf = (code: string) => active()?.descendantsOf(code) ?? [];
export const isWithin = (code: string, ancestor: string) =>
  code === ancestor || (active()?.isWithin(code, ancestor) ?? false);
export const countryOf = (code: string) => active()?.countryOf(code);
