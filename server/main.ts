// `npm start`: serves the built app (dist/) and the reference upstream API from one process on one port.
// `npm run server` (`--api-only`): the API alone, as on an upstream host that serves no app.
// SIGTERM/SIGINT: stop accepting connections, let requests in flight finish, close the database, exit 0.

import { hostname } from 'node:os';
import { buildServer } from './app';
import { DEV_ENROLMENT_CODE, loadConfig, type ServerConfig } from './config';

/** A shutdown that takes longer than this is stuck (a client holding a request open): give up on it. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Exits with one JSON line (pino's shape) saying why the server cannot start: no stack for an operator. */
function cannotStart(err: unknown): never {
  const e = err as { message?: string; code?: string };
  const line = {
    level: 60,
    time: Date.now(),
    pid: process.pid,
    hostname: hostname(),
    msg: 'could not start',
    reason: e?.message ?? String(err),
    code: e?.code,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  process.exit(1);
}

let config: ServerConfig;
let app: Awaited<ReturnType<typeof buildServer>>;
try {
  config = loadConfig(process.env);
  if (process.argv.includes('--api-only')) config.staticDir = null;
  // A read-only or missing database folder, a database newer than this server, PostgreSQL unreachable.
  app = await buildServer(config);
} catch (err) {
  cannotStart(err);
}
if (config.enrolmentCode === DEV_ENROLMENT_CODE) {
  app.log.warn(
    { host: config.host },
    `enrolment code is the development default "${DEV_ENROLMENT_CODE}": set PELITA_ENROLMENT_CODE before exposing this server`,
  );
}

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    app.log.error('shutdown took too long; exiting with requests still open');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  timer.unref();
  try {
    await app.close();
    app.log.info('closed');
    process.exit(0);
  } catch (err) {
    app.log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

try {
  await app.listen({ host: config.host, port: config.port });
} catch (err) {
  app.log.error({ err }, 'could not start');
  await app.close();
  process.exit(1);
}
