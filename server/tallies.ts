// GET /api/v1/tallies: the sum over every device's latest report for exactly one (period, orgUnit), as JSON
// or, for `Accept: text/csv`, as a long-format CSV with one column per breakdown. The server does not know
// the location hierarchy, so `KH` does not include `KH-12` (see README).
import type { FastifyInstance } from 'fastify';
import { type Cell, tallyQuery } from '../src/sync/protocol';
import { DISAGGREGATION_KEYS } from '../src/tally/indicators';
import { type ApiDeps, authenticate } from './api';
import { toIssues } from './errors';

/** True when the client asks for CSV and does not prefer JSON (a browser's default is JSON). */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const q = (type: string) => {
    for (const part of accept.toLowerCase().split(',')) {
      const [media, ...params] = part.split(';').map((s) => s.trim());
      if (media !== type) continue;
      const qp = params.find((p) => p.startsWith('q='));
      return qp ? Number(qp.slice(2)) || 0 : 1;
    }
    return -1;
  };
  const csv = q('text/csv');
  return csv > 0 && csv >= q('application/json');
}

/** Every field is a validated code, so none can start a formula; quoting still keeps any comma harmless. */
const field = (s: string | number) => {
  const text = String(s);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function tallyCsv(period: string, orgUnit: string, values: Cell[]): string {
  const header = ['period', 'orgUnit', 'indicator', ...DISAGGREGATION_KEYS, 'value'];
  const rows = values.map((v) =>
    [period, orgUnit, v.indicator, ...DISAGGREGATION_KEYS.map((k) => v.disaggregation[k] ?? ''), v.value]
      .map(field)
      .join(','),
  );
  // A byte-order mark, as in the app's exports (SPEC §7), so Excel reads the file as UTF-8.
  return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

export function registerTallies(app: FastifyInstance, deps: ApiDeps) {
  app.get('/api/v1/tallies', { onRequest: authenticate(deps, { admin: true }) }, async (req, reply) => {
    const query = tallyQuery.safeParse(req.query);
    if (!query.success)
      return reply.code(400).send({ error: 'invalid_query', issues: toIssues(query.error) });
    const { period, orgUnit } = query.data;
    const tally = deps.store.tally(period, orgUnit);
    const vary = reply.getHeader('Vary');
    reply.header('Cache-Control', 'no-store').header('Vary', vary ? `${vary}, Accept` : 'Accept');
    if (wantsCsv(req.headers.accept)) {
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="pelita-${period}-${orgUnit}.csv"`)
        .send(tallyCsv(period, orgUnit, tally.values));
    }
    return { period, orgUnit, devices: tally.devices, values: tally.values };
  });
}
