// The top-level error boundary (STYLE "Errors"): when a screen breaks, the person reads what happened in
// their language and can still save every record on the device with "Export my data".
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../src/app/ErrorBoundary';
import { db } from '../../src/db/db';
import { DUMP_FORMAT } from '../../src/export/dump';
import { t } from '../../src/i18n/i18n';
import { PelitaError } from '../../src/lib/errors';

const download = vi.hoisted(() => vi.fn<(blob: Blob, filename: string) => void>());
vi.mock('../../src/ui/download', () => ({ download }));

function Broken({ error }: { error: unknown }): null {
  throw error;
}

beforeEach(async () => {
  // Broken screens log to the console on purpose; keep the test output for real problems.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await Promise.all(db.tables.map((table) => table.clear()));
});
afterEach(() => {
  vi.restoreAllMocks();
  download.mockClear();
});

describe('ErrorBoundary', () => {
  it('shows its children while nothing is wrong', () => {
    render(
      <ErrorBoundary>
        <p>All well</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText('All well')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("says what went wrong in the person's words, with Export my data and Reload", () => {
    render(
      <ErrorBoundary>
        <Broken error={new PelitaError('errors.quotaExceeded')} />
      </ErrorBoundary>,
    );
    const alert = screen.getByRole('alert');
    expect(screen.getByRole('heading', { name: t('errorBoundary.title') })).toBeTruthy();
    expect(alert.textContent).toContain(t('errors.quotaExceeded'));
    expect(alert.textContent).toContain(t('errorBoundary.safe'));
    expect(screen.getByRole('button', { name: t('errorBoundary.export') })).toBeTruthy();
    expect(screen.getByRole('button', { name: t('errorBoundary.reload') })).toBeTruthy();
  });

  it('an unknown error gets the general message, never a stack trace', () => {
    render(
      <ErrorBoundary>
        <Broken error={new TypeError("Cannot read properties of undefined (reading 'x')")} />
      </ErrorBoundary>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(t('errors.unexpected'));
    expect(alert.textContent).not.toContain('Cannot read');
  });

  it('"Export my data" downloads one JSON file with every table of the database', async () => {
    await db.inspections.put({ id: 'i-1', orgUnit: 'KH-12', periods: ['2025-03'] } as never);
    await db.cases.put({ id: 'c-1', caseCode: 'KH-12-2025-0001', orgUnit: 'KH-12', periods: [] } as never);
    await db.trainings.put({ id: 't-1', orgUnit: 'KH-12', periods: [] } as never);
    await db.activities.put({ id: 'a-1', orgUnit: 'KH-12', periods: [] } as never);
    await db.outbox.put({ key: '2025-03|KH-12', period: '2025-03', orgUnit: 'KH-12', revision: 2 } as never);
    await db.drafts.put({ key: 'cases:new', value: { child: { name: 'Dara' } }, savedAt: '2025-03-01' });
    await db.settings.put({ key: 'language', value: 'km' });

    render(
      <ErrorBoundary>
        <Broken error={new Error('boom')} />
      </ErrorBoundary>,
    );
    await userEvent.click(screen.getByRole('button', { name: t('errorBoundary.export') }));
    await vi.waitFor(() => expect(download).toHaveBeenCalledTimes(1));

    const [blob, filename] = download.mock.calls[0]!;
    expect(filename).toMatch(/^pelita-data-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.json$/);
    expect(blob.type).toBe('application/json');
    const dump = JSON.parse(await blob.text()) as {
      format: string;
      dbVersion: number;
      tables: Record<string, Array<Record<string, unknown>>>;
    };
    expect(dump.format).toBe(DUMP_FORMAT);
    expect(dump.dbVersion).toBe(db.verno);
    // Every table, even one this test did not fill, so a newer table is never left out of the escape hatch.
    expect(Object.keys(dump.tables).sort()).toEqual(db.tables.map((table) => table.name).sort());
    for (const table of db.tables) {
      expect(dump.tables[table.name], table.name).toEqual(await table.toArray());
    }
    expect(dump.tables.cases?.[0]).toMatchObject({ caseCode: 'KH-12-2025-0001' });
    expect(dump.tables.drafts?.[0]).toMatchObject({ value: { child: { name: 'Dara' } } });
    expect(dump.tables.settings).toEqual([{ key: 'language', value: 'km' }]);
  });
});
