// The privacy rule of sync (SPEC §6, §9): a case with a name, a guardian contact and free-text notes gives a
// report of counts only, and that report is all that is handed to the network (src/sync/upstream.ts, mocked).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { saveInspection } from '../../src/inspections/repo';
import { inspection as inspectionSchema } from '../../src/inspections/schema';
import { newId } from '../../src/lib/ids';
import { acceptPreview, saveEnrolment } from '../../src/sync/enrolment';
import { reportBody } from '../../src/sync/protocol';
import { buildReport, syncNow } from '../../src/sync/sync';
import { getConfig, putReport, putStatus } from '../../src/sync/upstream';
import { aCase } from '../helpers/factories';

vi.mock('../../src/sync/upstream', () => ({ putReport: vi.fn(), getConfig: vi.fn(), putStatus: vi.fn() }));
const put = vi.mocked(putReport);
const status = vi.mocked(putStatus);

beforeEach(async () => {
  put.mockReset();
  put.mockResolvedValue({ kind: 'ok', status: 'stored' });
  status.mockReset();
  status.mockResolvedValue({ kind: 'ok' });
  vi.mocked(getConfig).mockResolvedValue({ kind: 'unchanged' });
  await db.delete();
  await db.open();
  await saveEnrolment({
    serverUrl: 'https://pelita.example.org',
    deviceId: 'd',
    token: 't',
    enrolledAt: '2026-01-01T00:00:00Z',
  });
  await acceptPreview();
});

describe('the report never carries personal data', () => {
  const NAME = 'Sokha Chantrea Vong';
  const CONTACT = 'Aunt Mealea, +855 12 345 678';
  const NOTES = 'Lives behind the rice mill with her uncle';
  const FOLLOW_UP = 'Teacher says she is back at school';

  it('a case with a name, a guardian contact and notes gives counts only', async () => {
    const saved = await saveCase(
      aCase({
        child: { name: NAME, guardianContact: CONTACT },
        referrals: [
          { key: newId(), service: 'education_formal', referredOn: '2026-03-02', status: 'referred' },
        ],
        followUps: [
          {
            key: newId(),
            date: '2026-03-10',
            stillWorking: 'no',
            inSchool: 'yes',
            serviceReceived: 'yes',
            notes: FOLLOW_UP,
          },
        ],
        notes: NOTES,
        status: 'referred',
      }),
    );
    const body = await buildReport('2026-03', 'KH-12', 1);
    const identified = body.values.filter((v) => v.indicator === 'CHILDREN_IDENTIFIED');
    expect(identified.reduce((n, v) => n + v.value, 0)).toBe(1);

    await syncNow({ force: true });
    expect(put).toHaveBeenCalledTimes(1);
    // The "heard from" status at the end of the run carries how many months wait, never what is in them.
    expect(status).toHaveBeenCalledTimes(1);
    expect(Object.keys(status.mock.calls[0]![2]).sort()).toEqual([
      'appVersion',
      'oldestPendingPeriod',
      'pending',
      'syncedAt',
    ]);
    for (const json of [
      JSON.stringify(body),
      JSON.stringify(put.mock.calls),
      JSON.stringify(status.mock.calls),
    ]) {
      for (const secret of [NAME, CONTACT, NOTES, FOLLOW_UP, saved.caseCode, saved.id, 'Sokha', '345 678']) {
        expect(json).not.toContain(secret);
      }
    }
    // Only the keys of the wire format, at every level: the strict schema refuses anything else.
    expect(reportBody.safeParse(put.mock.calls[0]![4]).success).toBe(true);
    expect(Object.keys(body).sort()).toEqual(['generatedAt', 'revision', 'schema', 'values']);
    for (const v of body.values)
      expect(Object.keys(v).sort()).toEqual(['disaggregation', 'indicator', 'value']);
  });

  it("an inspection's GPS point stays on the device: no request carries it", async () => {
    const saved = await saveInspection({
      orgUnit: 'KH-12',
      date: '2026-03-14',
      type: 'routine',
      announced: false,
      establishment: {
        name: 'Sok brick kiln',
        isic: 'C',
        formality: 'informal',
        hardToReach: true,
        point: { lat: 11.556412, lon: 104.928211, accuracy: 12, at: '2026-03-14T09:30:00.000Z' },
      },
      childLabourToolUsed: true,
      children: [
        { key: newId(), sex: 'female', age: 13, ageEstimated: false, hazardous: 'yes', worstForm: 'none' },
      ],
      outcomes: ['warning'],
    });
    expect((await db.inspections.get(saved.id))?.establishment.point?.lat).toBe(11.556412);
    await syncNow({ force: true });
    expect(put).toHaveBeenCalled();
    const sent = JSON.stringify([put.mock.calls, status.mock.calls]);
    for (const secret of ['11.556', '104.928', 'accuracy', 'point', 'Sok brick kiln']) {
      expect(sent).not.toContain(secret);
    }
  });
});

describe('the inspection schema with the GPS point', () => {
  it('accepts inspections saved before the point existed, and refuses a point off the globe', () => {
    const old = {
      id: newId(),
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      deletedAt: null,
      periods: ['2026-01'],
      orgUnit: 'KH-12',
      date: '2026-01-10',
      type: 'routine',
      announced: true,
      establishment: { name: 'Old kiln', isic: 'C', formality: 'formal', hardToReach: false },
      childLabourToolUsed: false,
      children: [],
      outcomes: ['no_violation'],
    };
    expect(inspectionSchema.safeParse(old).success).toBe(true);
    const bad = {
      ...old,
      establishment: { ...old.establishment, point: { lat: 95, lon: 0, accuracy: 1, at: 'x' } },
    };
    expect(inspectionSchema.safeParse(bad).success).toBe(false);
  });
});
