// The child case record type (SPEC §2.3), as the rest of the app sees it: see src/records/README.md.
import type * as z from 'zod/mini';
import { monthsOf } from '../lib/dates';
import { pairs, type RecordKind } from '../records/contract';
import type { ChildCase } from './schema';

/** A case as stored: with the date of its next visit, indexed for the Due list. */
export type StoredCase = ChildCase & { dueOn?: string | null };

declare module '../db/db' {
  interface RecordTables {
    cases: StoredCase;
  }
}

/**
 * When the case's next visit is due: the date its latest follow-up gave, none once it is closed. Stored as
 * `dueOn` (indexed, for the home screen's Due list).
 */
export function caseDueOn(c: Pick<ChildCase, 'followUps' | 'status'>): string | null {
  if (c.status === 'closed') return null;
  const last = [...c.followUps].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  return last?.nextVisitDue ?? null;
}

/** Identification, each referral, and withdrawal. */
const periodsOf = (c: ChildCase) =>
  monthsOf([c.identifiedOn, ...c.referrals.map((r) => r.referredOn), c.withdrawnOn]);

export const caseKind: RecordKind<StoredCase> = {
  table: 'cases',
  periodsOf,
  touches: (c) => pairs(periodsOf(c), [c.orgUnit]),
  derive: (c) => ({ ...c, dueOn: caseDueOn(c) }),
  loadSchema: async () => (await import('./schema')).storedSchema as z.ZodMiniType<StoredCase>,
  personal: ['child.name', 'child.guardianContact', 'consentOverride', 'notes', 'followUps[].notes'],
  list: { date: 'identifiedOn', search: 'caseCode' },
  nav: { label: 'nav.cases', inBar: true },
  tile: 'home.newCase',
  screens: { list: 'CaseList', form: 'CaseForm' },
  legacyDraft: 'case',
};
