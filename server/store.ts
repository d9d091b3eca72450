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

export type Role = 'admin' | 'coordinator';

/** A console account as stored: the password only as its KDF hash (server/console/passwords.ts). */
export interface AccountRecord {
  id: number;
  username: string;
  passwordHash: string;
  role: Role;
  /** The location subtree the account sees; null: every location (administrators only). */
  scope: string | null;
  createdAt: string;
}

/** Which device reported which (period, orgUnit), and when it arrived: what completeness counts. */
export interface ReportRow {
  deviceId: string;
  period: string;
  orgUnit: string;
  receivedAt: string;
}

export interface Dhis2Settings {
  baseUrl: string;
  /** The personal access token: kept here, never sent to a browser. */
  token: string;
  updatedAt: string;
}

/** One push to DHIS2 (a dry run or an import) and its answer. */
export interface PushEntry {
  at: string;
  account: string;
  period: string;
  orgUnit: string;
  dryRun: boolean;
  ok: boolean;
  /** DHIS2's summary as JSON text. */
  summary: string;
  /** An import's values as JSON text (the next import sends 0 where a count fell to zero); else null. */
  sent: string | null;
}

/** What the coordinators' console keeps and reads beside the devices' data (SPEC §12). */
export interface ConsoleData {
  /** Null when the (normalised) username is taken. */
  addAccount(a: Omit<AccountRecord, 'id'>): Promise<AccountRecord | null>;
  accountByName(username: string): Promise<AccountRecord | null>;
  accountById(id: number): Promise<AccountRecord | null>;
  /** Every account, by username. */
  accounts(): Promise<AccountRecord[]>;
  /** Removes the account and its sessions; false when there was none. */
  removeAccount(id: number): Promise<boolean>;
  /** A new password hash; every session of the account ends. */
  setPasswordHash(id: number, hash: string): Promise<void>;
  /** Stores a session (by its token's hash) and sweeps those expired by `createdAt`. */
  openSession(s: {
    tokenHash: Buffer;
    accountId: number;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** The account of a session that has not expired at `now`. */
  sessionAccount(tokenHash: Buffer, now: string): Promise<AccountRecord | null>;
  closeSession(tokenHash: Buffer): Promise<void>;

  /** Every stored report's (device, period, location, arrival) with `from` ≤ period ≤ `to`. */
  reportsBetween(from: string, to: string): Promise<ReportRow[]>;
  /** When each device's last stored report arrived. */
  lastReceived(): Promise<Map<string, string>>;
  /** Every location each device holds reports for (what the sums count of it). */
  placesOf(): Promise<Map<string, string[]>>;

  dhis2Settings(): Promise<Dhis2Settings | null>;
  saveDhis2Settings(s: Dhis2Settings): Promise<void>;
  logPush(entry: PushEntry): Promise<void>;
  /** The newest successful push of that month and place, dry run or import. */
  lastGoodPush(
    period: string,
    orgUnit: string,
    dryRun: boolean,
  ): Promise<{ at: string; sent: string | null } | null>;
  /** The newest `limit` pushes, newest first. */
  pushLog(limit: number): Promise<(PushEntry & { id: number })[]>;
}

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

  /** The console's accounts, sessions, DHIS2 settings and push log, and what completeness reads. */
  readonly console: ConsoleData;

  /** True when the store can be read and written now. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** Which codes of the old tree a new one must keep: every location that stored data points at. */
export function missingCodes(list: readonly Location[], used: Iterable<string>): string[] {
  const have = new Set(list.map((l) => l.code));
  return [...new Set(used)].filter((c) => !have.has(c)).sort();
}
