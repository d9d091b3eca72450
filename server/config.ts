// Server configuration, from environment variables (the table is in server/README.md).
import { resolve } from 'node:path';
import { MAX_CELLS } from '../src/sync/protocol';

/** The enrolment code `npm start` uses on a developer's machine when none is set (never in production). */
export const DEV_ENROLMENT_CODE = 'pelita-local';

export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: how many requests may arrive at once after a quiet spell. */
  burst: number;
}

export interface ServerConfig {
  host: string;
  port: number;
  /** Folder of the built app to serve; null serves the API alone. */
  staticDir: string | null;
  logLevel: string;
  /** SQLite file; `:memory:` works for quick experiments, but nothing survives a restart. */
  dbPath: string;
  /** `postgres://…`: the store is PostgreSQL and `dbPath` is not used. Null: SQLite. */
  databaseUrl: string | null;
  /**
   * `normal` (default): a commit does not wait for the disk (SQLite synchronous=NORMAL in WAL, PostgreSQL
   * synchronous_commit=off); `full`: it does. README "Durability" says what each can lose.
   */
  sync: 'normal' | 'full';
  /** PostgreSQL connections this process may hold open. */
  dbPoolSize: number;
  /** Open client connections (sockets) the server accepts at once; more are refused at accept. */
  maxConnections: number;
  /** Null: enrolment is refused (403) until one is configured. */
  enrolmentCode: string | null;
  /** Null: no admin access; tallies need a device token. */
  adminToken: string | null;
  /** Origins allowed to call the API from a browser; empty: same origin only. `*` allows any. */
  corsOrigins: string[];
  bodyLimit: number;
  deviceRate: RateLimit;
  enrolRate: RateLimit;
  /** (period, orgUnit) pairs one device may hold; a new pair past it is refused (422 too_many_pairs). */
  maxPairs: number;
  /** Cells one report may hold (at most the protocol's MAX_CELLS); more is refused before the full check. */
  maxCells: number;
  /** Passed to Fastify: behind a reverse proxy, the client's address comes from X-Forwarded-For. */
  trustProxy: boolean | string;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}

/** `true` trusts every proxy; otherwise a comma list of proxy addresses or CIDR ranges. */
function trustProxy(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  return raw === 'true' ? true : raw;
}

function syncMode(raw: string | undefined): 'normal' | 'full' {
  if (raw === undefined || raw === '' || raw === 'normal') return 'normal';
  if (raw === 'full') return 'full';
  throw new Error(`PELITA_SYNC must be normal or full, not "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const production = env.NODE_ENV === 'production';
  const enrolmentCode = env.PELITA_ENROLMENT_CODE || (production ? null : DEV_ENROLMENT_CODE);
  return {
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 8080),
    staticDir: env.PELITA_STATIC === '' ? null : resolve(env.PELITA_STATIC ?? 'dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    dbPath: env.PELITA_DB || '.data/pelita.sqlite',
    databaseUrl: env.PELITA_DATABASE_URL || null,
    sync: syncMode(env.PELITA_SYNC),
    dbPoolSize: positive(env, 'PELITA_DB_POOL', 10),
    maxConnections: positive(env, 'PELITA_MAX_CONNECTIONS', 1_000),
    enrolmentCode,
    adminToken: env.PELITA_ADMIN_TOKEN || null,
    corsOrigins: (env.PELITA_CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
    bodyLimit: positive(env, 'PELITA_BODY_LIMIT', 1024 * 1024),
    deviceRate: {
      perSecond: positive(env, 'PELITA_RATE_PER_S', 20),
      burst: positive(env, 'PELITA_RATE_BURST', 40),
    },
    enrolRate: {
      perSecond: positive(env, 'PELITA_ENROL_PER_MIN', 6) / 60,
      burst: positive(env, 'PELITA_ENROL_BURST', 30),
    },
    maxPairs: positive(env, 'PELITA_MAX_PAIRS', 5_000),
    maxCells: Math.min(MAX_CELLS, positive(env, 'PELITA_MAX_CELLS', MAX_CELLS)),
    trustProxy: trustProxy(env.PELITA_TRUST_PROXY),
  };
}

/** A config for tests and benchmarks: API only, quiet, everything else as in production. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...loadConfig({ NODE_ENV: 'production', PELITA_STATIC: '', LOG_LEVEL: 'silent' }), ...overrides };
}
