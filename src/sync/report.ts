// What one sync request carries: the counts of one (period, orgUnit), read from the stored tallies. Loaded
// only when there is something to send or to preview, so a device that is not enrolled never loads the tally
// code or zod at start-up.

import { pending } from '../records/outbox';
import { pairValues } from '../tally/repo';
import { type Cell, cellKey, REPORT_SCHEMA, type ReportBody } from './protocol';

/** The report for one (period, orgUnit), exactly as it will be sent. Only counts: no record, no name. */
export async function buildReport(period: string, orgUnit: string, revision: number): Promise<ReportBody> {
  const values: Cell[] = (await pairValues(period, orgUnit)).map((d) => ({
    indicator: d.indicator,
    disaggregation: d.disaggregation,
    value: d.value,
  }));
  return { schema: REPORT_SCHEMA, revision, generatedAt: new Date().toISOString(), values };
}

/** What the next sync would send, for the preview. */
export async function previewPending() {
  const rows = await pending();
  const out = [];
  for (const row of rows) out.push({ row, body: await buildReport(row.period, row.orgUnit, row.revision) });
  return out;
}

/** The stamp of the counting rules the upstream's numbers were last built under (see tally/repo.ts). */
export { currentStamp } from '../tally/repo';

/** One pair's counts as one comparable string, whatever the order of its cells. */
export async function countsOf(period: string, orgUnit: string): Promise<string> {
  const cells = (await pairValues(period, orgUnit)).map((v) => `${cellKey(v)}=${v.value}`);
  return cells.sort().join(';');
}
