// JavaScript size budgets of SPEC §11, gzip at level 9 (what a well-configured server sends):
//   (a) the first screen: `/` loaded in real Chromium from the production server on a fresh profile, every
//       script the page fetches until the network is idle — the boot chunk, its imports, the language, the
//       Home screen, workbox-window and whatever starts after the first paint (sync). The service worker's
//       own script and its precache downloads are not the page's and are left out;
//   (b) the whole app: every .js file in dist/, sw.js included.
// Alone: `npx vite build && npx tsx bench/size.ts`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants, gzipSync } from 'node:zlib';
import { launch, waitForServiceWorker } from '../test/helpers/browser';
import { DIST, startServer } from '../test/helpers/e2e-server';

export interface BenchRow {
  what: string;
  value: number;
  unit: string;
  budget: string;
  ok: boolean;
}

const FIRST_SCREEN_KIB = 75;
const ALL_JS_KIB = 150;

const gzipBytes = (body: Buffer) => gzipSync(body, { level: constants.Z_BEST_COMPRESSION }).length;
const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function filesEndingWith(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name));
}

/** What `/` makes the page download: url → gzip bytes. */
async function firstScreen(): Promise<Map<string, number>> {
  const server = await startServer();
  const session = await launch();
  try {
    const { page } = session;
    const sizes = new Map<string, number>();
    const pending: Array<Promise<void>> = [];
    page.on('response', (res) => {
      const type = res.headers()['content-type'] ?? '';
      if (res.request().resourceType() !== 'script' && !type.includes('javascript')) return;
      pending.push(
        res.body().then(
          (body) => void sizes.set(new URL(res.url()).pathname, gzipBytes(body)),
          () => undefined,
        ),
      );
    });
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    // The worker installs after the first paint; anything the page loads meanwhile counts too.
    await waitForServiceWorker(page);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    return sizes;
  } finally {
    await session.close();
    await server.stop();
  }
}

export default async function benchSize(): Promise<BenchRow[]> {
  const all = filesEndingWith(DIST, '.js').map(
    (file) => [relative(DIST, file), gzipBytes(readFileSync(file))] as const,
  );
  if (all.length === 0) throw new Error(`no JavaScript in ${DIST}: run \`npx vite build\` first`);
  const allTotal = all.reduce((sum, [, n]) => sum + n, 0);

  const first = await firstScreen();
  const firstTotal = [...first.values()].reduce((sum, n) => sum + n, 0);

  // The breakdown says where to look when a budget is missed.
  console.log('\nFirst screen JavaScript (gzip):');
  for (const [url, n] of [...first].sort((a, b) => b[1] - a[1]))
    console.log(`  ${kib(n).toFixed(1)} KiB  ${url}`);
  // Translations are not JavaScript when they ship as JSON; say how much they weigh either way.
  const strings = [...filesEndingWith(DIST, '.js'), ...filesEndingWith(DIST, '.json')]
    .filter((file) => /(^|\/)translation-[^/]*\.(js|json)$/.test(file))
    .map((file) => gzipBytes(readFileSync(file)));
  const stringsTotal = strings.reduce((sum, n) => sum + n, 0);
  console.log(`Translations (${strings.length} languages): ${kib(stringsTotal).toFixed(1)} KiB gzip in all.`);
  console.log('Largest JavaScript files in dist (gzip):');
  for (const [file, n] of [...all].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
    console.log(`  ${kib(n).toFixed(1)} KiB  ${file}`);
  }

  return [
    {
      what: `JavaScript for the first screen, gzip (${first.size} files)`,
      value: kib(firstTotal),
      unit: 'KiB',
      budget: `≤ ${FIRST_SCREEN_KIB} KiB`,
      ok: firstTotal <= FIRST_SCREEN_KIB * 1024,
    },
    {
      what: `all JavaScript of the app, gzip (${all.length} files)`,
      value: kib(allTotal),
      unit: 'KiB',
      budget: `≤ ${ALL_JS_KIB} KiB`,
      ok: allTotal <= ALL_JS_KIB * 1024,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchSize());
}
