// The monthly report in real Chromium with the network off (SPEC §4, §7, §8): a case and an inspection entered
// through their forms show up in the report for their month and location; the CSV download holds those
// counts (with its BOM, small numbers hidden unless asked); axe finds nothing serious; at 320 px only the
// tables scroll sideways; and the print view hides the navigation and shows the report's header.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { parseCsv } from '../../src/export/csv';
import { currentMonth, today } from '../../src/lib/dates';
import { describeInChromium, expectAccessible, tr, waitForScreen } from '../helpers/browser';
import { answer, offlineApp } from '../helpers/offline-app';

const en = (key: string, values?: Record<string, string>) => tr('en', key, values);

async function go(page: Page, url: string) {
  await page.goto(url);
  await waitForScreen(page);
}

async function pickLocation(page: Page, code: string) {
  const location = page.getByRole('combobox', { name: new RegExp(`^${en('form.location')}`) });
  await expect.poll(() => location.isEnabled()).toBe(true);
  await location.selectOption(code);
}

/** A girl of 13 working 50 hours a week in Phnom Penh, identified today. */
async function enterCase(page: Page, base: string) {
  await go(page, `${base}/cases/new`);
  await page.getByLabel(en('cases.channel')).selectOption('monitoring_visit');
  await page
    .getByRole('group', { name: en('cases.sex'), exact: true })
    .getByLabel(en('codes.childSexes.female'))
    .check();
  await page.getByLabel(en('cases.ageYears')).fill('13');
  await page.getByLabel(en('cases.nationality')).selectOption('KH');
  await pickLocation(page, 'KH-12');
  await page.getByLabel(en('cases.economicHours')).fill('50');
  await page.getByRole('button', { name: en('form.save'), exact: true }).click();
  await page.getByText(`KH-12-${today().slice(0, 4)}-0001`, { exact: true }).waitFor();
}

/** An inspection in Phnom Penh today that found a girl of 15 in hazardous work. */
async function enterInspection(page: Page, base: string) {
  await go(page, `${base}/inspections/new`);
  await page.getByLabel(en('inspections.visit.date')).fill(today());
  await pickLocation(page, 'KH-12');
  await page
    .getByRole('group', { name: en('inspections.visit.type') })
    .getByLabel(en('codes.inspectionTypes.targeted_child_labour'))
    .check();
  await answer(page, en('inspections.visit.announced'), en('common.no'));
  await page.getByLabel(en('inspections.establishment.name')).fill('Sok brick kiln');
  await page.getByLabel(en('inspections.establishment.isic')).selectOption('C');
  await answer(page, en('inspections.establishment.formality'), en('codes.formality.informal'));
  await answer(page, en('inspections.establishment.hardToReach'), en('common.yes'));
  await answer(page, en('inspections.children.toolUsed'), en('common.yes'));
  await page.getByRole('button', { name: en('inspections.children.add') }).click();
  const child = page.getByRole('group', { name: en('inspections.children.child', { n: '1' }) });
  await answer(child, en('inspections.children.sex'), en('codes.childSexes.female'));
  await child.getByLabel(en('inspections.children.age')).fill('15');
  await answer(child, en('inspections.children.hazardous'), en('codes.yesNoUnknown.yes'));
  await child
    .getByRole('group', { name: en('inspections.children.worstForm') })
    .getByLabel(en('codes.worstForms.none'), { exact: true })
    .check();
  await page.getByRole('button', { name: en('form.save'), exact: true }).click();
  await page.waitForURL(/\/inspections$/);
}

/** The section of one indicator, found by its heading. */
const section = (page: Page, indicator: string) =>
  page.locator('section.report-indicator').filter({
    has: page.getByRole('heading', { level: 2, name: en(`indicators.${indicator}.label`), exact: true }),
  });

async function downloadCsv(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: en('report.export.csv') }).click(),
  ]);
  const bytes = readFileSync((await download.path())!);
  return { name: download.suggestedFilename(), bytes, rows: parseCsv(bytes.toString('utf8')).slice(1) };
}

describeInChromium('monthly report: offline', () => {
  const app = offlineApp();

  it('shows what was entered offline, downloads it as CSV, prints without the navigation', async () => {
    const { page } = app;
    await enterCase(page, app.url);
    await enterInspection(page, app.url);

    await page.locator('nav a[href="/reports"]').click();
    await expect.poll(() => page.locator('main h1').textContent()).toBe(en('report.title'));
    const month = currentMonth();
    await page.getByLabel(en('report.month'), { exact: true }).fill(month);
    await page.getByRole('combobox', { name: new RegExp(`^${en('report.location')}`) }).selectOption('KH-12');

    const identified = section(page, 'CHILDREN_IDENTIFIED');
    const total = (n: number | string) => en('report.totalIs', { n: String(n) });
    // On the person's own screen the true number, marked as hidden in shared copies (on by default).
    const shown = identified.locator('.report-total strong .would-hide');
    await shown.waitFor();
    expect(await shown.getAttribute('data-shared')).toBe('<5');
    expect(await shown.locator('.own').textContent()).toContain('1');
    await expectAccessible(page, 'the monthly report');

    // Shared: the child's 1s are hidden, the inspection's 1 is not. Internal: the counts themselves.
    // Both with the BOM, for Excel; filter row = cell and the sum is right.
    let csv = await downloadCsv(page);
    expect(csv.name).toBe(`pelita-KH-12-${month}.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const cells = (indicator: string) =>
      csv.rows.filter((r) => r[3] === indicator && r[6] === 'cell').map((r) => r[9]);
    expect(cells('CHILDREN_IDENTIFIED').length).toBeGreaterThan(0);
    expect(cells('CHILDREN_IDENTIFIED').every((v) => v === '<5' || v === 'x')).toBe(true);
    expect(cells('INSPECTIONS')).toEqual(['1']);
    await page.getByLabel(en('report.shareHidden')).uncheck();
    await identified.getByText(total(1), { exact: true }).waitFor();
    const girls = identified
      .getByRole('table')
      .first()
      .getByRole('row', { name: new RegExp(`^${en('codes.childSexes.female')}`) });
    expect(await girls.getByRole('cell').first().textContent()).toBe('1');
    csv = await downloadCsv(page);
    const sum = (indicator: string) => cells(indicator).reduce((n, v) => n + Number(v), 0);
    expect(sum('CHILDREN_IDENTIFIED')).toBe(1);
    expect(sum('INSPECTIONS')).toBe(1);
    expect(sum('CHILDREN_FOUND_IN_INSPECTIONS')).toBe(1);
    expect(csv.rows.every((r) => r[0] === month && r[1] === 'KH-12' && r[2] === 'Phnom Penh')).toBe(true);
    await section(page, 'INSPECTIONS').getByText(total(1), { exact: true }).waitFor();
    await section(page, 'CHILDREN_FOUND_IN_INSPECTIONS').getByText(total(1), { exact: true }).waitFor();

    // A 320 px phone: the page does not scroll sideways (the tables scroll in their own box).
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'the monthly report at 320 px');
    await page.setViewportSize({ width: 1024, height: 768 });

    // Printed: no navigation or controls; a header naming the place and month.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: en('report.print') }).isVisible()).toBe(false);
    const header = page.locator('.print-header');
    expect(await header.isVisible()).toBe(true);
    expect(await header.textContent()).toContain('Cambodia › Phnom Penh');
    expect(await identified.getByRole('table').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.app-nav').isVisible()).toBe(true);
    expect(app.errors).toEqual([]);
  });
});
