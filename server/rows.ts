// Rows as both stores read them (the same columns in SQLite and PostgreSQL), and the pure cell arithmetic
// of a report replace, so each store only holds its SQL.
import { canonicalDisaggregation, type ReportBody } from '../src/sync/protocol';
import type { CodeInfo, DeviceInfo } from './store';

/** A stored cell: [indicator, canonical disaggregation JSON, value]. */
export type StoredCell = [string, string, number];

export interface DeviceRow {
  id: string;
  label: string;
  scope: string | null;
  enrolled_at: string;
  last_heard_at: string | null;
  app_version: string | null;
  pending: number | null;
  oldest_pending_period: string | null;
  synced_at: string | null;
  pairs: number;
  retired_at: string | null;
  numbers: 'kept' | 'removed' | null;
  absorbed_by: string | null;
  install_key_hash: Buffer | null;
}

export const toDevice = (r: DeviceRow): DeviceInfo => ({
  deviceId: r.id,
  label: r.label,
  scope: r.scope,
  enrolledAt: r.enrolled_at,
  lastHeardAt: r.last_heard_at,
  appVersion: r.app_version,
  pending: r.pending,
  oldestPendingPeriod: r.oldest_pending_period,
  syncedAt: r.synced_at,
  pairs: r.pairs,
  retiredAt: r.retired_at,
  numbers: r.numbers,
  absorbedBy: r.absorbed_by,
});

export interface CodeRow {
  id: string;
  label: string;
  org_unit: string | null;
  expires_at: string | null;
  max_uses: number | null;
  uses: number;
  created_at: string;
  revoked_at: string | null;
}
export const toCode = (r: CodeRow): CodeInfo => ({
  id: r.id,
  label: r.label,
  orgUnit: r.org_unit,
  expiresAt: r.expires_at,
  maxUses: r.max_uses,
  uses: r.uses,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

const key = (indicator: string, disaggregation: string) => `${indicator}\u0000${disaggregation}`;

/** new − old, cell by cell, leaving out cells whose count did not change. */
export function cellDelta(old: readonly StoredCell[], next: readonly StoredCell[]): StoredCell[] {
  const d = new Map<string, StoredCell>();
  for (const [i, g, v] of old) d.set(key(i, g), [i, g, -v]);
  for (const [i, g, v] of next) {
    const k = key(i, g);
    const had = d.get(k);
    if (had) had[2] += v;
    else d.set(k, [i, g, v]);
  }
  return [...d.values()].filter((c) => c[2] !== 0);
}

export function storedCells(report: ReportBody): StoredCell[] {
  // Zero cells may be left out by the device (SPEC §6); storing them would only bloat the sums.
  return report.values
    .filter((c) => c.value > 0)
    .map((c) => [c.indicator, canonicalDisaggregation(c.disaggregation), c.value]);
}
