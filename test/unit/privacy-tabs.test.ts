// Two tabs and a passphrase (issue 11.3–4): whether a write seals is decided from the configuration stored
// in the database, inside the write's own transaction, not from what this tab last heard; and setting the
// passphrase while another tab types and saves succeeds, leaving nothing typed in the clear. "Another tab"
// here is this module not told of the passphrase (passphraseRemoved resets what this tab knows, as a tab
// that has not yet heard the broadcast), writing through the same repos a tab uses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CaseInput, saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { newId } from '../../src/lib/ids';
import { setPassphrase } from '../../src/privacy/repo';
import { CONFIG_KEY, passphraseRemoved, reloadVault } from '../../src/privacy/vault';
import { saveDraft } from '../../src/records/drafts';

const FEW = { iterations: 1_000 };
const PASS = 'river stone lantern';

const caseInput = (name: string): CaseInput => ({
  id: newId(),
  orgUnit: 'KH-12',
  identifiedOn: '2026-03-01',
  channel: 'school',
  child: { name, sex: 'female', ageYears: 13, ageEstimated: false, nationality: 'KH', disability: 'no' },
  settlement: 'rural',
  work: {
    isic: 'A',
    workStatus: 'contributing_family',
    economicHours: 20,
    choreHours: null,
    nightWork: 'no',
    worstForm: 'none',
    hazards: [],
    inSchool: 'yes',
  },
  consent: true,
  referrals: [],
  followUps: [],
  status: 'identified',
});

async function raw(): Promise<string> {
  const all: Record<string, unknown> = {};
  for (const table of db.tables) all[table.name] = await table.toArray();
  return JSON.stringify(all);
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  await reloadVault();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('a passphrase and two tabs', () => {
  it('a tab that has not heard of a new passphrase stores no name in the clear, draft or record', async () => {
    await setPassphrase(PASS, FEW);
    // This tab has not heard yet: as far as it knows, there is no passphrase.
    passphraseRemoved();
    expect(await db.settings.get(CONFIG_KEY)).toBeTruthy();

    await expect(saveDraft('cases:x', { child: { name: 'Bopha Typed' } })).rejects.toMatchObject({
      code: 'privacy.locked',
    });
    await expect(saveCase(caseInput('Sokha Saved'))).rejects.toMatchObject({ code: 'privacy.locked' });
    expect(await raw()).not.toMatch(/Bopha|Sokha/);
  });

  it('setting the passphrase succeeds while another tab types and saves, and leaves nothing in the clear', async () => {
    await saveCase(caseInput('Dara Before'));
    await saveDraft('cases:typing', { child: { name: 'Keystroke 0' } });
    // Every time the passphrase's work encrypts something, the other tab types a keystroke and saves a case:
    // the records and drafts are never the same twice between the read and the write.
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle);
    const typed: Array<Promise<unknown>> = [];
    let n = 0;
    vi.spyOn(crypto.subtle, 'encrypt').mockImplementation((...args) => {
      n++;
      if (n < 40) {
        typed.push(saveDraft('cases:typing', { child: { name: `Keystroke ${n}` } }).catch(() => undefined));
        typed.push(saveCase(caseInput(`Saved ${n}`)).catch(() => undefined));
      }
      return encrypt(...args);
    });

    await expect(setPassphrase(PASS, FEW)).resolves.toBeUndefined();
    await Promise.all(typed);
    const all = await raw();
    expect(all).toContain('"sealed"');
    expect(all).not.toMatch(/Dara Before|Keystroke|Saved \d/);
  });
});
