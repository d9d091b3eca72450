// Handing a case over (issue 15 item 6): the file opens only with its passphrase, carries the whole history,
// and counting moves with the case — the sender's tally drops it once marked transferred, the receiver's
// counts it, and no month counts it twice. Two devices are one database here, wiped between them.
import { beforeEach, describe, expect, it } from 'vitest';
import { caseload, exportCases, importCases, markTransferred } from '../../src/cases/handover';
import { getCase, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { buildReport } from '../../src/sync/sync';
import { aCase } from '../helpers/factories';

const FEW = 1_000;
const PASS = 'blue heron at dawn';

/** How many children this device counts as identified in a month (what its report would say). */
async function identified(period: string) {
  const body = await buildReport(period, 'KH-12', 1);
  return body.values.filter((v) => v.indicator === 'CHILDREN_IDENTIFIED').reduce((n, v) => n + v.value, 0);
}
const referred = async (period: string) =>
  (await buildReport(period, 'KH-12', 1)).values
    .filter((v) => v.indicator === 'REFERRALS_BY_SERVICE')
    .reduce((n, v) => n + v.value, 0);

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('case handover', () => {
  it('moves a case with its history; the tallies of both devices count it once', async () => {
    const sent = await saveCase(aCase());
    await saveCase({ ...aCase(), child: { ...aCase().child, name: 'Dara' } });
    expect(await identified('2026-03')).toBe(2);
    const file = await exportCases([sent.id], PASS, FEW);
    expect(file).not.toContain('Sokha');
    expect(file).not.toContain(sent.caseCode);

    // The sender: marked transferred, it stops counting here (March and April both).
    await markTransferred([sent.id]);
    expect(await identified('2026-03')).toBe(1);
    const senderApril = await referred('2026-04');
    expect((await caseload()).map((c) => c.id)).not.toContain(sent.id);

    // The receiver: a device of its own (wiped), which counts the case from the file.
    await db.delete();
    await db.open();
    const { imported } = await importCases(file, PASS);
    expect(imported.map((c) => c.caseCode)).toEqual([sent.caseCode]);
    const here = await getCase(sent.id);
    expect(here?.child.name).toBe('Sokha');
    expect(here?.followUps[0]?.notes).toBe('Back at school');
    expect(here?.referrals[0]?.status).toBe('accepted');
    expect(here?.createdAt).toBe(sent.createdAt);
    expect(await identified('2026-03')).toBe(1);
    // April: the referral counts on the receiver only; the sender's April is what the other case left.
    expect((await referred('2026-04')) + senderApril).toBe(2);
    expect(await db.outbox.count()).toBeGreaterThan(0);
  });

  it('refuses a wrong passphrase, a file that is not a handover, and a short passphrase, changing nothing', async () => {
    const c = await saveCase(aCase());
    const file = await exportCases([c.id], PASS, FEW);
    await db.delete();
    await db.open();
    await expect(importCases(file, 'not the passphrase')).rejects.toMatchObject({
      code: 'cases.handover.errors.wrongPassphrase',
    });
    await expect(importCases('{"format":"pelita.backup/1"}', PASS)).rejects.toMatchObject({
      code: 'cases.handover.errors.notAFile',
    });
    await expect(exportCases([c.id], 'short', FEW)).rejects.toMatchObject({
      code: 'cases.handover.errors.shortPassphrase',
    });
    expect(await db.cases.count()).toBe(0);
  });

  it('hands over a whole caseload in one file', async () => {
    await saveCase(aCase());
    await saveCase(aCase());
    const all = await caseload();
    const file = await exportCases(
      all.map((c) => c.id),
      PASS,
      FEW,
    );
    await db.delete();
    await db.open();
    expect((await importCases(file, PASS)).imported).toHaveLength(2);
    expect(await identified('2026-03')).toBe(2);
  });
});
