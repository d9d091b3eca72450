// The update flow (SPEC §8, STYLE "Service worker"): a new version is offered, never forced. "Reload" switches
// to it; "Later" leaves a half-filled form exactly as it was, and nothing reloads.
// The server serves a copy of dist/ in a temp folder; the test rebuilds the app into that folder with another
// build id while the page is open, as a deployment would.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeInChromium,
  launch,
  openApp,
  type Session,
  tr,
  waitForScreen,
  waitForServiceWorker,
} from '../helpers/browser';
import { DIST, type E2eServer, ROOT, startServer } from '../helpers/e2e-server';

const run = promisify(execFile);

/** A copy of dist/ served by its own server, and a fresh browser on it with the service worker in control. */
class Deployment {
  readonly work = mkdtempSync(join(tmpdir(), 'pelita-update-'));
  readonly dist = join(this.work, 'dist');
  server!: E2eServer;
  s!: Session;

  async start() {
    cpSync(DIST, this.dist, { recursive: true });
    this.server = await startServer({ staticDir: this.dist });
    this.s = await launch();
    await openApp(this.s.page, `${this.server.url}/settings`);
    await waitForServiceWorker(this.s.page);
  }

  /**
   * Deploys: the same sources built with another build id into the served folder, then the server restarted
   * on the same port (it lists the static files when it starts), so the origin stays. `halfCopied` leaves out
   * the new scripts, like an upload that stopped half way.
   */
  async deploy(buildId: string, { halfCopied = false } = {}) {
    const assets = join(this.dist, 'assets');
    const before = new Set(readdirSync(assets));
    const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
    await run(
      process.execPath,
      [vite, 'build', '--outDir', this.dist, '--emptyOutDir', '--logLevel', 'error'],
      {
        cwd: ROOT,
        // Vitest sets NODE_ENV=test, which would make Vite build a non-production bundle (no service worker).
        env: { ...process.env, NODE_ENV: 'production', PELITA_BUILD_ID: buildId },
      },
    );
    if (halfCopied) for (const f of readdirSync(assets)) if (!before.has(f)) rmSync(join(assets, f));
    await this.server.restart();
  }

  version = () =>
    this.s.page
      .getByTestId('app-version')
      .textContent()
      .catch(() => null);

  banner = () =>
    this.s.page
      .getByText(tr('en', 'update.available'))
      .isVisible()
      .catch(() => false);

  async stop() {
    await this.s?.close();
    await this.server?.stop();
    rmSync(this.work, { recursive: true, force: true });
  }
}

describeInChromium('offline shell: updates', () => {
  const d = new Deployment();
  const version = () => d.version();
  const banner = () => d.banner();
  beforeAll(() => d.start());
  afterAll(() => d.stop());

  it('offers a new version after a deployment; Reload switches to it', async () => {
    const { page } = d.s;
    const before = await version();
    expect(before).toMatch(/\S/);
    expect(before).not.toBe(tr('en', 'about.version', { version: 'e2e-update-b' }));

    await d.deploy('e2e-update-b');
    // The browser looks for a new service worker on navigation.
    await page.reload();
    await waitForScreen(page);
    await expect.poll(banner, { timeout: 20_000 }).toBe(true);
    // Nothing changes until the person chooses.
    expect(await version()).toBe(before);

    await page.getByRole('button', { name: tr('en', 'update.reload'), exact: true }).click();
    await expect
      .poll(version, { timeout: 20_000 })
      .toBe(tr('en', 'about.version', { version: 'e2e-update-b' }));
    await expect.poll(banner).toBe(false);
    expect(d.s.errors).toEqual([]);
  });

  it('with a half-filled form, Later keeps what was typed and nothing reloads', async () => {
    const { page } = d.s;
    await d.deploy('e2e-update-c');

    const field = page.getByLabel(tr('en', 'settings.deviceLabel'));
    await field.fill('Kampot inspector 3, not saved yet');
    await page.evaluate(() => {
      (window as { stillThisPage?: boolean }).stillThisPage = true;
    });
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });

    await page.getByRole('button', { name: tr('en', 'about.check') }).click();
    await expect.poll(banner, { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: tr('en', 'update.later'), exact: true }).click();
    await expect.poll(banner).toBe(false);

    // Give a stray reload every chance to happen.
    await page.waitForTimeout(1_500);
    expect(navigations).toBe(0);
    expect(await page.evaluate(() => (window as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
    expect(await field.inputValue()).toBe('Kampot inspector 3, not saved yet');
    expect(await version()).toBe(tr('en', 'about.version', { version: 'e2e-update-b' }));

    // The new version still waits, and is offered again when the person looks for updates.
    await page.getByRole('button', { name: tr('en', 'about.check') }).click();
    await expect.poll(banner, { timeout: 10_000 }).toBe(true);
    expect(await field.inputValue()).toBe('Kampot inspector 3, not saved yet');
    expect(navigations).toBe(0);
    expect(d.s.errors).toEqual([]);
  });
});

describeInChromium('offline shell: a broken deployment', () => {
  const d = new Deployment();
  beforeAll(() => d.start());
  afterAll(() => d.stop());

  it('is not installed: no prompt, and the running version keeps working offline', async () => {
    const { page, context } = d.s;
    const before = await d.version();
    await d.deploy('e2e-half-copied', { halfCopied: true });

    // The new worker is found and starts installing, then gives up: the server answers its scripts with
    // index.html, which the service worker refuses to store as scripts.
    await page.getByRole('button', { name: tr('en', 'about.check') }).click();
    await expect.poll(() => page.getByText(tr('en', 'about.found')).isVisible()).toBe(true);
    const state = () =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return { installing: !!reg?.installing, waiting: !!reg?.waiting };
      });
    await expect.poll(state, { timeout: 20_000 }).toEqual({ installing: false, waiting: false });
    await page.waitForTimeout(500);
    expect(await d.banner()).toBe(false);

    await context.setOffline(true);
    await page.reload();
    await waitForScreen(page);
    expect(await d.version()).toBe(before);
    await page.goto(`${d.server.url}/cases/new`);
    await waitForScreen(page);
    expect(d.s.errors).toEqual([]);
  });
});
