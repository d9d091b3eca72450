// A local stand-in for DHIS2's POST /api/dataValueSets (2.38–2.41, SPEC §14), enough to test the console's
// push against the documented contract: a missing or wrong token is a 302 to the login page; `dryRun=true`
// stores nothing; every identifier is read as a code (`idScheme=CODE`); an unknown data element or org unit
// is a conflict and the answer is 409 with a WebMessage wrapping the ImportSummary; a value already held is
// `ignored`, a changed one `updated`, a new one `imported`. Not DHIS2: no category combos, no periods check.
import Fastify from 'fastify';

export interface StandIn {
  url: string;
  /** Stored values: `dataElement|categoryOptionCombo|orgUnit|period` → value. */
  values: Map<string, string>;
  requests: { query: Record<string, string>; authorization: string | undefined; body: unknown }[];
  close(): Promise<void>;
}

export async function startDhis2(options: {
  token: string;
  dataElements: readonly string[];
  orgUnits: readonly string[];
}): Promise<StandIn> {
  const app = Fastify({ logger: false });
  const values = new Map<string, string>();
  const requests: StandIn['requests'] = [];
  app.get('/dhis-web-commons/security/login.action', async (_req, reply) =>
    reply.type('text/html').send('<html><body>Log in to DHIS2</body></html>'),
  );
  app.post('/api/dataValueSets', async (req, reply) => {
    const query = req.query as Record<string, string>;
    requests.push({ query, authorization: req.headers.authorization, body: req.body });
    if (req.headers.authorization !== `ApiToken ${options.token}`)
      return reply.code(302).header('Location', '/dhis-web-commons/security/login.action').send();
    const body = req.body as { dataValues?: Record<string, string>[] };
    const importCount = { imported: 0, updated: 0, ignored: 0, deleted: 0 };
    const conflicts: {
      object: string;
      objects: Record<string, string>;
      value: string;
      errorCode: string;
      property: string;
      indexes: number[];
    }[] = [];
    (body.dataValues ?? []).forEach((v, i) => {
      const bad = !options.dataElements.includes(v.dataElement ?? '')
        ? ['dataElement', v.dataElement, 'E7610']
        : !options.orgUnits.includes(v.orgUnit ?? '')
          ? ['orgUnit', v.orgUnit, 'E7612']
          : null;
      if (bad) {
        conflicts.push({
          object: String(bad[1]),
          objects: { [String(bad[0])]: String(bad[1]) },
          value: `${bad[0]} not found or not accessible: \`${bad[1]}\``,
          errorCode: String(bad[2]),
          property: String(bad[0]),
          indexes: [i],
        });
        importCount.ignored++;
        return;
      }
      const key = [v.dataElement, v.categoryOptionCombo, v.orgUnit, v.period].join('|');
      const had = values.get(key);
      if (had === v.value) importCount.ignored++;
      else if (had === undefined) importCount.imported++;
      else importCount.updated++;
      if (query.dryRun !== 'true') values.set(key, v.value!);
    });
    const status = conflicts.length ? 'WARNING' : 'SUCCESS';
    const summary = { responseType: 'ImportSummary', status, importCount, conflicts };
    if (conflicts.length)
      return reply
        .code(409)
        .send({ httpStatus: 'Conflict', httpStatusCode: 409, status: 'WARNING', response: summary });
    return { httpStatus: 'OK', httpStatusCode: 200, status: 'OK', response: summary };
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, values, requests, close: () => app.close() };
}
