// Lighthouse 12, mobile, performance only, of the production build served by the real server: a cold first
// visit (Lighthouse resets storage) on an emulated mid-range phone with simulated slow 4G.
// SPEC §11 sets no Lighthouse budget: the figures are printed for the record, beside Lighthouse's own "good"
// marks (score ≥ 90, FCP ≤ 1.8 s, LCP ≤ 2.5 s, TBT ≤ 200 ms) for reference; they do not fail the bench.
// Alone: `npx vite build && npx tsx bench/lighthouse.ts`.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import lighthouse from 'lighthouse';

/** Not a budget of SPEC §11: Lighthouse's own "good" mark, for reference. */
const good = (mark: string) => `none (Lighthouse "good": ${mark})`;

import { screenEmulationMetrics } from 'lighthouse/core/config/constants.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/browser';
import { freePort, startServer } from '../test/helpers/e2e-server';
import type { BenchRow } from './size';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Chromium with a DevTools port for Lighthouse to drive, on a throw-away profile. */
async function startChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'pelita-lighthouse-'));
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`Chromium (${CHROMIUM_PATH}) did not open its DevTools port ${port}`);
    }
    await sleep(100);
  }
  return {
    port,
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, sleep(5_000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export default async function benchLighthouse(): Promise<BenchRow[]> {
  const server = await startServer();
  const chromium = await startChromium();
  try {
    const result = await lighthouse(`${server.url}/`, {
      port: chromium.port,
      hostname: '127.0.0.1',
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      formFactor: 'mobile',
      screenEmulation: screenEmulationMetrics.mobile,
      throttlingMethod: 'simulate',
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no result');
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const score = Math.round((lhr.categories.performance?.score ?? 0) * 100);
    const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);
    const fcp = ms('first-contentful-paint');
    const lcp = ms('largest-contentful-paint');
    const tbt = ms('total-blocking-time');
    return [
      { what: 'Lighthouse performance, mobile', value: score, unit: '/100', budget: good('≥ 90'), ok: true },
      {
        what: 'First Contentful Paint (Lighthouse)',
        value: fcp,
        unit: 'ms',
        budget: good('≤ 1800 ms'),
        ok: true,
      },
      {
        what: 'Largest Contentful Paint (Lighthouse)',
        value: lcp,
        unit: 'ms',
        budget: good('≤ 2500 ms'),
        ok: true,
      },
      {
        what: 'Total Blocking Time (Lighthouse)',
        value: tbt,
        unit: 'ms',
        budget: good('≤ 200 ms'),
        ok: true,
      },
    ];
  } finally {
    await chromium.stop();
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchLighthouse());
}
