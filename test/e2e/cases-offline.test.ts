// A child case end to end in real Chromium with the network off (SPEC §2.3, §8): a referral is refused
// without consent; with consent the case is saved with its code, a follow-up is added, and after a reload
// (answered by the service worker alone) it is all there, in the list and on the home screen's Due list.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { today } from '../../src/lib/dates';
import { describeInChromium, expectAccessible, tr, waitForScreen } from '../helpers/browser';
import { offlineApp } from '../helpers/offline-app';

const en = (key: string, values?: Record<string, string>) => tr('en', key, values);
const group = (page: Page, key: string) => page.getByRole('group', { name: en(key), exact: true });
/** The cases as stored in the page's IndexedDB (read directly: what is on the device, not what is shown). */
const stored = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Array<{ caseCode: string; followUps: unknown[] }>>((resolve, reject) => {
        const open = indexedDB.open('pelita');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('cases').objectStore('cases').getAll();
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
        };
      }),
  );
const save = (page: Page) => page.getByRole('button', { name: en('form.save'), exact: true }).click();

describeInChromium('child case: offline', () => {
  const app = offlineApp();

  it('refuses a referral without consent, saves it with consent, keeps the case and its follow-up across a reload', async () => {
    const { page } = app;
    await page.goto(`${app.url}/cases/new`);
    await waitForScreen(page);
    await expect.poll(() => page.locator('main h1').textContent()).toBe(en('cases.newTitle'));
    await expectAccessible(page, 'the new case form');

    // The child.
    await page.getByLabel(en('cases.channel')).selectOption('monitoring_visit');
    await group(page, 'cases.sex').getByLabel(en('codes.childSexes.female')).check();
    await page.getByLabel(en('cases.ageYears')).fill('13');
    await page.getByLabel(en('cases.nationality')).selectOption('KH');
    await page.getByLabel(en('form.location')).selectOption('KH-12');
    await page.getByLabel(en('cases.economicHours')).fill('50');
    await expect
      .poll(() => page.getByRole('region', { name: en('cases.derived') }).textContent())
      .toContain(en('codes.categories.hazardous'));

    // A referral, without consent: refused on the consent question, nothing lost.
    await page.getByRole('button', { name: en('cases.addReferral') }).click();
    await page
      .getByRole('group', { name: en('cases.referralN', { n: '1' }) })
      .getByLabel(en('cases.service'))
      .selectOption('education_formal');
    await save(page);
    const consent = group(page, 'cases.consent');
    await consent.getByText(en('errors.consentRequired')).waitFor();
    expect(await consent.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText(en('cases.codeWhenSaved')).count()).toBe(1);
    expect(await stored(page)).toEqual([]);
    await expectAccessible(page, 'the case form showing the consent error');
    expect(
      await page
        .getByRole('group', { name: en('cases.referralN', { n: '1' }) })
        .getByLabel(en('cases.service'))
        .inputValue(),
    ).toBe('education_formal');

    // With consent it is saved and gets its code; the address becomes the case's own.
    await consent.getByLabel(en('common.yes')).check();
    await save(page);
    const code = `KH-12-${today().slice(0, 4)}-0001`;
    await page.getByText(code, { exact: true }).waitFor();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);

    // A follow-up whose next visit is due today.
    await page.getByRole('button', { name: en('cases.addFollowUp') }).click();
    const visit = page.getByRole('group', { name: en('cases.followUpN', { n: '1' }) });
    await visit.getByLabel(en('cases.nextVisitDue')).fill(today());
    await visit.getByLabel(en('cases.followUpNotes')).fill('Attends the village school again.');
    await save(page);
    await expect.poll(async () => (await stored(page))[0]?.followUps.length).toBe(1);
    expect((await stored(page)).map((c) => c.caseCode)).toEqual([code]);

    // Reload with the network off: the service worker answers, the case comes from IndexedDB.
    await page.reload();
    await page.getByText(code, { exact: true }).waitFor();
    const row = page.getByRole('group', { name: en('cases.referralN', { n: '1' }) });
    expect(await row.getByLabel(en('cases.service')).inputValue()).toBe('education_formal');
    expect(await group(page, 'cases.consent').getByLabel(en('common.yes')).isChecked()).toBe(true);
    const followUp = page.getByRole('group', { name: en('cases.followUpN', { n: '1' }) });
    expect(await followUp.getByLabel(en('cases.followUpNotes')).inputValue()).toBe(
      'Attends the village school again.',
    );
    expect(await followUp.getByLabel(en('cases.nextVisitDue')).inputValue()).toBe(today());

    // In the list, and due today on the home screen.
    await page.locator('nav a[href="/cases"]').click();
    await page.getByRole('link', { name: new RegExp(code) }).waitFor();
    await page.locator('nav a[href="/"]').click();
    const due = page.getByRole('region', { name: en('home.due') });
    const link = due.getByRole('link', { name: new RegExp(code) });
    await link.waitFor();
    expect(await link.textContent()).toContain(en('home.dueToday'));

    expect(app.errors).toEqual([]);
  });
});
