// Inspections and activities in real Chromium with the network off (SPEC §2.1, §2.4, §8): after a first
// online visit, an inspection with two children found and an activity are recorded offline and are still
// in their lists after a reload; a half-filled inspection form comes back after a reload.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium, expectAccessible, tr, waitForScreen } from '../helpers/browser';
import { answer, offlineApp } from '../helpers/offline-app';

const en = (key: string, values?: Record<string, string>) => tr('en', key, values);

async function go(page: Page, url: string) {
  await page.goto(url);
  await waitForScreen(page);
}

describeInChromium('inspections and activities offline', () => {
  const app = offlineApp();

  it('records an inspection with two children and an activity offline; both are listed after a reload', async () => {
    const { page } = app;
    await go(page, `${app.url}/inspections/new`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(en('inspections.newTitle'));

    await page.getByLabel(en('inspections.visit.date')).fill('2026-03-14');
    const location = page.getByRole('combobox', { name: new RegExp(`^${en('form.location')}`) });
    await expect.poll(() => location.isEnabled()).toBe(true);
    await location.selectOption('KH-12');
    await answer(page, en('inspections.visit.type'), en('codes.inspectionTypes.targeted_child_labour'));
    await answer(page, en('inspections.visit.announced'), en('common.no'));
    await page.getByLabel(en('inspections.establishment.name')).fill('Sok brick kiln');
    await page.getByLabel(en('inspections.establishment.isic')).selectOption('C');
    await answer(page, en('inspections.establishment.formality'), en('codes.formality.informal'));
    await answer(page, en('inspections.establishment.hardToReach'), en('common.yes'));
    await answer(page, en('inspections.children.toolUsed'), en('common.yes'));

    const add = page.getByRole('button', { name: en('inspections.children.add') });
    await add.click();
    await add.click();
    const first = page.getByRole('group', { name: en('inspections.children.child', { n: '1' }) });
    await answer(first, en('inspections.children.sex'), en('codes.childSexes.female'));
    await first.getByLabel(en('inspections.children.age')).fill('13');
    await answer(first, en('inspections.children.hazardous'), en('codes.yesNoUnknown.yes'));
    await answer(first, en('inspections.children.worstForm'), en('codes.worstForms.none'));
    const second = page.getByRole('group', { name: en('inspections.children.child', { n: '2' }) });
    await answer(second, en('inspections.children.sex'), en('codes.childSexes.male'));
    await second.getByLabel(en('inspections.children.ageUnknown')).check();
    await answer(second, en('inspections.children.hazardous'), en('codes.yesNoUnknown.unknown'));
    await answer(second, en('inspections.children.worstForm'), en('codes.worstForms.unknown'));
    await page.getByLabel(en('codes.inspectionOutcomes.warning')).check();
    await expectAccessible(page, 'the filled inspection form');

    await page.getByRole('button', { name: en('form.save'), exact: true }).click();
    await page.waitForURL(`${app.url}/inspections`);

    await go(page, `${app.url}/activities/new`);
    await page.getByLabel(en('activities.date')).fill('2026-03-20');
    const actLocation = page.getByRole('combobox', { name: new RegExp(`^${en('form.location')}`) });
    await expect.poll(() => actLocation.isEnabled()).toBe(true);
    await actLocation.selectOption('KH-12');
    await page.getByLabel(en('activities.kind')).selectOption('campaign_activity');
    await page.getByLabel(en('activities.name')).fill('Radio spots on child labour');
    await page.getByRole('button', { name: en('form.save'), exact: true }).click();
    await page.waitForURL(`${app.url}/activities`);

    await page.reload();
    await waitForScreen(page);
    const activity = page.getByRole('link', { name: /Radio spots on child labour/ });
    await activity.waitFor();
    expect(await activity.textContent()).toContain(en('codes.activityKinds.campaign_activity'));

    await go(page, `${app.url}/inspections`);
    const item = page.getByRole('link', { name: /Sok brick kiln/ });
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain(en('inspections.children.count', { number: '2' }));
    expect(text).toContain('Phnom Penh');
    await expectAccessible(page, 'the inspection list');

    // Opened again, it holds what was typed.
    await item.click();
    await expect
      .poll(() => page.getByLabel(en('inspections.establishment.name')).inputValue())
      .toBe('Sok brick kiln');
    const again = page.getByRole('group', { name: en('inspections.children.child', { n: '2' }) });
    expect(await again.getByLabel(en('inspections.children.ageUnknown')).isChecked()).toBe(true);
    expect(app.errors).toEqual([]);
  });

  it('restores a half-filled inspection form after a reload', async () => {
    const { page } = app;
    await go(page, `${app.url}/inspections/new`);
    await page.getByLabel(en('inspections.establishment.name')).fill('Half-done fishing boat');
    await page.getByRole('button', { name: en('inspections.children.add') }).click();
    const row = page.getByRole('group', { name: en('inspections.children.child', { n: '1' }) });
    await answer(row, en('inspections.children.sex'), en('codes.childSexes.female'));
    // A person glances up before the tab goes: the draft is written on the next tick after each change, but a
    // write started while the page unloads may not land (see src/inspections/README.md).
    await page.waitForTimeout(300);
    await page.reload();
    await waitForScreen(page);

    const name = page.getByLabel(en('inspections.establishment.name'));
    await expect.poll(() => name.inputValue()).toBe('Half-done fishing boat');
    await page.getByText(/Your unsaved changes from .* were restored/).waitFor();
    const restored = page.getByRole('group', { name: en('inspections.children.child', { n: '1' }) });
    expect(await restored.getByLabel(en('codes.childSexes.female'), { exact: true }).isChecked()).toBe(true);
    expect(app.errors).toEqual([]);
  });
});
