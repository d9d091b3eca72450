// The decisions both stores take on what they have read, so the SQLite and PostgreSQL stores differ only in
// how they read and write: which enrolment code or installation is refused, "compare the revision, then
// replace", who may be absorbed, what retiring does to the numbers, and a sums row as a tally value.
import type { Disaggregation } from '../src/sync/protocol';
import type { CodeRow, DeviceRow, StoredCell } from './rows';
import type { AbsorbResult, ConfigState, EnrolResult, PutResult, Tally } from './store';

type Refusal<R> = Extract<R, { ok: false }>;

/** Settings of a database nobody has configured yet. */
export const DEFAULT_CONFIG: ConfigState = {
  version: 1,
  homeCountry: null,
  thresholds: null,
  dhis2Mapping: null,
  defaultLocations: true,
};

/** Why an administrator's enrolment code cannot enrol now (null: it can). */
export function codeRefusal(code: CodeRow | undefined, now: string): Refusal<EnrolResult> | null {
  if (!code || code.revoked_at) return { ok: false, error: 'wrong_enrolment_code' };
  if (code.expires_at && code.expires_at <= now) return { ok: false, error: 'enrolment_code_expired' };
  if (code.max_uses !== null && code.uses >= code.max_uses)
    return { ok: false, error: 'enrolment_code_used_up' };
  return null;
}

/** Why a known installation may not enrol again with this key (null: it may, as the same device). */
export function installRefusal(known: DeviceRow, keyHash: Buffer): Refusal<EnrolResult> | null {
  if (!known.install_key_hash || !keyHash.equals(known.install_key_hash))
    return { ok: false, error: 'install_conflict' };
  if (known.absorbed_by) return { ok: false, error: 'install_absorbed' };
  return null;
}

/**
 * "Compare the revision, then replace": the answer when the report must not be stored (an older or the same
 * revision, or one pair too many for a new one); null when it replaces what is stored.
 */
export function replaceRefusal(
  storedRevision: number | null,
  revision: number,
  pairs: number,
  maxPairs: number,
): PutResult | null {
  if (storedRevision !== null && revision < storedRevision)
    return { status: 'stale', currentRevision: storedRevision };
  if (storedRevision === revision) return { status: 'unchanged', revision };
  if (storedRevision === null && pairs >= maxPairs) return { status: 'too_many_pairs', limit: maxPairs };
  return null;
}

/** The answer to an absorb without taking anything, or `take` when `target`'s numbers move to `deviceId`. */
export function absorbVerdict(
  target: DeviceRow | undefined,
  keyHash: Buffer,
  deviceId: string,
  mayTake: (scope: string | null) => boolean,
): AbsorbResult | 'take' {
  if (!target) return { ok: true, absorbed: null };
  if (!target.install_key_hash || !keyHash.equals(target.install_key_hash))
    return { ok: false, error: 'install_conflict' };
  if (target.id === deviceId) return { ok: false, error: 'cannot_absorb_self' };
  if (target.absorbed_by) return { ok: true, absorbed: target.id };
  if (!mayTake(target.scope)) return { ok: false, error: 'out_of_scope' };
  return 'take';
}

/** A retired device keeps 'removed' once its numbers are gone, even if retired again with 'keep'. */
export const numbersAfterRetire = (asked: 'keep' | 'remove', had: DeviceRow['numbers']) =>
  asked === 'keep' && had !== 'removed' ? 'kept' : 'removed';

/** The cells to add that take `cells` out of the sums. */
export const negated = (cells: readonly StoredCell[]): StoredCell[] => cells.map(([i, g, v]) => [i, g, -v]);

export interface SumRow {
  indicator: string;
  disaggregation: string;
  value: number;
}

/** A sums row as a tally value; the breakdown is parsed once per distinct text (there are a few thousand). */
const parsed = new Map<string, Disaggregation>();
export function toValue(r: SumRow): Tally['values'][number] {
  let d = parsed.get(r.disaggregation);
  if (!d) {
    // Frozen: one object serves every read, so nobody may change it.
    d = Object.freeze(JSON.parse(r.disaggregation)) as Disaggregation;
    if (parsed.size < 100_000) parsed.set(r.disaggregation, d);
  }
  return {
    indicator: r.indicator as Tally['values'][number]['indicator'],
    disaggregation: d,
    value: r.value,
  };
}
