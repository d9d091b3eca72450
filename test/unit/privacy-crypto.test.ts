// The WebCrypto helpers and the personal-field paths: what is sealed opens only with the same key and the same
// context, and taking a record's personal values out and putting them back gives the record again.
import { describe, expect, it } from 'vitest';
import { PERSONAL_FIELDS as ACTIVITY_FIELDS } from '../../src/activities/schema';
import { PERSONAL_FIELDS as CASE_FIELDS } from '../../src/cases/schema';
import { PERSONAL_FIELDS as INSPECTION_FIELDS } from '../../src/inspections/schema';
import {
  deriveKey,
  fromBase64,
  openText,
  openValue,
  PBKDF2_ITERATIONS,
  randomSalt,
  sealText,
  sealValue,
  toBase64,
} from '../../src/privacy/crypto';
import { PERSONAL_PATHS } from '../../src/privacy/personal';
import { putPersonal, takePersonal } from '../../src/privacy/sealing';
import { PERSONAL_FIELDS as TRAINING_FIELDS } from '../../src/trainings/schema';

const FEW = 1_000;

describe('crypto', () => {
  it('derives with at least 600,000 iterations by default', () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  it('opens with the right passphrase only, and never with another context', async () => {
    const salt = randomSalt();
    const key = await deriveKey('river stone lantern', salt, FEW);
    const sealed = await sealValue(key, { name: 'Sokha' }, 'cases:1');
    expect(JSON.stringify(sealed)).not.toContain('Sokha');
    expect(await openValue(key, sealed, 'cases:1')).toEqual({ name: 'Sokha' });

    const same = await deriveKey('river stone lantern', salt, FEW);
    expect(await openValue(same, sealed, 'cases:1')).toEqual({ name: 'Sokha' });
    const wrong = await deriveKey('river stone lanterns', salt, FEW);
    await expect(openValue(wrong, sealed, 'cases:1')).rejects.toThrow();
    const otherSalt = await deriveKey('river stone lantern', randomSalt(), FEW);
    await expect(openValue(otherSalt, sealed, 'cases:1')).rejects.toThrow();
    // Moved to another record: refused.
    await expect(openValue(key, sealed, 'cases:2')).rejects.toThrow();
  });

  it('uses a new IV each time and notices a changed byte', async () => {
    const key = await deriveKey('x'.repeat(12), randomSalt(), FEW);
    const a = await sealText(key, 'same', 'c');
    const b = await sealText(key, 'same', 'c');
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toBe(b.data);
    const bytes = fromBase64(a.data);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(openText(key, { iv: a.iv, data: toBase64(bytes) }, 'c')).rejects.toThrow();
  });

  it('treats the same words typed in another Unicode form as the same passphrase', async () => {
    const salt = randomSalt();
    // "Việt" precomposed (NFC) and decomposed (NFD), as two keyboards may send it.
    const nfc = await deriveKey('Vi\u1EC7t Nam 2026', salt, FEW);
    const nfd = await deriveKey('Vie\u0323\u0302t Nam 2026', salt, FEW);
    const sealed = await sealText(nfc, 'ok', 'c');
    expect(await openText(nfd, sealed, 'c')).toBe('ok');
  });

  it('refuses absurd iteration counts (a crafted backup file)', async () => {
    await expect(deriveKey('passphrase', randomSalt(), 0)).rejects.toThrow(RangeError);
    await expect(deriveKey('passphrase', randomSalt(), 1e12)).rejects.toThrow(RangeError);
  });

  it('round-trips base64 of a few megabytes', () => {
    const big = new Uint8Array(3_000_000).map((_, i) => i % 251);
    // Compared as buffers: a deep equal of 3 million elements is slow.
    expect(Buffer.from(fromBase64(toBase64(big))).equals(Buffer.from(big))).toBe(true);
  });
});

describe('personal fields', () => {
  it('are the ones each schema declares', () => {
    expect(PERSONAL_PATHS.cases).toEqual([...CASE_FIELDS]);
    expect(PERSONAL_PATHS.trainings).toEqual([...TRAINING_FIELDS]);
    expect(INSPECTION_FIELDS).toEqual([]);
    expect(ACTIVITY_FIELDS).toEqual([]);
    expect(Object.keys(PERSONAL_PATHS).sort()).toEqual(['cases', 'trainings']);
  });

  it('are taken out of a case, rows included, and put back as they were', () => {
    const record = {
      id: 'c1',
      caseCode: 'KH-12-2026-0001',
      child: { name: 'Sokha', guardianContact: '012 345 678', sex: 'female', ageYears: 13 },
      notes: 'Met at the brick kiln.',
      followUps: [
        { key: 'f1', date: '2026-01-20', notes: 'Back at school.' },
        { key: 'f2', date: '2026-02-20' },
      ],
    };
    const { rest, values } = takePersonal(record, PERSONAL_PATHS.cases!);
    const text = JSON.stringify(rest);
    for (const secret of ['Sokha', '012 345 678', 'brick kiln', 'Back at school']) {
      expect(text).not.toContain(secret);
    }
    expect(rest).toEqual({
      id: 'c1',
      caseCode: 'KH-12-2026-0001',
      child: { sex: 'female', ageYears: 13 },
      followUps: [
        { key: 'f1', date: '2026-01-20' },
        { key: 'f2', date: '2026-02-20' },
      ],
    });
    // Through JSON, as they are stored.
    const back = putPersonal(rest, JSON.parse(JSON.stringify(values)));
    expect(back).toEqual(record);
    // The record given was not changed.
    expect(record.child.name).toBe('Sokha');
  });

  it('leave a record without personal values as it is', () => {
    const record = { id: 't1', participants: [{ key: 'p1', sex: 'female' }] };
    const { rest, values } = takePersonal(record, PERSONAL_PATHS.trainings!);
    expect(rest).toEqual(record);
    expect(putPersonal(rest, JSON.parse(JSON.stringify(values)))).toEqual(record);
  });
});
