// Starts the real Pelita server (server/main.ts) as a child process for end-to-end tests and benchmarks:
// the built app from a dist folder, a throw-away SQLite file, a free port on 127.0.0.1. A child process (not
// an in-process Fastify) so a test can kill it like a power cut and start it again on the same port — the
// browser's origin, service worker and IndexedDB stay the same across the restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The build the tests serve: `dist/`, or `PELITA_E2E_DIST` (a helper's own build, so it does not overwrite dist/). */
export const DIST = process.env.PELITA_E2E_DIST || join(ROOT, 'dist');
/** The enrolment code the test server accepts unless `env.PELITA_ENROLMENT_CODE` says otherwise. */
export const E2E_ENROLMENT_CODE = 'pelita-e2e-enrol';

export interface StartOptions {
  /** The built app to serve; default `dist/` (built by `npm run test:e2e`); '' serves the API alone. */
  staticDir?: string;
  /** Extra environment for the server, e.g. the enrolment code. */
  env?: Record<string, string>;
  /** Keep this port (default: a free one). */
  port?: number;
  /** The SQLite file; default a new one in a temp folder, removed by `stop()`. */
  dbFile?: string;
  /** Fastify's log level; default `warn`, so test output stays readable. */
  logLevel?: string;
}

export interface E2eServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  dbFile: string;
  /** What the server printed so far (stdout and stderr), for failure messages. */
  logs(): string;
  /** The running child process (undefined while stopped). */
  child(): ChildProcess | undefined;
  /** Kills the process at once (SIGKILL by default): no graceful shutdown, like a crash. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port with the same database (and `env` merged over the first one). */
  restart(env?: Record<string, string>): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL) and removes the temp database folder. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

export async function startServer(options: StartOptions = {}): Promise<E2eServer> {
  const staticDir = options.staticDir ?? DIST;
  if (staticDir !== '' && !existsSync(join(staticDir, 'sw.js'))) {
    throw new Error(
      `no production build in ${staticDir}: run \`npx vite build\` first (npm run test:e2e does)`,
    );
  }
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const tempDir = options.dbFile ? null : mkdtempSync(join(tmpdir(), 'pelita-e2e-db-'));
  const dbFile = options.dbFile ?? join(tempDir!, 'pelita.sqlite');
  let env = { ...options.env };
  let proc: ChildProcess | undefined;
  let output = '';

  async function launch() {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        PELITA_STATIC: staticDir,
        PELITA_DB: dbFile,
        LOG_LEVEL: options.logLevel ?? 'warn',
        PELITA_ENROLMENT_CODE: E2E_ENROLMENT_CODE,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc = child;
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`,
        );
      }
      try {
        const res = await fetch(`${url}/api/v1/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    child.kill('SIGKILL');
    throw new Error(`the server did not answer ${url}/api/v1/health within 20 s:\n${output}`);
  }

  async function kill(signal: NodeJS.Signals = 'SIGKILL') {
    const child = proc;
    if (!child) return;
    proc = undefined;
    child.kill(signal);
    await exited(child);
  }

  await launch();
  return {
    url,
    port,
    dbFile,
    logs: () => output,
    child: () => proc,
    kill,
    async restart(more) {
      await kill();
      env = { ...env, ...more };
      await launch();
    },
    async stop() {
      const child = proc;
      if (child) {
        proc = undefined;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited(child);
        clearTimeout(timer);
      }
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
