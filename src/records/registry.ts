// Every record type, in the order the app shows them (navigation, home tiles, backups). What lists the record
// types reads this, never a list of its own: a fifth type is its folder and one line here (./README.md).
import { activityKind } from '../activities/kind';
import { caseKind } from '../cases/kind';
import type { RecordTable } from '../db/db';
import { inspectionKind } from '../inspections/kind';
import { trainingKind } from '../trainings/kind';
import type { RecordKind } from './contract';

export const RECORD_KINDS: readonly RecordKind[] = [inspectionKind, caseKind, trainingKind, activityKind];

/** Every record table, in the registry's order. */
export const RECORD_TABLES: readonly RecordTable[] = RECORD_KINDS.map((k) => k.table);

const BY_TABLE = new Map(RECORD_KINDS.map((k) => [k.table, k]));

/** The descriptor of `table`; throws on a name that is not a record table (a bug, never data). */
export function kindOf(table: string): RecordKind {
  const kind = BY_TABLE.get(table as RecordTable);
  if (!kind) throw new Error(`Not a record table: ${table}`);
  return kind;
}

export const isRecordTable = (name: string): name is RecordTable => BY_TABLE.has(name as RecordTable);

/** The record types with personal fields (sealed at rest with a passphrase set). */
export const PERSONAL_KINDS: readonly RecordKind[] = RECORD_KINDS.filter((k) => k.personal.length > 0);
