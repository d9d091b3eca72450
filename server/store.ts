// What the server keeps, as one interface every store implements (SQLite now; PostgreSQL behind the same
// calls). Each call is one transaction: "compare the revision, then replace and adjust the sums" can never
// interleave with another request's. Routes never see SQL; a new feature adds a method here and in each store.
import type { Location } from '../src/locations/locations';
import type { Cell, ReportBody, StatusBody, Thresholds } from '../src/sync/protocol';
import type { Tree } from './tree';

export type PutResult =
  | { status: 'stored'; revision: number }
  | { status: 'unchanged'; revision: number }
  | { status: 'stale'; currentRevision: number }
  | { status: 'too_many_pairs'; limit: number };

export interface Tally {
  orgUnit: string;
  devices: number;
  values: Cell[];
}

/** What authentication needs: the device behind a token hash, only while it is not retired. */
export interface AuthDevice {
  id: string;
  tokenHash: Buffer;
  scope: string | null;
}

export interface DeviceInfo {
  deviceId: string;
  label: string;
  scope: string | null;
  enrolledAt: string;
  lastHeardAt: string | null;
  appVersion: string | null;
  pending: number | null;
  oldestPendingPeriod: string | null;
  syncedAt: string | null;
  pairs: number;
  retiredAt: string | null;
  numbers: 'kept' | 'removed' | null;
  absorbedBy: string | null;
}

export interface CodeInfo {
  id: string;
  label: string;
  orgUnit: string | null;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  createdAt: string;
  revokedAt: string | null;
}

export interface EnrolRequest {
  /** The bootstrap code (every location), or the hash of an administrator's code. */
  code: { bootstrap: true } | { bootstrap: false; hash: Buffer };
  label: string;
  install: { id: string; keyHash: Buffer } | null;
  /** Used when the installation is new. */
  newDeviceId: string;
  tokenHash: Buffer;
  now: string;
}

export type EnrolResult =
  | { ok: true; deviceId: string; scope: string | null; resend: boolean }
  | {
      ok: false;
      error:
        | 'wrong_enrolment_code'
        | 'enrolment_code_expired'
        | 'enrolment_code_used_up'
        | 'install_conflict'
        | 'install_absorbed';
    };

export type AbsorbResult =
  | { ok: true; absorbed: string | null }
  | { ok: false; error: 'install_conflict' | 'cannot_absorb_self' | 'out_of_scope' };

/** The deployment's settings (GET /api/v1/config) without the tree, which `tree()` holds. */
export interface ConfigState {
  version: number;
  homeCountry: string | null;
  thresholds: Thresholds | null;
  dhis2Mapping: Record<string, unknown> | null;
  /** True while the tree is the shipped list. */
  defaultLocations: boolean;
}

export type ConfigPatch = Partial<Pick<ConfigState, 'homeCountry' | 'thresholds' | 'dhis2Mapping'>>;

export interface Store {
  /** The location tree now; reports and tallies are checked against it. */
  tree(): Tree;
  config(): ConfigState;

  enrol(req: EnrolRequest): Promise<EnrolResult>;
  deviceByTokenHash(hash: Buffer): Promise<AuthDevice | null>;
  putReport(
    deviceId: string,
    period: string,
    orgUnit: string,
    report: ReportBody,
    now: string,
    limits: { maxPairs: number },
  ): Promise<PutResult>;
  /** Roll-ups for each of `orgUnits` (codes of the tree), from one snapshot. */
  tallies(period: string, orgUnits: readonly string[]): Promise<Tally[]>;
  absorb(
    deviceId: string,
    install: { id: string; keyHash: Buffer },
    mayTake: (scope: string | null) => boolean,
    now: string,
  ): Promise<AbsorbResult>;
  setStatus(deviceId: string, status: StatusBody, now: string): Promise<void>;

  devices(): Promise<DeviceInfo[]>;
  retire(deviceId: string, numbers: 'keep' | 'remove', now: string): Promise<DeviceInfo | null>;
  addCode(code: CodeInfo & { hash: Buffer }): Promise<void>;
  codes(): Promise<CodeInfo[]>;
  revokeCode(id: string, now: string): Promise<CodeInfo | null>;

  /** Codes of `list` missing that reports, scopes or codes use; empty when the tree may be replaced. */
  locationsInUse(list: readonly Location[]): Promise<string[]>;
  /** Replaces the tree (null: the shipped list) and rebuilds the sums for it, in one transaction. */
  replaceLocations(list: readonly Location[] | null): Promise<ConfigState>;
  updateConfig(patch: ConfigPatch): Promise<ConfigState>;

  /** True when the store can be read and written now. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** Which codes of the old tree a new one must keep: every location that stored data points at. */
export function missingCodes(list: readonly Location[], used: Iterable<string>): string[] {
  const have = new Set(list.map((l) => l.code));
  return [...new Set(used)].filter((c) => !have.has(c)).sort();
}
