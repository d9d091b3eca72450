// Real Chromium for the end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core. Every
// `launch()` is a new browser on a new, empty profile (a persistent, not incognito, profile: Chromium treats
// incognito as not installable and gives it a small in-memory quota), removed on close.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { RECORD_KINDS } from '../../src/records/registry';
import { ROOT } from './e2e-server';

export const CHROMIUM_PATH = process.env.PELITA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const isCi = () => !!process.env.CI && !['false', '0'].includes(process.env.CI);

/**
 * `describe` for tests that need Chromium. Without it: on CI the suite FAILS with the reason (a skipped e2e
 * suite must never pass CI silently); on a developer's machine it is skipped with a message.
 */
export function describeInChromium(name: string, fn: () => void) {
  if (existsSync(CHROMIUM_PATH)) return describe(name, fn);
  const why = `Chromium is not at ${CHROMIUM_PATH} (install Debian's "chromium" or set PELITA_CHROMIUM)`;
  if (isCi()) {
    return describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${why}: the end-to-end tests cannot run on CI without it.`);
      });
    });
  }
  console.warn(`Skipping "${name}": ${why}.`);
  return describe.skip(name, fn);
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of any page in this session (a screen that throws fails the test that looks). */
  errors: string[];
  /** The profile folder (removed by `close`). */
  profile: string;
  /** Closes the browser the way a person does (Chromium writes its session files), keeping the profile. */
  quit(): Promise<void>;
  /** Kills every Chromium process of this profile at once (SIGKILL: a crash, a dead battery), keeping it. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The browser's language, e.g. `th-TH` (navigator.languages and Accept-Language). */
  locale?: string;
  viewport?: { width: number; height: number };
  /** Open this profile folder again (after `kill`), instead of a new, empty one. */
  profile?: string;
}

/**
 * What the page sees of the connection, kept true to a device's. Chromium 150's network emulation cuts the
 * network but leaves `navigator.onLine` true in a document loaded while offline (it follows changes only), and
 * so sends no `online` event when the network comes back; a real device offline says false and sends it.
 * Once a test has set the connection, the page's `onLine` and its `online`/`offline` events follow what the
 * test set (Chromium's own events are held back, so none comes twice); before that, Chromium's own.
 */
const CONNECTION_SHIM = `(() => {
  const real = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
  const set = () => typeof globalThis.__pelitaOffline === 'boolean';
  Object.defineProperty(Navigator.prototype, 'onLine', {
    configurable: true,
    enumerable: true,
    get() { return set() ? !globalThis.__pelitaOffline : real.get.call(this); },
  });
  for (const type of ['online', 'offline'])
    addEventListener(type, (e) => { if (set() && !e.pelita) e.stopImmediatePropagation(); }, true);
  globalThis.__pelitaSetOffline = (offline) => {
    const was = navigator.onLine;
    globalThis.__pelitaOffline = offline;
    if (was === offline) dispatchEvent(Object.assign(new Event(offline ? 'offline' : 'online'), { pelita: true }));
  };
})();`;

export async function launch(options: LaunchOptions = {}): Promise<Session> {
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'pelita-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1024, height: 768 },
    serviceWorkers: 'allow',
  });
  await context.addInitScript(CONNECTION_SHIM);
  const cut = context.setOffline.bind(context);
  context.setOffline = async (offline: boolean) => {
    await cut(offline);
    // For documents loaded from now on (init scripts run in order: the last one added wins), and for open ones.
    await context.addInitScript(`globalThis.__pelitaOffline = ${offline};`);
    await Promise.all(
      context
        .pages()
        .map((p) =>
          p
            .evaluate(
              (o) => (globalThis as { __pelitaSetOffline?: (o: boolean) => void }).__pelitaSetOffline?.(o),
              offline,
            )
            .catch(() => undefined),
        ),
    );
  };
  const errors: string[] = [];
  const watch = (p: Page) => p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`));
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    errors,
    profile,
    async quit() {
      await context.close().catch(() => undefined);
    },
    async kill() {
      // The processes this launch started, found by their own profile folder (unique to this session).
      const ours = () =>
        spawnSync('pgrep', ['-f', `user-data-dir=${profile}`], { encoding: 'utf8' })
          .stdout.split('\n')
          .filter(Boolean)
          .map(Number);
      for (const pid of ours()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      // Until they are gone: the profile can be opened again only then.
      for (let i = 0; i < 100 && ours().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      await context.close().catch(() => undefined);
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens `path` and waits until a screen is shown (its <h1>), not the boot text or the loading line. */
export async function openApp(page: Page, url: string) {
  await page.goto(url);
  await waitForScreen(page);
}

export async function waitForScreen(page: Page) {
  await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  // A fresh profile opens on the first-run set-up: skipped here, unless a test goes through it itself.
  // ("Skip the set-up" passes by the passphrase step once, then ends it.)
  if (!skipFirstRun || (await page.locator('main[data-first-run]').count()) === 0) return;
  await page.locator('[data-skip-setup]').click();
  // The passphrase step (its field is there), where the same button declines it and ends the set-up.
  await page.locator('#setup-pass').waitFor({ state: 'visible' });
  await page.locator('[data-skip-setup]').click();
  await page.locator('main:not([data-first-run]) h1').first().waitFor({ state: 'visible', timeout: 15_000 });
}

let skipFirstRun = true;
/** For the tests of the first-run set-up itself: `waitForScreen` leaves it on screen. */
export function keepFirstRun(keep = true) {
  skipFirstRun = !keep;
}

/**
 * Waits until the service worker is active and controls this page. Pelita's worker claims the page on its
 * first install, so no reload is needed; if it does not, the test fails here and says so.
 */
export async function waitForServiceWorker(page: Page, timeout = 15_000) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout })
    .catch(() => {
      throw new Error('the service worker is active but does not control the page (clients.claim?)');
    });
}

export async function setOffline(context: BrowserContext, offline = true) {
  await context.setOffline(offline);
}

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Runs axe-core on the page as it is and fails on any serious or critical violation, saying where. */
export async function expectAccessible(page: Page, where = page.url()) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  }
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }
    ).axe;
    // Only violations: skipping the details of what passed makes each run several times faster.
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  const bad = (violations as AxeResult[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length === 0) return;
  const lines = bad.map(
    (v) =>
      `- ${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`)
        .join('\n'),
  );
  throw new Error(`axe-core: ${bad.length} serious/critical violation(s) on ${where}\n${lines.join('\n')}`);
}

/** Every screen in the navigation, with the translation key of its name. */
export const SCREENS: readonly { path: string; label: string }[] = [
  { path: '/', label: 'nav.home' },
  // Each record type's list, in the registry's order (the navigation's).
  ...RECORD_KINDS.map((k) => ({ path: `/${k.table}`, label: k.nav.label })),
  { path: '/reports', label: 'nav.reports' },
  { path: '/sync', label: 'nav.sync' },
  { path: '/settings', label: 'nav.settings' },
];

/** Deep links to forms, opened directly as a new page. */
export const DEEP_LINKS: readonly { path: string; label: string }[] = RECORD_KINDS.map((k) => ({
  path: `/${k.table}/new`,
  label: k.nav.label,
}));

const bundles = new Map<string, Record<string, unknown>>();
/** The string the app shows for `key` in `lang`, read from locales/<lang>/translation.json. */
export function tr(lang: string, key: string, values: Record<string, string> = {}): string {
  let bundle = bundles.get(lang);
  if (!bundle) {
    bundle = JSON.parse(readFileSync(join(ROOT, 'locales', lang, 'translation.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    bundles.set(lang, bundle);
  }
  let v: unknown = bundle;
  for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  if (typeof v !== 'string') throw new Error(`locales/${lang}/translation.json has no string at "${key}"`);
  return v.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}
