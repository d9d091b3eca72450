// Reporting completeness for a month and a location (SPEC §12), pure: which devices are expected there, which
// have reported, which are silent and since when, which still hold months they have not sent. A device is
// expected at a location when its enrolment scope lies inside it, or (enrolled for a wider area) when it has
// reported inside it in the last twelve months. Retired devices are expected nowhere.
import type { LocationTree } from '../../src/locations/locations';
import type { DeviceInfo, ReportRow } from '../store';
import { inScope, subtree } from './rollup';

export interface DeviceCompleteness {
  id: string;
  label: string;
  /** The child location of the one asked that the device belongs to; null: the location itself. */
  child: string | null;
  reported: boolean;
  /** Last time the server heard from the device (a report or a status); null: never. */
  lastHeardAt: string | null;
  /** Months the device says it still has to send (its last status); null when it never said. */
  pending: number | null;
  oldestPendingPeriod: string | null;
  appVersion: string | null;
}

export interface ChildCompleteness {
  orgUnit: string;
  name: string;
  expected: number;
  reported: number;
}

export interface Completeness {
  period: string;
  orgUnit: string;
  expected: number;
  reported: number;
  devices: DeviceCompleteness[];
  children: ChildCompleteness[];
}

const later = (a: string | null, b: string | null | undefined) => (!a ? (b ?? null) : !b || a > b ? a : b);

export function completeness(input: {
  tree: LocationTree;
  orgUnit: string;
  period: string;
  devices: readonly DeviceInfo[];
  /** Report rows of the twelve months up to `period`. */
  recent: readonly ReportRow[];
  lastReceived: ReadonlyMap<string, string>;
}): Completeness {
  const { tree, orgUnit, period } = input;
  const area = subtree(tree, orgUnit);
  const children = tree.childrenOf(orgUnit);
  const childOf = (code: string) => children.find((c) => inScope(tree, c.code, code))?.code ?? null;

  const seenIn = new Map<string, Set<string>>();
  const reportedNow = new Set<string>();
  for (const r of input.recent) {
    if (!area.has(r.orgUnit)) continue;
    const places = seenIn.get(r.deviceId) ?? new Set<string>();
    seenIn.set(r.deviceId, places.add(r.orgUnit));
    if (r.period === period) reportedNow.add(r.deviceId);
  }

  const devices: DeviceCompleteness[] = [];
  for (const d of input.devices) {
    // Retired or taken over by another installation: its months are no longer expected from it.
    if (d.retiredAt || d.absorbedBy) continue;
    const scoped = d.scope !== null && area.has(d.scope);
    const places = seenIn.get(d.deviceId);
    if (!scoped && !places) continue;
    // Scoped inside: its scope says where it belongs; otherwise where it reported (its first place, sorted).
    const home = scoped ? d.scope! : [...places!].sort()[0]!;
    devices.push({
      id: d.deviceId,
      label: d.label,
      child: home === orgUnit ? null : childOf(home),
      reported: reportedNow.has(d.deviceId),
      lastHeardAt: later(d.lastHeardAt, input.lastReceived.get(d.deviceId)),
      pending: d.pending,
      oldestPendingPeriod: d.oldestPendingPeriod,
      appVersion: d.appVersion,
    });
  }
  devices.sort((a, b) => Number(a.reported) - Number(b.reported) || a.label.localeCompare(b.label, 'en'));

  return {
    period,
    orgUnit,
    expected: devices.length,
    reported: devices.filter((d) => d.reported).length,
    devices,
    children: children.map((c) => {
      const mine = devices.filter((d) => d.child === c.code);
      return {
        orgUnit: c.code,
        name: c.name,
        expected: mine.length,
        reported: mine.filter((d) => d.reported).length,
      };
    }),
  };
}
