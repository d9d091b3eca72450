// The monthly report: records saved through their repos show up as totals, crossed tables and changes against
// the month before, for a location and everything within it; the screen shows the true numbers and marks those
// a shared copy hides (only counts of children); paper and CSV hide them unless the one remembered switch is
// off; the CSV and DHIS2 downloads carry those numbers, and DHIS2 is told explicitly when a count fell to zero.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type CaseInput, deleteCase, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { parseCsv } from '../../src/export/csv';
import { DHIS2_IMPORT_PATH } from '../../src/export/dhis2';
import { DHIS2_IMPORT_OPTIONS } from '../../src/export/downloads';
import { saveInspection } from '../../src/inspections/repo';
import { newId } from '../../src/lib/ids';
import { reloadLocations } from '../../src/locations/repo';
import { loadSettings, saveSetting } from '../../src/settings/repo';
import { Report } from '../../src/tally/Report';
import { resetReportPrefs } from '../../src/tally/report-prefs';
import { saveTraining } from '../../src/trainings/repo';
import { download } from '../../src/ui/download';
import { aCase } from '../helpers/factories';

vi.mock('../../src/ui/download', () => ({ download: vi.fn() }));

/** A case with no name, as a report counts it: the day, the child's sex and age, and the place. */
function counted(
  identifiedOn: string,
  sex: 'female' | 'male',
  ageYears: number,
  orgUnit = 'KH-12',
): CaseInput {
  return aCase({
    identifiedOn,
    orgUnit,
    channel: 'hotline',
    child: { name: undefined, sex, ageYears },
    work: { inSchool: 'yes' },
    consent: null,
    referrals: [],
    followUps: [],
    status: 'identified',
  });
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
  resetReportPrefs();
  vi.mocked(download).mockClear();
});

/** What a cell prints: its shared form where a shared copy hides it (print CSS writes `data-shared`). */
const paper = (el: Element) =>
  el.classList.contains('would-hide') ? el.getAttribute('data-shared') : el.textContent;
/** An indicator's "Total: N" line as seen on screen (without the words for a screen reader). */
const totalOf = (el: Element) => {
  const strong = el.querySelector('.report-total strong')!.cloneNode(true) as Element;
  for (const hidden of strong.querySelectorAll('.visually-hidden')) hidden.remove();
  return strong.textContent;
};
/** What a cell shows on screen, without the words that say it is hidden when shared. */
const screenText = (el: Element) => el.querySelector('.own')?.firstChild?.textContent ?? el.textContent;

/**
 * March 2026 in Cambodia: cases of two girls of 13 and a boy of 9 (a girl in Bangkok does not count), a
 * training, an inspection finding a girl of 15; February: one case, a girl of 10.
 */
async function seedInspection() {
  await saveInspection({
    orgUnit: 'KH-12',
    date: '2026-03-14',
    type: 'routine',
    announced: true,
    establishment: { name: 'Sok brick kiln', isic: 'C', formality: 'informal', hardToReach: true },
    childLabourToolUsed: true,
    children: [],
    outcomes: [],
  });
}

async function seed() {
  await saveCase(counted('2026-03-05', 'female', 13));
  await saveCase(counted('2026-03-09', 'female', 13, 'KH-17'));
  const boy = await saveCase(counted('2026-03-20', 'male', 9));
  await saveCase(counted('2026-03-11', 'female', 13, 'TH-10'));
  await saveCase(counted('2026-02-14', 'female', 10));
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

const HIDE_SMALL = 'Hide small counts of children in shared copies (print and CSV)';

const section = (name: string) =>
  screen.getByRole('heading', { level: 2, name }).closest('section') as HTMLElement;

async function openMarch() {
  render(<Report params={{}} />);
  fireEvent.input(await screen.findByLabelText('Month'), { target: { value: '2026-03' } });
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
    const month = (await screen.findByLabelText('Month')) as HTMLInputElement;
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
    expect(totalOf(identified)).toBe('Total: 3');
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
    expect(totalOf(trained)).toBe('Total: 1');
    const byAgency = within(trained).getByRole('table', { name: /^People trained, by Sex and Agency$/ });
    expect(within(byAgency).getByRole('rowheader', { name: 'Female' })).toBeTruthy();
    const inspections = section('Labour inspections');
    expect(totalOf(inspections)).toBe('Total: 1');
    expect(within(inspections).getByText('+1 since February 2026')).toBeTruthy();
    expect(totalOf(section('Children found in inspections'))).toBe('Total: 1');
    // Nothing this month or last: one line in a list, not a section each.
    const none = screen.getByRole('heading', { name: 'Nothing recorded in March 2026 or the month before' });
    expect(none.closest('section')?.textContent).toContain('Activities');
    expect(screen.queryByRole('heading', { level: 2, name: 'Activities' })).toBeNull();

    // Phnom Penh alone: the case in Siem Reap (KH-17) drops out.
    await userEvent.setup().selectOptions(screen.getByLabelText(/^Location/), 'KH-12');
    await waitFor(() => expect(totalOf(section('Children identified'))).toBe('Total: 2'));
  });

  it('shows the true numbers on screen, marks what a shared copy hides, and prints the shared copy', async () => {
    // March: two girls of 13 and seven boys of 9; February: one girl of 13.
    for (let i = 0; i < 2; i++) await saveCase(counted('2026-03-05', 'female', 13));
    for (let i = 0; i < 7; i++) await saveCase(counted('2026-03-06', 'male', 9));
    await saveCase(counted('2026-02-10', 'female', 13));
    await seedInspection();
    const user = userEvent.setup();
    await openMarch();
    const toggle = screen.getByLabelText(HIDE_SMALL) as HTMLInputElement;
    expect(toggle.checked).toBe(true);

    const identified = section('Children identified');
    const table = within(identified).getByRole('table', { name: 'Children identified, by Sex and Age band' });
    const row = (name: RegExp) => within(within(table).getByRole('row', { name })).getAllByRole('cell');
    // On screen: the true numbers, the girls' 2 marked as hidden in shared copies.
    expect(row(/^Girl/).map(screenText)).toEqual(['0', '2', '2', '+1']);
    const girlCell = row(/^Girl/)[1]!;
    expect(girlCell.classList.contains('would-hide')).toBe(true);
    expect(girlCell.textContent).toContain('(hidden in shared copies)');
    expect(screen.getByText(/dotted underline are hidden in shared copies/)).toBeTruthy();

    // On paper: the girls' cell, total and change are hidden, and so is the change of every hidden cell.
    const girls = row(/^Girl/).map(paper);
    expect(girls).toContain('<5');
    expect(girls).not.toContain('2');
    expect(girls.slice(-2)).toEqual([expect.stringMatching(/^(<5|x)$/), 'hidden']);
    // Boys' row total and the grand total together would give 9 − 7 = 2: at most one of them is printed.
    const boys = row(/^Boy/).map(paper);
    const foot = row(/^Total/).map(paper);
    const printed = [boys.at(-2), foot.at(-2)].filter((x) => /^\d+$/.test(x ?? ''));
    expect(printed.length).toBeLessThan(2);
    expect(foot[1]).toMatch(/^(<5|x)$/);
    // Nowhere on the section's paper is a 2 or a change that leads to it.
    const numbers = [...identified.querySelectorAll('td, .bar-value')].map(paper);
    expect(numbers).not.toContain('2');
    expect(numbers).toContain('<5');
    const totalLine = identified.querySelector('.report-total strong .would-hide, .report-total strong span');
    expect(paper(totalLine!)).toMatch(/^(9|x)$/);
    expect(paper(identified.querySelector('.report-total .change')!)).toBe(
      'Change since February 2026: hidden (small numbers)',
    );
    // The bar for girls is drawn on screen, not on paper: its row says what it prints.
    const chart = within(identified).getByRole('figure', {
      name: /^Bar chart: Children identified, by Sex$/,
    });
    const girlBar = within(chart).getByText('Girl').closest('li') as HTMLElement;
    expect(girlBar.classList.contains('bar-would-hide')).toBe(true);
    expect(paper(girlBar.querySelector('.bar-value')!)).toMatch(/^(<5|x)$/);
    // Inspections are never hidden: 1 is 1, on screen and on paper.
    const inspections = section('Labour inspections');
    expect(inspections.querySelector('.would-hide')).toBeNull();
    expect(totalOf(inspections)).toBe('Total: 1');
    expect(document.querySelector('.print-header')?.textContent).toContain('Hidden: 1–4 show as <5');

    // Off: shared copies show every number; nothing is marked.
    await user.click(toggle);
    expect(row(/^Girl/).map(paper)).toEqual(['0', '2', '2', '+1']);
    expect(row(/^Boy/).map(paper)).toEqual(['7', '0', '7', '+7']);
    expect(document.querySelector('.report .would-hide')).toBeNull();
    expect(document.querySelector('.print-header')?.textContent).toContain('internal use only');
  });

  it('remembers the month, the location and the switch for shared copies', async () => {
    await seed();
    const user = userEvent.setup();
    const first = render(<Report params={{}} />);
    fireEvent.input(await screen.findByLabelText('Month'), { target: { value: '2026-03' } });
    await user.selectOptions(screen.getByLabelText(/^Location/), 'KH-12');
    await user.click(screen.getByLabelText(HIDE_SMALL));
    await waitFor(async () =>
      expect(await db.settings.get('report.prefs')).toMatchObject({
        value: { month: '2026-03', orgUnit: 'KH-12', shareHidden: false },
      }),
    );
    first.unmount();
    resetReportPrefs(); // as after a restart: read again from storage
    render(<Report params={{}} />);
    expect(((await screen.findByLabelText('Month')) as HTMLInputElement).value).toBe('2026-03');
    expect((screen.getByLabelText(/^Location/) as HTMLSelectElement).value).toBe('KH-12');
    expect((screen.getByLabelText(HIDE_SMALL) as HTMLInputElement).checked).toBe(false);
  });

  it('says how many of the month’s records were out of age scope', async () => {
    await seed();
    await saveCase(counted('2026-03-07', 'male', 4));
    await saveCase(counted('2026-03-08', 'female', 18));
    await openMarch();
    expect(screen.getByText('Out of age scope: 2')).toBeTruthy();
    expect(totalOf(section('Children identified'))).toBe('Total: 3');
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
    const toggle = screen.getByLabelText(HIDE_SMALL) as HTMLInputElement;
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
      'table',
      'row',
      'disaggregation',
      'disaggregationLabel',
      'value',
    ]);
    const identified = rows.filter((r) => r[3] === 'CHILDREN_IDENTIFIED');
    const cell = identified.find((r) => r[7] === 'sex=female');
    expect(cell).toEqual([
      '2026-03',
      'KH',
      'Cambodia',
      'CHILDREN_IDENTIFIED',
      'Children identified',
      'sex',
      'cell',
      'sex=female',
      'Sex: Girl',
      '<5',
    ]);
    expect(identified.every((r) => r[9] === '<5' || r[9] === 'x' || Number(r[9]) >= 5)).toBe(true);
    // Every breakdown is published; inspections and trained officials are never hidden.
    for (const key of ['sex', 'ageBand', 'nationalityGroup', 'category', 'sector'])
      expect(identified.some((r) => r[5] === key)).toBe(true);
    const trained = rows.filter((r) => r[3] === 'PEOPLE_TRAINED' && r[6] === 'total');
    expect(trained.map((r) => r[9])).toEqual(['1']);

    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(2));
    file = await lastDownload();
    [head, ...rows] = parseCsv(file.text);
    // One filter, row = cell, and the sum is right.
    const raw = rows.filter((r) => r[3] === 'CHILDREN_IDENTIFIED' && r[6] === 'cell');
    const sum = (f: (r: string[]) => boolean) => raw.filter(f).reduce((n, r) => n + Number(r[9]), 0);
    expect(sum(() => true)).toBe(3);
    expect(sum((r) => r[7]!.includes('sex=female') && r[7]!.includes('ageBand=12-14'))).toBe(2);
    expect(sum((r) => r[7]!.includes('sex=male'))).toBe(1);
    expect(raw.every((r) => r[8]!.includes('Nationality: National'))).toBe(true);
  });

  it('downloads a range of months in one CSV and refuses a range that runs backwards', async () => {
    await seed();
    const user = userEvent.setup();
    await openMarch();
    await user.click(screen.getByLabelText(HIDE_SMALL));
    fireEvent.input(screen.getByLabelText('From month'), { target: { value: '2026-04' } });
    expect(screen.getByText('The first month must not be after the last month.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Download CSV' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('From month'), { target: { value: '2026-02' } });
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await screen.findByText('Saved pelita-KH-2026-02_2026-03.csv.');
    const rows = parseCsv((await lastDownload()).text).slice(1);
    const total = (period: string) =>
      rows
        .filter((r) => r[0] === period && r[3] === 'CHILDREN_IDENTIFIED' && r[6] === 'cell')
        .reduce((n, r) => n + Number(r[9]), 0);
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
