// The deployment's location tree on the server (SPEC §6 "The location tree lives on the server too"): which
// codes exist, each one's chain of parents (a report counts in every location above its own) and each one's
// direct children (`children=true`). Built once per tree version; every lookup after that is a map read.

import asean from '../src/locations/asean.json';
import type { Location } from '../src/locations/locations';

/** The shipped ASEAN list: the server's tree until the administrator loads another. */
export const DEFAULT_LOCATIONS: readonly Location[] = asean as Location[];

export class Tree {
  readonly list: readonly Location[];
  private readonly parent = new Map<string, string | null>();
  private readonly kids = new Map<string, string[]>();
  private readonly chains = new Map<string, readonly string[]>();

  constructor(list: readonly Location[]) {
    this.list = list;
    for (const l of list) this.parent.set(l.code, l.parent);
    for (const l of list) {
      if (l.parent === null || !this.parent.has(l.parent)) continue;
      const siblings = this.kids.get(l.parent);
      if (siblings) siblings.push(l.code);
      else this.kids.set(l.parent, [l.code]);
    }
  }

  has(code: string): boolean {
    return this.parent.has(code);
  }

  get size(): number {
    return this.list.length;
  }

  /** The roots (no parent): in the default list, the countries. */
  roots(): string[] {
    return this.list.filter((l) => l.parent === null || !this.parent.has(l.parent)).map((l) => l.code);
  }

  /** The code itself, then its parent, up to its root. Lists are validated loop-free; a loop still stops. */
  lineage(code: string): readonly string[] {
    const cached = this.chains.get(code);
    if (cached) return cached;
    const chain: string[] = [];
    for (let at: string | null | undefined = code; at && this.parent.has(at); at = this.parent.get(at)) {
      if (chain.includes(at)) break;
      chain.push(at);
    }
    this.chains.set(code, chain);
    return chain;
  }

  /** Direct children, in the list's order. */
  children(code: string): readonly string[] {
    return this.kids.get(code) ?? [];
  }

  /** True when `code` is `scope` or lies under it; a null scope covers everything. */
  within(code: string, scope: string | null): boolean {
    return scope === null || this.lineage(code).includes(scope);
  }
}
