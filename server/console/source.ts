// What the console reads from the server's store: the devices' latest reports, per location and month, and
// the devices themselves. Only this file knows the store's tables, so when the store changes (kept sums,
// PostgreSQL: issue 14) the console changes here and nowhere else. Sums over the location tree are done by
// rollup.ts, which is pure.

import type { IndicatorCode } from '../../src/tally/indicators';
import type { DataValue } from '../../src/tally/tally';
import type { Db } from '../db';

export interface ReportRow {
  deviceId: string;
  period: string;
  orgUnit: string;
  receivedAt: string;
}

export interface DeviceRow {
  id: string;
  label: string;
  enrolledAt: string;
  /** The location subtree the device may report in; null when it was enrolled with the bootstrap code. */
  scope: string | null;
  retiredAt: string | null;
  /** From the device's last status (SPEC §6 "Heard from"); null before the first one. */
  heardAt: string | null;
  appVersion: string | null;
  pending: number | null;
  oldestPendingPeriod: string | null;
}

const hasColumn = (db: Db, table: string, column: string) =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).some(
    (c) => c.name === column,
  );

export function createSource(db: Db) {
  const cells = db.prepare<
    [string],
    { org_unit: string; indicator: string; disaggregation: string; value: number }
  >(
    `SELECT r.org_unit, c.value ->> 0 AS indicator, c.value ->> 1 AS disaggregation, sum(c.value ->> 2) AS value
     FROM reports r, json_each(r.cells) c
     WHERE r.period = ?
     GROUP BY 1, 2, 3`,
  );
  const reports = db.prepare<
    [string, string],
    { device_id: string; period: string; org_unit: string; received_at: string }
  >('SELECT device_id, period, org_unit, received_at FROM reports WHERE period BETWEEN ? AND ?');
  const lastReceived = db.prepare<[], { device_id: string; at: string }>(
    'SELECT device_id, max(received_at) AS at FROM reports GROUP BY device_id',
  );
  // The device table grows columns as the protocol does (scope, retirement, status); read what is there.
  const optional = (column: string, as: string) =>
    hasColumn(db, 'devices', column) ? `${column} AS ${as}` : `NULL AS ${as}`;
  const devices = db.prepare<[], Record<string, string | number | null>>(
    `SELECT id, label, enrolled_at, ${optional('scope', 'scope')}, ${optional('retired_at', 'retired_at')},
       ${optional('heard_at', 'heard_at')}, ${optional('app_version', 'app_version')},
       ${optional('pending', 'pending')}, ${optional('oldest_pending_period', 'oldest_pending_period')}
     FROM devices ORDER BY label`,
  );

  return {
    /** Every location's cells for one month, summed over devices (not yet over the tree). */
    monthCells(period: string): DataValue[] {
      return cells.all(period).map((r) => ({
        period,
        orgUnit: r.org_unit,
        indicator: r.indicator as IndicatorCode,
        disaggregation: JSON.parse(r.disaggregation) as Record<string, string>,
        value: r.value,
      }));
    },
    /** Which device reported which (period, orgUnit), and when it arrived. */
    reports(from: string, to: string): ReportRow[] {
      return reports.all(from, to).map((r) => ({
        deviceId: r.device_id,
        period: r.period,
        orgUnit: r.org_unit,
        receivedAt: r.received_at,
      }));
    },
    /** When each device's last report arrived. */
    lastReceived(): Map<string, string> {
      return new Map(lastReceived.all().map((r) => [r.device_id, r.at]));
    },
    devices(): DeviceRow[] {
      return devices.all().map((r) => ({
        id: String(r.id),
        label: String(r.label),
        enrolledAt: String(r.enrolled_at),
        scope: (r.scope as string | null) ?? null,
        retiredAt: (r.retired_at as string | null) ?? null,
        heardAt: (r.heard_at as string | null) ?? null,
        appVersion: (r.app_version as string | null) ?? null,
        pending: (r.pending as number | null) ?? null,
        oldestPendingPeriod: (r.oldest_pending_period as string | null) ?? null,
      }));
    },
  };
}
export type Source = ReturnType<typeof createSource>;
