// Storage figures of SPEC §11 in real Chromium with 100,000 records on the device: one month's tally
// (≤ 100 ms) and saving one record (≤ 20 ms median). Runnable alone: npx tsx bench/db.ts
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { launch } from '../test/helpers/browser';

const OUT = resolve(import.meta.dirname, 'out/page');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

type Row = { what: string; value: number; unit: string; budget: string; ok: boolean };

export default async function benchDb(records = 100_000): Promise<Row[]> {
  await build({ configFile: resolve(import.meta.dirname, 'vite.bench.config.ts') });
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] === '/' ? '/index.html' : (req.url ?? '').split('?')[0]!;
    try {
      const body = await readFile(join(OUT, path.replace(/\.\.+/g, '')));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const session = await launch();
  try {
    const { page } = session;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('body[data-ready="true"]');
    type Bench = {
      seed(n: number): Promise<number>;
      monthTally(p: string): Promise<{ first: number; median: number; max: number; values: number }>;
      saves(): Promise<{ median: number; max: number }>;
    };
    const stored = await page.evaluate(
      (n) => (window as unknown as { pelitaBench: Bench }).pelitaBench.seed(n),
      records,
    );
    const tallied = await page.evaluate(() =>
      (window as unknown as { pelitaBench: Bench }).pelitaBench.monthTally('2025-06'),
    );
    const saved = await page.evaluate(() =>
      (window as unknown as { pelitaBench: Bench }).pelitaBench.saves(),
    );
    const round = (x: number) => Math.round(x * 10) / 10;
    return [
      {
        what: 'records on the device',
        value: stored,
        unit: 'records',
        budget: '100,000',
        ok: stored >= 100_000,
      },
      {
        what: 'first count of a month from its records (once, after a bulk import)',
        value: round(tallied.first),
        unit: 'ms',
        budget: '—',
        ok: true,
      },
      {
        what: `one month's tally, whole area (${tallied.values} values)`,
        value: round(tallied.median),
        unit: 'ms median',
        budget: '≤ 100 ms',
        ok: tallied.median <= 100,
      },
      {
        what: 'save one record (case)',
        value: round(saved.median),
        unit: 'ms median',
        budget: '≤ 20 ms',
        ok: saved.median <= 20,
      },
    ];
  } finally {
    await session.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchDb())
    console.log(`${row.what}: ${row.value} ${row.unit} (budget ${row.budget}) ${row.ok ? 'ok' : 'OVER'}`);
}
