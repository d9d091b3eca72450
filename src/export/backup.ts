// The backup file: every record of the device, versioned, checked record by record on the way back in
// (SPEC §7). Pure: text in, a verdict out. A file with one bad record is refused whole, with every reason,
// so a restore never half-happens. Encryption wraps this format (privacy), it does not change it.
import * as z from 'zod/mini';
import type { RecordTable, RecordTables } from '../db/db';
import { keyFromData, type TKey } from '../i18n/keys';
import { RECORD_TABLES } from '../records/registry';
import { type Installation, isInstallation } from '../settings/installation';

export const BACKUP_FORMAT = 'pelita.backup/1';

// Every record type's stored schema (`storedSchema` of its folder's schema.ts, for each table of the
// registry): a file's record is restored only if it is what a save would have stored. Bundled with this
// module, which only the backup screen loads (with zod).
const schemaModules = import.meta.glob<{ storedSchema: z.ZodMiniType<{ id: string }> }>('../*/schema.ts', {
  eager: true,
});
const schemas = Object.fromEntries(
  RECORD_TABLES.map((t) => {
    const schema = schemaModules[`../${t}/schema.ts`]?.storedSchema;
    if (!schema) throw new Error(`No storedSchema in src/${t}/schema.ts`);
    return [t, schema];
  }),
) as Record<RecordTable, z.ZodMiniType<{ id: string }>>;
export type BackupRecords = { [K in RecordTable]: Array<RecordTables[K]> };

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  exportedAt: string;
  deviceLabel: string;
  /** The installation the records come from (SPEC §6), so a restore continues as it or absorbs it. */
  installation?: Installation;
  records: BackupRecords;
}

export interface BackupProblem {
  /** Translation key of the reason. */
  reason: TKey;
  table?: RecordTable;
  index?: number;
  id?: string;
  field?: string;
}

export type ParsedBackup =
  | { ok: true; file: BackupFile; count: number }
  | { ok: false; problems: BackupProblem[] };

export function buildBackup(
  records: BackupRecords,
  deviceLabel: string,
  now = new Date(),
  installation?: Installation,
): string {
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    exportedAt: now.toISOString(),
    deviceLabel,
    ...(installation ? { installation } : {}),
    records,
  };
  return JSON.stringify(file);
}

/** The installation a backup names, when it names a well-formed one (older backups do not). */
function installationOf(raw: unknown): Installation | undefined {
  return isInstallation(raw) ? { installId: raw.installId, installKey: raw.installKey } : undefined;
}

export function backupFilename(now = new Date()) {
  return `pelita-backup-${now.toISOString().slice(0, 10)}.json`;
}

/**
 * The largest file a restore reads, checked before reading it: a backup of 100,000 records is about 60 MB,
 * and a 300 MB file read whole took 892 MB of the page's memory.
 */
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;

/** The error screen's "Export my data" file: every table as it is stored (export/dump.ts). */
const DUMP_FORMAT = 'pelita.dump/1';
// Strict: a field the format does not have means the file is not what it says (a file with nothing Pelita
// knows must not restore as "0 added").
const dump = z.strictObject({
  format: z.literal(DUMP_FORMAT),
  exportedAt: z.optional(z.string()),
  dbVersion: z.optional(z.number()),
  tables: z.record(z.string(), z.array(z.unknown())),
});

const envelope = z.strictObject({
  format: z.string(),
  exportedAt: z.optional(z.string()),
  deviceLabel: z.optional(z.string()),
  installation: z.optional(z.unknown()),
  records: z.record(z.string(), z.array(z.unknown())),
});

/** Only the record types' own sections: `constructor` or `toString` are a record's prototype, not a table. */
const isTable = (name: string): name is RecordTable => Object.hasOwn(schemas, name);

const sealedValue = z.strictObject({ iv: z.string(), data: z.string() });

/** At most this many problems are listed: enough to see what is wrong with a file. */
const MAX_PROBLEMS = 50;

export function parseBackup(text: string): ParsedBackup {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problems: [{ reason: 'backup.errors.notJson' }] };
  }
  if ((raw as { format?: unknown } | null)?.format === DUMP_FORMAT) {
    const asDump = dump.safeParse(raw);
    if (!asDump.success) return { ok: false, problems: [{ reason: 'backup.errors.notBackup' }] };
    const { tables } = asDump.data;
    const records = Object.fromEntries(RECORD_TABLES.map((t) => [t, tables[t] ?? []]));
    // The dump keeps the settings table, and in it the installation's identity.
    const settingsRows = (tables.settings ?? []) as Array<{ key?: unknown; value?: unknown }>;
    const installation = settingsRows.find((r) => r?.key === 'installation')?.value;
    raw = { format: BACKUP_FORMAT, records, installation };
  }
  const env = envelope.safeParse(raw);
  if (!env.success) return { ok: false, problems: [{ reason: 'backup.errors.notBackup' }] };
  if (env.data.format !== BACKUP_FORMAT) {
    return { ok: false, problems: [{ reason: 'backup.errors.format' }] };
  }
  const problems: BackupProblem[] = [];
  const records = Object.fromEntries(RECORD_TABLES.map((t) => [t, []])) as unknown as BackupRecords;
  for (const table of Object.keys(env.data.records)) {
    if (!isTable(table)) problems.push({ reason: 'backup.errors.unknownTable', field: table.slice(0, 40) });
  }
  const seen = new Set<string>();
  // Case codes are unique on a device: two cases of one file sharing one cannot both be restored.
  const codes = new Map<string, number>();
  let count = 0;
  for (const table of RECORD_TABLES) {
    const rows = Object.hasOwn(env.data.records, table) ? (env.data.records[table] ?? []) : [];
    rows.forEach((row, index) => {
      const parsed = schemas[table].safeParse(row);
      const id = typeof (row as { id?: unknown })?.id === 'string' ? (row as { id: string }).id : undefined;
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        problems.push({
          reason: issue?.message.startsWith('errors.') ? keyFromData(issue.message) : 'errors.invalidRecord',
          table,
          index,
          ...(id ? { id } : {}),
          field: issue?.path.join('.') ?? '',
        });
        return;
      }
      if (seen.has(`${table}:${parsed.data.id}`)) {
        problems.push({ reason: 'backup.errors.duplicate', table, index, id: parsed.data.id });
        return;
      }
      seen.add(`${table}:${parsed.data.id}`);
      const code = (parsed.data as { caseCode?: string }).caseCode;
      if (code !== undefined) {
        if (codes.has(code)) {
          problems.push({ reason: 'backup.errors.duplicateCaseCode', table, index, id: parsed.data.id });
          return;
        }
        codes.set(code, index);
      }
      // Personal fields sealed under a passphrase (an "Export my data" file) are kept sealed, not dropped.
      const sealed = sealedValue.safeParse((row as { sealed?: unknown }).sealed);
      (records[table] as unknown[]).push(
        sealed.success ? { ...parsed.data, sealed: sealed.data } : parsed.data,
      );
      count++;
    });
  }
  if (problems.length) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  const installation = installationOf(env.data.installation);
  return {
    ok: true,
    count,
    file: {
      format: BACKUP_FORMAT,
      exportedAt: env.data.exportedAt ?? '',
      deviceLabel: env.data.deviceLabel ?? '',
      ...(installation ? { installation } : {}),
      records,
    },
  };
}
