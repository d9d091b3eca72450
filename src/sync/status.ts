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

export interface SyncStatus {
  state: SyncState;
  pending: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** A report the server refused as invalid (400): something to report to whoever runs the server. */
  problem: { period: string; orgUnit: string; issues: NonNullable<ErrorResponse['issues']> } | null;
}

export const syncStatus = signal<SyncStatus>({
  state: 'idle',
  pending: 0,
  lastSuccessAt: null,
  lastError: null,
  problem: null,
});

export function setStatus(patch: Partial<SyncStatus>) {
  syncStatus.value = { ...syncStatus.value, ...patch };
}
