// DHIS2 from the console (SPEC §12, §14): the address and personal access token are set by an administrator
// of every location (the token is kept here and never sent back); the mapping is the deployment's
// (PUT /api/v1/admin/config) or the app's own, checked before every push, with every indicator it leaves out
// listed. A push sends one month of a subtree, each location with its own numbers (DHIS2 adds them up its own
// hierarchy), as a dry run first; the import must follow a good dry run of the same month and place. Each
// push and DHIS2's answer go into the push log; an import's values are kept so the next one sends an explicit
// zero where a count fell to zero. A repeat is harmless: DHIS2 updates or ignores what it already holds.
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { DEFAULT_MAPPING, parseMapping, toDataValueSet } from '../../src/export/dhis2';
import type { LocationTree } from '../../src/locations/locations';
import { canonicalDisaggregation, orgUnit, period } from '../../src/sync/protocol';
import type { DataValue } from '../../src/tally/tally';
import { toIssues } from '../errors';
import type { Store } from '../store';
import { pushDataValueSet } from './dhis2-client';
import { inScope } from './rollup';
import { requireAccount } from './session';

const settingsBody = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: 'console.errors.dhis2Url' }),
  token: z.optional(z.string().check(z.trim(), z.minLength(10), z.maxLength(200))),
});
const pushBody = z.object({ period, orgUnit, dryRun: z.boolean() });

/** An import must follow a good dry run of the same month and place within this time. */
const DRY_RUN_VALID_MS = 60 * 60_000;

export interface Dhis2Deps {
  store: Store;
  tree: () => LocationTree;
  /** For tests: how long DHIS2 may take. */
  timeoutMs?: number;
}

export function registerDhis2Routes(app: FastifyInstance, { store, tree, ...deps }: Dhis2Deps) {
  // PELITA_DHIS2_TIMEOUT_MS: how long a push waits for DHIS2 (default 30 s).
  const timeoutMs = deps.timeoutMs ?? (Number(process.env.PELITA_DHIS2_TIMEOUT_MS) || undefined);
  const data = store.console;
  const admin = { preHandler: requireAccount({ admin: true }) };

  const mapping = () => {
    const own = store.config().dhis2Mapping;
    return own ? parseMapping(own) : ({ success: true, data: DEFAULT_MAPPING } as const);
  };

  /** Each location of `root`'s subtree with its own numbers: its roll-up less its children's. */
  async function ownValues(p: string, root: string): Promise<DataValue[]> {
    const t = tree();
    const codes = [root, ...t.descendantsOf(root).map((l) => l.code)];
    const rollups = new Map((await store.tallies(p, codes)).map((x) => [x.orgUnit, x.values]));
    const out: DataValue[] = [];
    for (const code of codes) {
      const cells = new Map<string, DataValue>();
      for (const c of rollups.get(code) ?? []) {
        const d = c.disaggregation as Record<string, string>;
        cells.set(`${c.indicator}|${canonicalDisaggregation(d)}`, {
          period: p,
          orgUnit: code,
          indicator: c.indicator,
          disaggregation: d,
          value: c.value,
        });
      }
      for (const child of t.childrenOf(code)) {
        for (const c of rollups.get(child.code) ?? []) {
          const cell = cells.get(`${c.indicator}|${canonicalDisaggregation(c.disaggregation)}`);
          if (cell) cell.value -= c.value;
        }
      }
      out.push(...[...cells.values()].filter((c) => c.value > 0));
    }
    return out;
  }

  app.get('/console/api/dhis2', admin, async (req) => {
    const s = await data.dhis2Settings();
    const m = mapping();
    const scope = req.account!.scope;
    return {
      baseUrl: s?.baseUrl ?? null,
      tokenSaved: !!s?.token,
      canConfigure: scope === null,
      mappingIssues: m.success ? [] : toIssues(m.error),
      log: (await data.pushLog(200))
        .filter((r) => inScope(tree(), scope, r.orgUnit))
        .slice(0, 50)
        .map(({ summary, sent: _, ...r }) => ({ ...r, ...JSON.parse(summary) })),
    };
  });

  app.put('/console/api/dhis2', admin, async (req, reply) => {
    // One DHIS2 for the deployment: only an administrator of every location sets it.
    if (req.account!.scope !== null) return reply.code(403).send({ error: 'out_of_scope' });
    const body = settingsBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid_body', issues: toIssues(body.error) });
    const token = body.data.token ?? (await data.dhis2Settings())?.token;
    if (!token) return reply.code(400).send({ error: 'token_required' });
    await data.saveDhis2Settings({ baseUrl: body.data.baseUrl, token, updatedAt: new Date().toISOString() });
    req.log.info({ by: req.account!.id }, 'DHIS2 settings saved');
    return { baseUrl: body.data.baseUrl, tokenSaved: true };
  });

  app.post('/console/api/dhis2/push', admin, async (req, reply) => {
    const body = pushBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid_body', issues: toIssues(body.error) });
    const { period: p, orgUnit: root, dryRun } = body.data;
    const t = tree();
    if (!t.has(root)) return reply.code(404).send({ error: 'unknown_location' });
    if (!inScope(t, req.account!.scope, root)) return reply.code(403).send({ error: 'out_of_scope' });
    const settings = await data.dhis2Settings();
    if (!settings) return reply.code(409).send({ error: 'dhis2_not_configured' });
    const m = mapping();
    if (!m.success) return reply.code(409).send({ error: 'mapping_invalid', issues: toIssues(m.error) });
    if (!dryRun) {
      const dry = await data.lastGoodPush(p, root, true);
      if (!dry || Date.now() - Date.parse(dry.at) > DRY_RUN_VALID_MS)
        return reply.code(409).send({ error: 'dry_run_first' });
    }
    const current = await ownValues(p, root);
    const before = (await data.lastGoodPush(p, root, false))?.sent;
    const previous = before ? (JSON.parse(before) as DataValue[]) : [];
    const { payload, unmapped } = toDataValueSet(current, previous, m.data);
    const result = await pushDataValueSet(settings.baseUrl, settings.token, payload, { dryRun, timeoutMs });
    const summary = {
      cells: payload.dataValues.length,
      unmapped,
      error: result.ok ? null : result.error,
      httpStatus: result.ok ? 200 : (result.httpStatus ?? null),
      status: result.summary?.status ?? null,
      importCount: result.summary?.importCount ?? null,
      conflicts: (result.summary?.conflicts ?? []).slice(0, 100),
    };
    await data.logPush({
      at: new Date().toISOString(),
      account: req.account!.username,
      period: p,
      orgUnit: root,
      dryRun,
      ok: result.ok,
      summary: JSON.stringify(summary),
      sent: result.ok && !dryRun ? JSON.stringify(current) : null,
    });
    req.log.info({ period: p, orgUnit: root, dryRun, ok: result.ok, error: summary.error }, 'DHIS2 push');
    return reply.code(result.ok ? 200 : 502).send({ ok: result.ok, dryRun, ...summary });
  });
}
