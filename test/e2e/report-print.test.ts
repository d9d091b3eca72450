// The printed monthly report, as the official hands it round (SPEC §7, §10): printed to PDF by real Chromium
// (`page.pdf()`, A4) and read back with `pdftotext`. In English, Khmer, Myanmar and Tetum every column header
// and every total of every table is on paper; no table is wider than the page; the months are in the report's own
// language (desktop Chromium has no Khmer or Myanmar data, and no browser has Tetum: the app's own names);
// pages are numbered; place, month, device and time are printed; inspections, activities and trained officials
// are never hidden; and a month with nothing in it is short.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DB_NAME } from '../../src/db/db';
import { BACKUP_FORMAT } from '../../src/export/backup';
import { INDICATORS } from '../../src/tally/catalog';
import { describeInChromium, launch, openApp, type Session, tr, waitForScreen } from '../helpers/browser';
import { DIST, type E2eServer, startServer } from '../helpers/e2e-server';
import { goldenInput } from '../helpers/golden';

const DEVICE = 'Battambang labour office 2';
const dir = mkdtempSync(join(tmpdir(), 'pelita-print-'));
if (process.env.PELITA_KEEP_PDF) console.log('PDFs in', dir);

/** The golden records (over 200, three months, several places) as a backup file to restore. */
function backupFile() {
  const { cases, inspections, trainings, activities } = goldenInput();
  const file = {
    format: BACKUP_FORMAT,
    exportedAt: '2026-04-01T08:00:00.000Z',
    deviceLabel: DEVICE,
    records: { cases, inspections, trainings, activities },
  };
  return { name: 'golden.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
}

async function chooseLanguage(page: Page, base: string, lang: string) {
  await openApp(page, `${base}/settings`);
  await page.locator('#language').selectOption(lang);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  // The screen switches at once, the setting is stored a moment later: a reload before the write commits
  // aborts it (and every later load comes back in the old language). So wait for the stored row first.
  const stored = () =>
    page.evaluate(
      (name) =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('settings').objectStore('settings').get('language');
            get.onsuccess = () => {
              resolve((get.result as { value?: unknown } | undefined)?.value);
              open.result.close();
            };
            get.onerror = () => reject(get.error);
          };
        }),
      DB_NAME,
    );
  await expect.poll(stored, { timeout: 20_000 }).toBe(lang);
  // Then the report opens in a new page load: wait until one comes back in this language.
  await expect
    .poll(
      async () => {
        await page.reload();
        await waitForScreen(page);
        return page.evaluate(() => document.documentElement.lang);
      },
      { timeout: 20_000 },
    )
    .toBe(lang);
}

/** Opens the report for `month` in Cambodia, in the chosen language, and waits for its numbers. */
async function openReport(s: Session, base: string, month: string, empty = false) {
  const { page } = s;
  await openApp(page, `${base}/reports`);
  await page.locator('#report-month').fill(month);
  await page.locator('#report-location').selectOption('KH');
  if (empty) await page.locator('.report-empty').waitFor();
  else
    await page
      .locator('#ind-CHILDREN_IDENTIFIED')
      .waitFor({ timeout: 10_000 })
      .catch(async (err) => {
        const main = await page.locator('main').textContent();
        throw new Error(`${err}; page errors: ${s.errors.join(' | ')}; ${main}`);
      });
}

/** Prints the page to an A4 PDF and returns its text and number of pages. */
async function printed(page: Page, name: string) {
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return { text, pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]) };
}

/** Text for comparing: no white space or zero-width characters (a PDF breaks lines where the page does). */
const squash = (s: string) => s.replace(/(?:\s|\u200b|\u200c|\u200d|\u00ad)+/g, '');

/**
 * What the printed tables must show, read from the page in print media: every column header and every cell
 * of every total row, as printed (a hidden number prints its mark, from `data-shared`). Also checks that no
 * table is wider than its box (nothing cut at the right margin).
 */
async function tablesOnPaper(page: Page) {
  await page.emulateMedia({ media: 'print' });
  // The printable width of A4 with the report's margins (210 mm − 2 × 12 mm) at 96 px per inch.
  await page.setViewportSize({ width: Math.floor((186 / 25.4) * 96), height: 1000 });
  const found = await page.evaluate(() => {
    const paper = (el: Element) =>
      (el.classList.contains('would-hide') ? el.getAttribute('data-shared') : el.textContent) ?? '';
    return [...document.querySelectorAll('.report table')].map((table) => {
      const box = table.closest('.table-wrap') as HTMLElement;
      return {
        name: document.getElementById(table.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
        headers: [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
        totals: [...table.querySelectorAll('tfoot th, tfoot td')].map(paper),
        fits: table.getBoundingClientRect().right <= box.getBoundingClientRect().right + 0.5,
      };
    });
  });
  // Back to no emulation: page.pdf() prints with print media unless told otherwise.
  await page.emulateMedia({ media: null });
  await page.setViewportSize({ width: 1024, height: 768 });
  return found;
}

describeInChromium('printed monthly report', () => {
  let server: E2eServer;
  let s: Session;
  beforeAll(async () => {
    server = await startServer({ staticDir: process.env.PELITA_E2E_DIST ?? DIST });
    s = await launch();
    const { page } = s;
    await openApp(page, `${server.url}/settings`);
    await page.locator('#device-label').fill(DEVICE);
    await page.locator('#device-label').press('Enter');
    await page.getByLabel(tr('en', 'backup.restore')).setInputFiles(backupFile());
    await page
      .getByRole('region', { name: tr('en', 'backup.confirm.title') })
      .getByRole('button', { name: tr('en', 'backup.confirm.restore'), exact: true })
      .click();
    await page
      .getByText(/^Backup restored:/)
      .waitFor({ timeout: 30_000 })
      .catch(async (err) => {
        throw new Error(`${err}: ${await page.locator('main').textContent()} ${s.errors.join(' | ')}`);
      });
  });
  afterAll(async () => {
    await s?.close();
    await server?.stop();
    if (!process.env.PELITA_KEEP_PDF) rmSync(dir, { recursive: true, force: true });
  });

  const MONTH_NAME = {
    en: 'February 2026',
    km: 'កុម្ភៈ 2026',
    my: '၂၀၂၆ ဖေဖော်ဝါရီ',
    tet: 'Fevereiru 2026',
  } as const;

  for (const lang of ['en', 'km', 'my', 'tet'] as const) {
    it(`${lang}: every column header and every total of every table is on the A4 page`, async () => {
      const { page } = s;
      await chooseLanguage(page, server.url, lang);
      await openReport(s, server.url, '2026-02');
      const tables = await tablesOnPaper(page);
      expect(tables.length).toBeGreaterThan(10);
      expect(tables.filter((t) => !t.fits).map((t) => t.name)).toEqual([]);
      const { text, pages } = await printed(page, `report-${lang}`);
      const paper = squash(text);
      const missing: string[] = [];
      for (const t of tables) {
        for (const cell of [...t.headers, ...t.totals])
          if (!paper.includes(squash(cell))) missing.push(`${t.name}: ${cell}`);
      }
      expect(missing).toEqual([]);
      // The month in the report's own language; where, which device, when; numbered pages.
      expect(paper).toContain(squash(MONTH_NAME[lang]));
      if (lang !== 'en') expect(text).not.toMatch(/February|fevereiro/);
      expect(paper).toContain(squash(tr(lang, 'report.device')));
      expect(paper).toContain(squash(DEVICE));
      expect(paper).toContain(
        squash(tr(lang, 'report.page', { page: lang === 'my' ? '၁' : '1', pages: '' })).slice(0, 4),
      );
      expect(pages).toBeGreaterThan(1);
      // Myanmar digits throughout: no Latin digit but in the device's name and the SDG codes.
      if (lang === 'my') {
        const latin = text
          .split('\n')
          .filter((l) => /[0-9]/.test(l) && !l.includes(DEVICE) && !l.includes('SDG'));
        expect(latin).toEqual([]);
      }
    });
  }

  it('km at 320 px: tables that scroll say so, and no caption is cut', async () => {
    const { page } = s;
    await chooseLanguage(page, server.url, 'km');
    await page.setViewportSize({ width: 320, height: 640 });
    await openReport(s, server.url, '2026-02');
    await expect.poll(() => page.locator('.table-wrap.scrolls').count()).toBeGreaterThan(0);
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll('.report .table-box')].map((box) => {
        const caption = box.querySelector('.table-caption')!.getBoundingClientRect();
        const wrap = box.querySelector('.table-wrap')!;
        return {
          name: box.querySelector('.table-caption')!.textContent,
          captionFits: caption.left >= 0 && caption.right <= document.documentElement.clientWidth,
          scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
          cue: !!box.querySelector('.scroll-cue'),
        };
      }),
    );
    expect(boxes.filter((b) => !b.captionFits).map((b) => b.name)).toEqual([]);
    expect(boxes.filter((b) => b.scrolls !== b.cue).map((b) => b.name)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  it('a month with nothing in it prints short', async () => {
    const { page } = s;
    await chooseLanguage(page, server.url, 'en');
    await openReport(s, server.url, '2025-06', true);
    const empty = await printed(page, 'report-empty');
    expect(empty.pages).toBeLessThanOrEqual(2);
    expect(empty.text).toContain('June 2025');
  });

  it('prints the sign-off lines when asked, and the shared copy never shows a hidden number', async () => {
    const { page } = s;
    await chooseLanguage(page, server.url, 'en');
    await openReport(s, server.url, '2026-02');
    await page.getByLabel(tr('en', 'report.signOff')).check();
    const hidden = await page.locator('.report .would-hide').count();
    expect(hidden).toBeGreaterThan(0);
    // Inspections, activities and trained officials protect nobody by being hidden: never marked.
    const never = INDICATORS.filter((d) => !d.countsChildren).map((d) => `#ind-${d.code}`);
    expect(await page.locator(never.join(', ')).count()).toBeGreaterThan(3);
    expect(await page.locator(never.map((id) => `${id} .would-hide`).join(', ')).count()).toBe(0);
    const { text } = await printed(page, 'report-signed');
    expect(text).toContain(tr('en', 'report.preparedBy'));
    expect(text).toContain(tr('en', 'report.checkedBy'));
    expect(text).toContain('<5');
    expect(text).not.toContain(tr('en', 'report.wouldHide'));
  });
});
