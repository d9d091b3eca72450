// The console's numbers: the location tree an account may see, a month's (or a range's) tallies with one
// row per child location, the 12-month trend, the CSV, and completeness. Every route checks that the location
// asked lies inside the account's subtree (403 out_of_scope otherwise), so a coordinator reads and exports
// only their own area, whatever the page does.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { toCsv } from '../../src/export/csv';
import type { LocationTree } from '../../src/locations/locations';
import { orgUnit, period } from '../../src/sync/protocol';
import { publishTables } from '../../src/tally/publish';
import type { DataValue } from '../../src/tally/tally';
import { toIssues } from '../errors';
import type { Store, Tally } from '../store';
import { completeness } from './completeness';
import { labeller } from './labels';
import {
  addTotals,
  childRows,
  inScope,
  monthsBetween,
  shiftMonth,
  subtree,
  sumCells,
  type Totals,
  totalsOf,
} from './rollup';
import { requireAccount } from './session';

export interface TallyDeps {
  store: Store;
  tree: () => LocationTree;
}

/** A range longer than this is refused: a multi-year CSV belongs to a script reading the API month by month. */
const MAX_MONTHS = 36;

const rangeQuery = z
  .object({ from: period, to: period, orgUnit })
  .check(z.refine((q) => q.from <= q.to, { message: 'console.errors.range', path: ['to'] }));
const csvQuery = z.extend(rangeQuery, {
  lang: z.optional(z.string()),
  suppress: z.optional(z.enum(['true', 'false'])),
});
const monthQuery = z.object({ period, orgUnit });

function checked<T extends { orgUnit: string }>(
  schema: z.ZodMiniType<T>,
  req: FastifyRequest,
  reply: FastifyReply,
  tree: LocationTree,
): T | null {
  const q = schema.safeParse(req.query);
  if (!q.success) {
    reply.code(400).send({ error: 'invalid_query', issues: toIssues(q.error) });
    return null;
  }
  if (!tree.has(q.data.orgUnit)) {
    reply.code(404).send({ error: 'unknown_location' });
    return null;
  }
  if (!inScope(tree, req.account!.scope, q.data.orgUnit)) {
    reply.code(403).send({ error: 'out_of_scope' });
    return null;
  }
  return q.data;
}

const valuesOf = (t: Tally, period: string): DataValue[] =>
  t.values.map((v) => ({
    period,
    orgUnit: t.orgUnit,
    indicator: v.indicator,
    disaggregation: v.disaggregation as Record<string, string>,
    value: v.value,
  }));

export function registerTallyRoutes(app: FastifyInstance, { store, tree }: TallyDeps) {
  const signedIn = { preHandler: requireAccount() };

  /** Each month of the range for `root` (its whole subtree, from the store's kept sums): what a CSV lists. */
  const monthly = async (root: string, months: string[]) => {
    const out: DataValue[] = [];
    for (const m of months) out.push(...valuesOf((await store.tallies(m, [root]))[0]!, m));
    return out;
  };
  /** The range as one table for `root`, and each direct child's totals over it. */
  const ranged = async (root: string, months: string[], t: LocationTree) => {
    const children = t.childrenOf(root).map((c) => c.code);
    const childTotals = new Map<string, Totals>(children.map((c) => [c, {}]));
    const all: DataValue[] = [];
    for (const m of months) {
      const [own, ...kids] = await store.tallies(m, [root, ...children]);
      all.push(...valuesOf(own!, m));
      for (const k of kids) addTotals(childTotals.get(k.orgUnit)!, totalsOf(valuesOf(k, m)));
    }
    const period = months.length === 1 ? months[0]! : `${months[0]}_${months.at(-1)}`;
    const values = sumCells(all, new Set([root]), root, period);
    return { values, children: [...childTotals].map(([orgUnit, totals]) => ({ orgUnit, totals })) };
  };

  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/console/api/')) reply.header('Cache-Control', 'no-store');
  });

  app.get('/console/api/locations', signedIn, async (req) => {
    const t = tree();
    const scope = req.account!.scope;
    const roots = scope === null ? t.roots.map((l) => l.code) : [scope];
    const list = roots.flatMap((r) => [t.get(r)!, ...t.descendantsOf(r)]).filter(Boolean);
    return { roots, locations: list.map((l) => ({ code: l.code, name: l.name, parent: l.parent })) };
  });

  app.get('/console/api/tallies', signedIn, async (req, reply) => {
    const t = tree();
    const q = checked(rangeQuery, req, reply, t);
    if (!q) return reply;
    const months = monthsBetween(q.from, q.to);
    if (months.length > MAX_MONTHS) return reply.code(400).send({ error: 'range_too_long', max: MAX_MONTHS });
    // The change is against the same number of months just before (for one month: the month before).
    const before = months.map((m) => shiftMonth(m, -months.length));
    const now = await ranged(q.orgUnit, months, t);
    const previous = await ranged(q.orgUnit, before, t);
    const reporting = new Set(
      (await store.console.reportsBetween(months[0]!, months.at(-1)!))
        .filter((r) => subtree(t, q.orgUnit).has(r.orgUnit))
        .map((r) => r.deviceId),
    );
    return {
      from: q.from,
      to: q.to,
      orgUnit: q.orgUnit,
      devices: reporting.size,
      current: now.values,
      previous: previous.values,
      children: childRows(t, q.orgUnit, totalsOf(now.values), now.children),
    };
  });

  app.get('/console/api/trend', signedIn, async (req, reply) => {
    const t = tree();
    const q = checked(monthQuery, req, reply, t);
    if (!q) return reply;
    const months = monthsBetween(shiftMonth(q.period, -11), q.period);
    const values = await monthly(q.orgUnit, months);
    return {
      orgUnit: q.orgUnit,
      months: months.map((m) => ({ period: m, totals: totalsOf(values.filter((v) => v.period === m)) })),
    };
  });

  app.get('/console/api/tallies.csv', signedIn, async (req, reply) => {
    const t = tree();
    const q = checked(csvQuery, req, reply, t);
    if (!q) return reply;
    const months = monthsBetween(q.from, q.to);
    if (months.length > MAX_MONTHS) return reply.code(400).send({ error: 'range_too_long', max: MAX_MONTHS });
    const values = await monthly(q.orgUnit, months);
    // The same rules as the app's shared export (export/downloads.ts csvText): every breakdown published as
    // its tables, small counts of children hidden unless asked otherwise.
    const rows = publishTables(values, { suppress: q.suppress !== 'false' });
    const text = toCsv(rows, { label: labeller(q.lang), orgUnitName: (code) => t.nameOf(code) });
    const safe = q.orgUnit.replace(/[^A-Za-z0-9-]+/g, '_');
    const name = `pelita-${safe}-${q.from === q.to ? q.from : `${q.from}_${q.to}`}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${name}"`)
      .send(text);
  });

  app.get('/console/api/completeness', signedIn, async (req, reply) => {
    const t = tree();
    const q = checked(monthQuery, req, reply, t);
    if (!q) return reply;
    return completeness({
      tree: t,
      orgUnit: q.orgUnit,
      period: q.period,
      devices: await store.devices(),
      recent: await store.console.reportsBetween(shiftMonth(q.period, -11), q.period),
      lastReceived: await store.console.lastReceived(),
    });
  });
}
