// Rows as both stores read them (the same columns in SQLite and PostgreSQL), and the pure cell arithmetic
// of a report replace, so each store only holds its SQL.
import { canonicalDisaggregation, type ReportBody } from '../src/sync/protocol';
import type { AccountRecord, CodeInfo, DeviceInfo, PushEntry, ReportRow, Role } from './store';

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

export interface AccountRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  scope: string | null;
  created_at: string;
}
export const toAccount = (r: AccountRow): AccountRecord => ({
  id: Number(r.id),
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role,
  scope: r.scope,
  createdAt: r.created_at,
});

export interface PushRow {
  id: number;
  at: string;
  account: string;
  period: string;
  org_unit: string;
  dry_run: number;
  ok: number;
  summary: string;
  sent: string | null;
}
export const toPush = (r: PushRow): PushEntry & { id: number } => ({
  id: Number(r.id),
  at: r.at,
  account: r.account,
  period: r.period,
  orgUnit: r.org_unit,
  dryRun: r.dry_run === 1,
  ok: r.ok === 1,
  summary: r.summary,
  sent: r.sent,
});
/** The push log's columns in insert order, from an entry. */
export const pushColumns = (e: PushEntry) =>
  [e.at, e.account, e.period, e.orgUnit, e.dryRun ? 1 : 0, e.ok ? 1 : 0, e.summary, e.sent] as const;

export interface ReportPlaceRow {
  device_id: string;
  period: string;
  org_unit: string;
  received_at: string;
}
export const toReportRow = (r: ReportPlaceRow): ReportRow => ({
  deviceId: r.device_id,
  period: r.period,
  orgUnit: r.org_unit,
  receivedAt: r.received_at,
});

/** Groups (device, location) rows into each device's locations. */
export function placesByDevice(
  rows: readonly { device_id: string; org_unit: string }[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.device_id);
    if (list) list.push(r.org_unit);
    else out.set(r.device_id, [r.org_unit]);
  }
  return out;
}
