// What sync is doing, in a signal the badge and the Sync screen read. Problems show here, in words; they
// never block data entry.
import { signal } from '@preact/signals';
import type { ErrorResponse } from './protocol';

export type SyncState =
  | 'idle'
  | 'syncing'
  | 'waiting'
  | 'offline'
  | 'error'
  | 'problem'
  | 'not_enrolled'
  | 'needs_preview'
  | 'unauthorised';

/** Why a pair keeps waiting, in the outbox's `lastError`, when it is something to read about. */
export const PAIR_NOTES = ['out_of_scope', 'implausible_revision'] as const;
export interface PairNote {
  period: string;
  orgUnit: string;
  kind: (typeof PAIR_NOTES)[number];
}

export interface SyncStatus {
  state: SyncState;
  pending: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** A report the server refused as invalid (400): something to report to whoever runs the server. */
  problem: { period: string; orgUnit: string; issues: NonNullable<ErrorResponse['issues']> } | null;
  /** Pairs kept waiting: outside this device's area, or a server answer that cannot be true. */
  notes: PairNote[];
  /** The server refused to take over a restored installation (its error code). */
  absorbRefused: string | null;
}

export const syncStatus = signal<SyncStatus>({
  state: 'idle',
  pending: 0,
  lastSuccessAt: null,
  lastError: null,
  problem: null,
  notes: [],
  absorbRefused: null,
});

export function setStatus(patch: Partial<SyncStatus>) {
  syncStatus.value = { ...syncStatus.value, ...patch };
}
