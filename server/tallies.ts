// GET /api/v1/tallies: the sum over every device's latest report for a location and every location under it
// in the server's tree, read from the sums kept as reports arrive (never by scanning reports), as JSON or, for
// `Accept: text/csv`, as a long-format CSV with one column per breakdown. `children=true` adds one roll-up per
// direct child. A device reads only inside its own subtree.
import type { FastifyInstance } from 'fastify';
import { type Cell, tallyQueryFull } from '../src/sync/protocol';
import { DISAGGREGATION_KEYS } from '../src/tally/indicators';
import { type ApiDeps, authenticate, outOfScope, unknownOrgUnit } from './api';
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
    const query = tallyQueryFull.safeParse(req.query);
    if (!query.success)
      return reply.code(400).send({ error: 'invalid_query', issues: toIssues(query.error) });
    const { period, orgUnit, children } = query.data;
    const tree = deps.store.tree();
    if (!tree.has(orgUnit)) return unknownOrgUnit(reply, ['orgUnit']);
    if (!tree.within(orgUnit, req.scope)) return outOfScope(reply);
    const kids = children === 'true' ? tree.children(orgUnit) : [];
    const [tally, ...childTallies] = await deps.store.tallies(period, [orgUnit, ...kids]);
    const vary = reply.getHeader('Vary');
    reply.header('Cache-Control', 'no-store').header('Vary', vary ? `${vary}, Accept` : 'Accept');
    if (wantsCsv(req.headers.accept)) {
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="pelita-${period}-${orgUnit}.csv"`)
        .send(tallyCsv(period, orgUnit, tally!.values));
    }
    return {
      period,
      orgUnit,
      devices: tally!.devices,
      values: tally!.values,
      ...(children === 'true' ? { children: childTallies } : {}),
    };
  });
}
