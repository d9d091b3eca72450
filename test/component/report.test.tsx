// The monthly report: records saved through their repos show up as totals, crossed tables and changes against
// the month before, for a location and everything within it; small numbers are hidden on screen and on paper
// unless unticked; the CSV and DHIS2 downloads carry those numbers (small ones hidden when sharing), and DHIS2
// is told explicitly when a count fell to zero.
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type CaseInput, deleteCase, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { parseCsv } from '../../src/export/csv';
import { DHIS2_IMPORT_PATH } from '../../src/export/dhis2';
import { DHIS2_IMPORT_OPTIONS } from '../../src/export/downloads';
import { saveInspection } from '../../src/inspections/repo';
import { reloadLocations } from '../../src/locations/repo';
import { newId } from '../../src/records/repo-core';
import { loadSettings, saveSetting } from '../../src/settings/repo';
import { Report } from '../../src/tally/Report';
import { saveTraining } from '../../src/trainings/repo';
import { download } from '../../src/ui/download';

vi.mock('../../src/ui/download', () => ({ download: vi.fn() }));
configure({ asyncUtilTimeout: 8000 });

function aCase(identifiedOn: string, sex: 'female' | 'male', ageYears: number, orgUnit = 'KH-12'): CaseInput {
  return {
    id: newId(),
    orgUnit,
    identifiedOn,
    channel: 'hotline',
    child: { sex, ageYears, ageEstimated: false, nationality: 'KH', disability: 'no' },
    settlement: 'rural',
    work: {
      isic: 'A',
      workStatus: 'contributing_family',
      economicHours: 50,
      choreHours: null,
      nightWork: 'no',
      worstForm: 'none',
      hazards: [],
      inSchool: 'yes',
    },
    consent: null,
    referrals: [],
    followUps: [],
    status: 'identified',
  };
}

beforeEach(async () => {
  await Promise.all(
    ['cases', 'inspections', 'trainings', 'activities', 'outbox', 'settings', 'tallies', 'tallyMonths'].map(
      (name) => db.table(name).clear(),
    ),
  );
  await loadSettings();
  await saveSetting('homeCountry', 'KH');
  await saveSetting('deviceLabel', 'Tablet 7');
  await reloadLocations();
  vi.mocked(download).mockClear();
});

/**
 * March 2026 in Cambodia: cases of two girls of 13 and a boy of 9 (a girl in Bangkok does not count), a
 * training, an inspection finding a girl of 15; February: one case, a girl of 10.
 */
async function seed() {
  await saveCase(aCase('2026-03-05', 'female', 13));
  await saveCase(aCase('2026-03-09', 'female', 13, 'KH-17'));
  const boy = await saveCase(aCase('2026-03-20', 'male', 9));
  await saveCase(aCase('2026-03-11', 'female', 13, 'TH-10'));
  await saveCase(aCase('2026-02-14', 'female', 10));
  await saveTraining({
    orgUnit: 'KH-12',
    startDate: '2026-03-02',
    endDate: '2026-03-03',
    title: 'Child labour law',
    topics: ['child_labour_law'],
    modality: 'in_person',
    participants: [
      { key: newId(), sex: 'female', agency: 'police', orgUnit: 'KH-12', completed: true },
      { key: newId(), sex: 'male', agency: 'police', orgUnit: 'KH-12', completed: false },
    ],
  });
  await saveInspection({
    orgUnit: 'KH-12',
    date: '2026-03-14',
    type: 'routine',
    announced: true,
    establishment: { name: 'Sok brick kiln', isic: 'C', formality: 'informal', hardToReach: true },
    childLabourToolUsed: true,
    children: [
      { key: newId(), sex: 'female', age: 15, ageEstimated: false, hazardous: 'yes', worstForm: 'none' },
    ],
    outcomes: [],
  });
  return { boy };
}

const HIDE_SMALL = 'Hide small numbers (1–4) on screen and in print';

const section = (name: string) =>
  screen.getByRole('heading', { level: 2, name }).closest('section') as HTMLElement;

async function openMarch() {
  render(<Report params={{}} />);
  fireEvent.input(screen.getByLabelText('Month'), { target: { value: '2026-03' } });
  await screen.findByRole('heading', { level: 2, name: 'Children identified' });
}

/** The last downloaded file: its name and its bytes as text, with the BOM kept. */
async function lastDownload() {
  const [blob, name] = vi.mocked(download).mock.calls.at(-1)!;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { name, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

describe('Report', { timeout: 60_000 }, () => {
  it('defaults to last month at the home country, and says when nothing was recorded', async () => {
    render(<Report params={{}} />);
    const month = screen.getByLabelText('Month') as HTMLInputElement;
    expect(month.value).toMatch(/^\d{4}-\d{2}$/);
    expect((screen.getByLabelText(/^Location/) as HTMLSelectElement).value).toBe('KH');
    await screen.findByText(/^Nothing was recorded in .+ in Cambodia\.$/);
    // The survey-based Annex 2 indicators are listed as such.
    const survey = screen.getByRole('region', { name: 'From national surveys' });
    expect(within(survey).getAllByText(/From national surveys, not computed here/).length).toBeGreaterThan(3);
  });

  it('shows totals, crossed tables with translated labels and the change since the month before', async () => {
    await seed();
    await openMarch();
    // The seed's numbers are all small: see them raw, as for internal use.
    await userEvent.setup().click(screen.getByLabelText(HIDE_SMALL));
    const identified = section('Children identified');
    expect(within(identified).getByText('Total: 3')).toBeTruthy();
    expect(within(identified).getByText('+2 since February 2026')).toBeTruthy();

    const table = within(identified).getByRole('table', { name: 'Children identified, by Sex and Age band' });
    const girls = within(table).getByRole('row', { name: /^Girl/ });
    const cols = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(cols).toEqual(['Sex', '5–11 years', '12–14 years', 'Total', 'Change since February 2026']);
    expect(
      within(girls)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['0', '2', '2', '+1']);
    const boys = within(table).getByRole('row', { name: /^Boy/ });
    expect(
      within(boys)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['1', '0', '1', '+1']);
    // The chart has a name and text labels.
    const chart = within(identified).getByRole('figure', {
      name: /^Bar chart: Children identified, by Sex$/,
    });
    expect(chart.textContent).toContain('Girl');

    // A trainee is "Female", not "Girl"; a participant who did not complete is not counted.
    const trained = section('People trained');
    expect(within(trained).getByText('Total: 1')).toBeTruthy();
    const byAgency = within(trained).getByRole('table', { name: /^People trained, by Sex and Agency$/ });
    expect(within(byAgency).getByRole('rowheader', { name: 'Female' })).toBeTruthy();
    const inspections = section('Labour inspections');
    expect(within(inspections).getByText('Total: 1')).toBeTruthy();
    expect(within(inspections).getByText('+1 since February 2026')).toBeTruthy();
    expect(within(section('Children found in inspections')).getByText('Total: 1')).toBeTruthy();
    const activities = section('Activities');
    expect(within(activities).getByText('No change since February 2026')).toBeTruthy();
    expect(within(activities).queryByRole('table')).toBeNull();

    // Phnom Penh alone: the case in Siem Reap (KH-17) drops out.
    await userEvent.setup().selectOptions(screen.getByLabelText(/^Location/), 'KH-12');
    await waitFor(() => expect(within(section('Children identified')).getByText('Total: 2')).toBeTruthy());
  });

  it('hides small numbers on screen by default, so that no total or change gives them away', async () => {
    // March: two girls of 13 and seven boys of 9; February: one girl of 13.
    for (let i = 0; i < 2; i++) await saveCase(aCase('2026-03-05', 'female', 13));
    for (let i = 0; i < 7; i++) await saveCase(aCase('2026-03-06', 'male', 9));
    await saveCase(aCase('2026-02-10', 'female', 13));
    const user = userEvent.setup();
    await openMarch();
    const toggle = screen.getByLabelText(HIDE_SMALL) as HTMLInputElement;
    expect(toggle.checked).toBe(true);

    const identified = section('Children identified');
    const table = within(identified).getByRole('table', { name: 'Children identified, by Sex and Age band' });
    const cells = (name: RegExp) =>
      within(within(table).getByRole('row', { name }))
        .getAllByRole('cell')
        .map((td) => td.textContent);
    const girls = cells(/^Girl/);
    expect(girls).toContain('<5');
    expect(girls).not.toContain('2');
    // The girls' total and change are hidden, and so is the change of every hidden cell.
    expect(girls.slice(-2)).toEqual([expect.stringMatching(/^(<5|x)$/), 'hidden']);
    // Boys' row total and the grand total together would give 9 − 7 = 2: at most one of them is shown.
    const boys = cells(/^Boy/);
    const foot = cells(/^Total/);
    const shownNumbers = [boys.at(-2), foot.at(-2)].filter((x) => /^\d+$/.test(x ?? ''));
    expect(shownNumbers.length).toBeLessThan(2);
    // The same for the 12–14 column: its total is not shown, nor does the grand total minus 5–11 give it.
    expect(foot[1]).toMatch(/^(<5|x)$/);
    // Nowhere in the section, nor in the summary, is a 2 or a change that leads to it.
    const numbers = [...identified.querySelectorAll('td, .bar-value')].map((el) => el.textContent);
    expect(numbers).not.toContain('2');
    expect(numbers).toContain('<5');
    expect(within(identified).getByText(/^Total: /).textContent).toMatch(/^Total: (9|x)$/);
    expect(identified.querySelector('.report-total .change')?.textContent).toBe(
      'Change since February 2026: hidden (small numbers)',
    );
    const summary = within(screen.getByRole('table', { name: /all indicators$/ })).getByRole('row', {
      name: /^Children identified/,
    });
    const [total, totalChange] = within(summary)
      .getAllByRole('cell')
      .map((td) => td.textContent);
    // Last month's 1 is hidden too, so this month's change does not show however the total is shown.
    expect(totalChange).toBe('hidden');
    expect(total === '9' || total === 'x').toBe(true);
    // The bar for girls is not drawn; its row says it is hidden.
    const chart = within(identified).getByRole('figure', {
      name: /^Bar chart: Children identified, by Sex$/,
    });
    const girlBar = within(chart).getByText('Girl').closest('li') as HTMLElement;
    expect(girlBar.querySelector('.bar')).toBeNull();
    expect(girlBar.textContent).toMatch(/(<5|x) \(hidden\)/);
    // The printed sheet says so.
    expect(document.querySelector('.print-header')?.textContent).toContain('Hidden: 1–4 show as <5');

    await user.click(toggle);
    expect(cells(/^Girl/)).toEqual(['0', '2', '2', '+1']);
    expect(cells(/^Boy/)).toEqual(['7', '0', '7', '+7']);
    expect(within(section('Children identified')).getByText('Total: 9')).toBeTruthy();
    expect(document.querySelector('.print-header')?.textContent).toContain('internal use only');
  });

  it('prints with a header naming the place, month and device', async () => {
    await seed();
    const print = vi.fn();
    window.print = print;
    await openMarch();
    const header = document.querySelector('.print-header') as HTMLElement;
    expect(header.textContent).toContain('Cambodia');
    expect(header.textContent).toContain('March 2026');
    expect(header.textContent).toContain('Tablet 7');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('downloads the CSV with small numbers hidden by default, and raw with the toggle off', async () => {
    await seed();
    const user = userEvent.setup();
    await openMarch();
    const toggle = screen.getByLabelText('Hide small numbers (1–4) — for sharing') as HTMLInputElement;
    expect(toggle.checked).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await screen.findByText('Saved pelita-KH-2026-03.csv.');
    let file = await lastDownload();
    expect(file.name).toBe('pelita-KH-2026-03.csv');
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    let [head, ...rows] = parseCsv(file.text);
    expect(head).toEqual([
      'period',
      'orgUnit',
      'orgUnitName',
      'indicator',
      'indicatorLabel',
      'disaggregation',
      'disaggregationLabel',
      'value',
    ]);
    const identified = rows.filter((r) => r[3] === 'CHILDREN_IDENTIFIED');
    const cell = identified.find((r) => r[5] === 'ageBand=12-14;sex=female');
    expect(cell).toEqual([
      '2026-03',
      'KH',
      'Cambodia',
      'CHILDREN_IDENTIFIED',
      'Children identified',
      'ageBand=12-14;sex=female',
      'Age band: 12–14 years; Sex: Girl',
      '<5',
    ]);
    expect(identified.every((r) => r[7] === '<5' || r[7] === 'x' || Number(r[7]) >= 5)).toBe(true);

    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(2));
    file = await lastDownload();
    [head, ...rows] = parseCsv(file.text);
    const raw = rows.filter((r) => r[3] === 'CHILDREN_IDENTIFIED');
    const sum = (f: (r: string[]) => boolean) => raw.filter(f).reduce((n, r) => n + Number(r[7]), 0);
    expect(sum(() => true)).toBe(3);
    expect(sum((r) => r[5]!.includes('sex=female') && r[5]!.includes('ageBand=12-14'))).toBe(2);
    expect(sum((r) => r[5]!.includes('sex=male'))).toBe(1);
    expect(raw.every((r) => r[6]!.includes('Nationality: National'))).toBe(true);
  });

  it('downloads a range of months in one CSV and refuses a range that runs backwards', async () => {
    await seed();
    const user = userEvent.setup();
    await openMarch();
    await user.click(screen.getByLabelText('Hide small numbers (1–4) — for sharing'));
    fireEvent.input(screen.getByLabelText('From month'), { target: { value: '2026-04' } });
    expect(screen.getByText('The first month must not be after the last month.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Download CSV' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('From month'), { target: { value: '2026-02' } });
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await screen.findByText('Saved pelita-KH-2026-02_2026-03.csv.');
    const rows = parseCsv((await lastDownload()).text).slice(1);
    const total = (period: string) =>
      rows
        .filter((r) => r[0] === period && r[3] === 'CHILDREN_IDENTIFIED')
        .reduce((n, r) => n + Number(r[7]), 0);
    expect([total('2026-02'), total('2026-03')]).toEqual([1, 3]);
  });

  it('exports DHIS2 data with period YYYYMM and sends a zero after a count fell to zero', async () => {
    const { boy } = await seed();
    const user = userEvent.setup();
    await openMarch();
    expect(screen.getByText(DHIS2_IMPORT_OPTIONS)).toBeTruthy();
    expect(DHIS2_IMPORT_OPTIONS).toBe(`POST ${DHIS2_IMPORT_PATH}`);

    await user.click(screen.getByRole('button', { name: 'Download DHIS2 data' }));
    await screen.findByText(/^Saved pelita-dhis2-KH-2026-03\.json/);
    type Payload = { period: string; orgUnit: string; dataValues: Array<Record<string, string>> };
    let payload = JSON.parse((await lastDownload()).text) as Payload;
    expect(payload.period).toBe('202603');
    expect(payload.orgUnit).toBe('KH');
    const boys = (p: Payload) =>
      p.dataValues.find(
        (d) => d.dataElement === 'PELITA_CHILDREN_IDENTIFIED' && d.categoryOptionCombo === 'MALE_AGE_5_11',
      );
    expect(boys(payload)?.value).toBe('1');

    await deleteCase(boy.id);
    await user.click(screen.getByRole('button', { name: 'Download DHIS2 data' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(2));
    payload = JSON.parse((await lastDownload()).text) as Payload;
    expect(boys(payload)?.value).toBe('0');
    const girls = payload.dataValues.find((d) => d.categoryOptionCombo === 'FEMALE_AGE_12_14');
    expect(girls?.value).toBe('2');
  });
});
