// What the console reads beside the store's interface (server/store.ts): which device reported which
// (period, location), and when, for completeness. The store keeps sums, not this; reading the reports table
// here keeps the addition small and in one place (a PostgreSQL store needs the same two queries).
import type { Db } from '../db';

export interface ReportRow {
  deviceId: string;
  period: string;
  orgUnit: string;
  receivedAt: string;
}

export function createSource(db: Db) {
  const reports = db.prepare<
    [string, string],
    { device_id: string; period: string; org_unit: string; received_at: string }
  >('SELECT device_id, period, org_unit, received_at FROM reports WHERE period BETWEEN ? AND ?');
  const lastReceived = db.prepare<[], { device_id: string; at: string }>(
    'SELECT device_id, max(received_at) AS at FROM reports GROUP BY device_id',
  );

  const places = db.prepare<[], { device_id: string; org_unit: string }>(
    'SELECT DISTINCT device_id, org_unit FROM reports',
  );

  return {
    /** Every location each device has reported for (its reports the sums still hold). */
    placesOf(): Map<string, string[]> {
      const out = new Map<string, string[]>();
      for (const r of places.all()) out.set(r.device_id, [...(out.get(r.device_id) ?? []), r.org_unit]);
      return out;
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
  };
}
export type Source = ReturnType<typeof createSource>;
