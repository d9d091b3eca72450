// Steps of the sync end-to-end tests (test/e2e/sync.test.ts), done the way a person does them: enrol on the
// Sync screen, fill record forms, read the preview. Plus two views a person does not have: the device's outbox
// (IndexedDB) and the server's tally (admin token), to check what the data must be.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { cellKey } from '../../src/sync/protocol';
import { tr, waitForScreen } from './browser';

export const en = (key: string, values?: Record<string, string>) => tr('en', key, values);

export const ENROLMENT_CODE = 'sync-e2e-code-4711';
export const ADMIN_TOKEN = 'sync-e2e-admin-token-0123456789';

/** Enrols the device on the Sync screen (the server address is prefilled with the app's own origin). */
export async function enrolDevice(page: Page, url: string, label: string) {
  await page.getByLabel(en('sync.enrol.code')).fill(ENROLMENT_CODE);
  await page.getByLabel(en('sync.enrol.label')).fill(label);
  expect(await page.getByLabel(en('sync.enrol.server')).inputValue()).toBe(url);
  await page.getByRole('button', { name: en('sync.enrol.submit') }).click();
  await page.getByText(en('sync.enrolledWith', { server: url })).waitFor();
  await expect.poll(() => syncState(page)).toBe(en('sync.state.needs_preview'));
}

export const syncState = (page: Page) => page.getByTestId('sync-state').textContent();
export const badge = (page: Page) => page.getByTestId('sync-badge').textContent();

async function go(page: Page, url: string) {
  await page.goto(url);
  await waitForScreen(page);
}

const locationSelect = async (page: Page) => {
  const select = page.getByRole('combobox', { name: new RegExp(`^${en('form.location')}`) });
  await expect.poll(() => select.isEnabled()).toBe(true);
  return select;
};

export interface ActivityInput {
  date: string;
  orgUnit: string;
  kind: string;
  title: string;
  notes?: string;
}

export async function addActivity(page: Page, url: string, a: ActivityInput) {
  await go(page, `${url}/activities/new`);
  await fillActivity(page, a);
  await page.getByRole('button', { name: en('form.save'), exact: true }).click();
  await page.waitForURL(`${url}/activities`);
}

async function fillActivity(page: Page, a: Partial<ActivityInput>) {
  if (a.date) await page.getByLabel(en('activities.date')).fill(a.date);
  if (a.orgUnit) await (await locationSelect(page)).selectOption(a.orgUnit);
  if (a.kind) await page.getByLabel(en('activities.kind')).selectOption(a.kind);
  if (a.title) await page.getByLabel(en('activities.name')).fill(a.title);
  if (a.notes) await page.getByLabel(en('form.notes')).fill(a.notes);
}

/** Opens a saved activity from the list by its title (the list is reached through the app's navigation). */
async function openActivity(page: Page, url: string, title: string) {
  await go(page, `${url}/activities`);
  await page.getByRole('link', { name: new RegExp(title) }).click();
  await expect.poll(() => page.getByLabel(en('activities.name')).inputValue()).toBe(title);
}

export async function editActivity(page: Page, url: string, title: string, change: Partial<ActivityInput>) {
  await openActivity(page, url, title);
  await fillActivity(page, change);
  await page.getByRole('button', { name: en('form.save'), exact: true }).click();
  await page.waitForURL(`${url}/activities`);
}

export async function deleteActivity(page: Page, url: string, title: string) {
  await openActivity(page, url, title);
  await page.getByRole('button', { name: en('form.delete') }).click();
  await page.waitForURL(`${url}/activities`);
}

export interface CaseInput {
  identifiedOn: string;
  orgUnit: string;
  childName: string;
  guardianContact: string;
  notes: string;
}

/** A girl of 13 working 50 h a week (hazardous); returns the case code shown after saving. */
export async function addCase(page: Page, url: string, c: CaseInput): Promise<string> {
  await go(page, `${url}/cases/new`);
  await page.getByLabel(en('cases.identifiedOn')).fill(c.identifiedOn);
  await page.getByLabel(en('cases.channel')).selectOption('monitoring_visit');
  await page.getByLabel(en('cases.childName')).fill(c.childName);
  await page.getByLabel(en('cases.guardianContact')).fill(c.guardianContact);
  await page
    .getByRole('group', { name: en('cases.sex'), exact: true })
    .getByLabel(en('codes.childSexes.female'))
    .check();
  await page.getByLabel(en('cases.ageYears')).fill('13');
  await page.getByLabel(en('cases.nationality')).selectOption('KH');
  await (await locationSelect(page)).selectOption(c.orgUnit);
  await page.getByLabel(en('cases.economicHours')).fill('50');
  await page.getByLabel(en('form.notes'), { exact: true }).fill(c.notes);
  await page.getByRole('button', { name: en('form.save'), exact: true }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const code = page.getByText(/^KH-12-\d{4}-\d{4}$/).first();
  await code.waitFor();
  return (await code.textContent()) ?? '';
}

export interface OutboxRow {
  key: string;
  revision: number;
  sentRevision: number;
  attempts: number;
  lastError: string | null;
}

/** The device's outbox as stored in its IndexedDB. */
export const outbox = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<OutboxRow[]>((resolve, reject) => {
        const open = indexedDB.open('pelita');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').getAll();
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
        };
      }),
  );
/** One row of the device's settings table, as stored in its IndexedDB. */
export const storedSetting = (page: Page, key: string) =>
  page.evaluate(
    (k) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('pelita');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('settings').objectStore('settings').get(k);
          req.onsuccess = () => {
            resolve((req.result as { value?: unknown } | undefined)?.value);
            open.result.close();
          };
        };
      }),
    key,
  );
export const pendingKeys = async (page: Page) =>
  (await outbox(page)).filter((r) => r.sentRevision < r.revision).map((r) => r.key);

export interface Tally {
  devices: number;
  /** `indicator|key=value…` → count, so sums compare whatever the order of the cells. */
  cells: Record<string, number>;
}

/** The server's tally for one (period, orgUnit), read with the admin token. */
export async function serverTally(url: string, period: string, orgUnit: string): Promise<Tally> {
  const res = await fetch(`${url}/api/v1/tallies?${new URLSearchParams({ period, orgUnit })}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  if (res.status !== 200) throw new Error(`tally: ${res.status} ${await res.text()}`);
  const t = (await res.json()) as {
    devices: number;
    values: Array<{ indicator: string; disaggregation: Record<string, string>; value: number }>;
  };
  return {
    devices: t.devices,
    cells: Object.fromEntries(t.values.map((c) => [cellKey(c as never), c.value])),
  };
}

/** Sum of every cell of an indicator (all its breakdowns). */
export const total = (t: Tally, indicator: string) =>
  Object.entries(t.cells)
    .filter(([k]) => k === indicator || k.startsWith(`${indicator}|`))
    .reduce((n, [, v]) => n + v, 0);

export interface Sent {
  device: 'A' | 'B';
  method: string;
  url: string;
  body: string | null;
}
/** Records every request the device's browser makes (the page's and its service worker's) into `into`. */
export const capture = (into: Sent[], device: Sent['device'], context: BrowserContext) =>
  context.on('request', (r) => into.push({ device, method: r.method(), url: r.url(), body: r.postData() }));
export const putsTo = (sent: Sent[], device: Sent['device'], path: string) =>
  sent.filter((r) => r.device === device && r.method === 'PUT' && r.url.endsWith(path));

export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Opens the preview of the one pending (period, orgUnit) and returns its raw JSON, as shown. */
export async function readPreview(page: Page) {
  const reports = page.getByRole('region', { name: en('sync.preview.title') }).locator(':scope > details');
  await expect.poll(() => reports.count()).toBe(1);
  await reports.locator(':scope > summary').click();
  await reports.getByText(en('sync.preview.raw')).click();
  const raw = JSON.parse((await reports.locator('pre').textContent()) ?? '');
  expect(await reports.locator('tbody tr').count()).toBe(raw.values.length);
  return raw;
}

/** The Sync screen, as a person uses it: open it, enrol (again), disconnect, accept the preview, sync now. */
export class SyncScreen {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async open() {
    await go(this.page, `${this.url}/sync`);
  }

  state() {
    return syncState(this.page);
  }

  /** Enrols (again) with the code; `preview`: whether the person must look at the preview first. */
  async enrol(label: string, { preview, code = ENROLMENT_CODE }: { preview: boolean; code?: string }) {
    await this.open();
    await this.page.getByLabel(en('sync.enrol.code')).fill(code);
    await this.page.getByLabel(en('sync.enrol.label')).fill(label);
    expect(await this.page.getByLabel(en('sync.enrol.server')).inputValue()).toBe(this.url);
    await this.page.getByRole('button', { name: en('sync.enrol.submit') }).click();
    await this.page.getByText(en('sync.enrolledWith', { server: this.url })).waitFor();
    if (preview) await expect.poll(() => this.state()).toBe(en('sync.state.needs_preview'));
  }

  async acceptPreview() {
    await this.page.getByRole('button', { name: en('sync.preview.accept') }).click();
  }

  async disconnect() {
    await this.open();
    await this.page.getByRole('button', { name: en('sync.forget') }).click();
    await expect.poll(() => this.state()).toBe(en('sync.state.not_enrolled'));
  }

  async syncNow() {
    await this.open();
    await this.page.getByRole('button', { name: en('sync.now') }).click();
  }

  /** Waits until everything is sent and the screen says so. */
  async settled() {
    await expect.poll(() => pendingKeys(this.page), { timeout: 20_000 }).toEqual([]);
    await expect.poll(() => this.state(), { timeout: 20_000 }).toBe(en('sync.state.idle'));
  }
}

/** Settings → Backup: the file a person would download (encrypted when a passphrase is set). */
export async function exportBackup(page: Page, url: string): Promise<string> {
  await go(page, `${url}/settings`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: en('backup.export') }).click(),
  ]);
  const path = await download.path();
  if (!path) throw new Error('the backup download has no file');
  return path;
}

/**
 * Settings → Restore from a backup file, confirming what it adds; waits for the message that says how many
 * records came in.
 */
export async function restoreBackup(page: Page, url: string, file: string, added: number) {
  await go(page, `${url}/settings`);
  await page.getByLabel(en('backup.restore')).setInputFiles(file);
  // What it will add is shown first; nothing changes until confirmed.
  await page
    .getByRole('region', { name: en('backup.confirm.title') })
    .getByRole('button', { name: en('backup.confirm.restore'), exact: true })
    .click();
  await page
    .getByText(en('backup.restored', { added: String(added), updated: '0', unchanged: '0' }))
    .waitFor();
}
