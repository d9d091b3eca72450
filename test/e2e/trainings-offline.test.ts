// Training sessions in real Chromium with the network off (SPEC §2.2, §8): after a first online visit, a
// trainer pastes a 30-row attendance sheet, reloads mid-form (the draft brings the 30 rows back), saves, and
// after another reload the session is listed and holds its 30 participants.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium, expectAccessible, tr, waitForScreen } from '../helpers/browser';
import { offlineApp } from '../helpers/offline-app';

const en = (key: string, values?: Record<string, string>) => tr('en', key, values);

const SEXES = ['Female', 'Male', 'F', 'M', 'Other', 'Prefers not to say'];
const AGENCIES = ['Police', 'Labour inspection', 'Education', 'Health', 'Social welfare'];
/** An attendance sheet as a spreadsheet puts it on the clipboard: tabs, a header row, 30 people. */
const SHEET = [
  'No.\tName\tSex\tAgency\tPosition\tCompleted',
  ...Array.from({ length: 30 }, (_, i) =>
    [i + 1, `Trainee ${i + 1}`, SEXES[i % 6], AGENCIES[i % 5], 'Officer', i % 2 === 0 ? 'Yes' : 'No'].join(
      '\t',
    ),
  ),
].join('\n');

async function go(page: Page, url: string) {
  await page.goto(url);
  await waitForScreen(page);
}

/** The participants of this form's unsaved draft (`trainings:<the id in ?draft=>`), read from IndexedDB. */
const draftRows = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const key = `trainings:${new URLSearchParams(location.search).get('draft')}`;
        const open = indexedDB.open('pelita');
        open.onsuccess = () => {
          const get = open.result.transaction('drafts').objectStore('drafts').get(key);
          get.onsuccess = () => {
            resolve((get.result?.value?.participants ?? []).length);
            open.result.close();
          };
        };
      }),
  );

const participantRows = (page: Page) => page.locator('fieldset.participant');

describeInChromium('trainings offline', () => {
  const app = offlineApp();

  it('takes a 30-row sheet pasted offline, keeps it through a reload, saves it, and has it after another', async () => {
    const { page } = app;
    await go(page, `${app.url}/trainings/new`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(en('trainings.newTitle'));

    await page
      .getByLabel(new RegExp(`^${en('trainings.titleField')}`))
      .fill('Child labour law for inspectors');
    await page.getByLabel(new RegExp(`^${en('trainings.startDate')}`)).fill('2026-03-09');
    await page.getByLabel(new RegExp(`^${en('trainings.endDate')}`)).fill('2026-03-11');
    const topics = page.getByRole('group', { name: en('trainings.topics') });
    await topics.getByLabel(en('codes.trainingTopics.child_labour_law')).check();
    await topics.getByLabel(en('codes.trainingTopics.labour_inspection')).check();
    await page
      .getByRole('group', { name: en('trainings.modality') })
      .getByLabel(en('codes.modalities.in_person'))
      .check();
    const place = page.getByRole('combobox', { name: new RegExp(`^${en('trainings.location')}`) });
    await expect.poll(() => place.isEnabled()).toBe(true);
    await place.selectOption('KH-12');

    await page.getByText(en('trainings.paste.open')).click();
    await page.getByLabel(en('trainings.paste.label')).fill(SHEET);
    await page.getByText(en('trainings.paste.ready', { n: '30' })).waitFor();
    expect(await page.getByText(en('trainings.paste.ignored', { columns: 'No.' })).isVisible()).toBe(true);
    await page.getByRole('button', { name: en('trainings.paste.addMany', { n: '30' }) }).click();
    await expect.poll(() => participantRows(page).count()).toBe(30);
    expect(await page.getByTestId('participants-summary').textContent()).toBe(
      en('trainings.participants.summary', { total: '30', completed: '15' }),
    );
    await expectAccessible(page, 'the training form with 30 participants');

    // Reloaded before Save: the draft brings back all 30 rows.
    await expect.poll(() => draftRows(page)).toBe(30);
    await page.reload();
    await waitForScreen(page);
    await expect.poll(() => participantRows(page).count()).toBe(30);
    expect(await page.getByText(/were restored/).isVisible()).toBe(true);

    // At 320 px wide the rows stack as cards: nothing runs off the side of the screen.
    await page.setViewportSize({ width: 320, height: 720 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1024, height: 768 });

    await page.getByRole('button', { name: en('form.save'), exact: true }).click();
    await page.waitForURL(`${app.url}/trainings`);

    await page.reload();
    await waitForScreen(page);
    const item = page.getByRole('link', { name: /Child labour law for inspectors/ });
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain(en('trainings.list.participants', { completed: '15', total: '30' }));
    expect(text).toContain('Phnom Penh');
    await expectAccessible(page, 'the training list');

    await item.click();
    await expect.poll(() => participantRows(page).count()).toBe(30);
    const last = page.getByRole('group', { name: en('trainings.participant.legend', { n: '30' }) });
    expect(await last.getByLabel(en('trainings.participant.name')).inputValue()).toBe('Trainee 30');
    expect(await last.getByLabel(new RegExp(`^${en('trainings.participant.sex')}`)).inputValue()).toBe(
      'undisclosed',
    );
    expect(await last.getByLabel(new RegExp(`^${en('trainings.participant.agency')}`)).inputValue()).toBe(
      'social_welfare',
    );
    expect(await last.getByLabel(en('trainings.participant.completed')).isChecked()).toBe(false);
    expect(await page.getByLabel(new RegExp(`^${en('trainings.titleField')}`)).inputValue()).toBe(
      'Child labour law for inspectors',
    );
    expect(app.errors).toEqual([]);
  });
});
