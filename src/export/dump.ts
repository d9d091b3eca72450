// "Export my data": every table of the device's database as one JSON file. It is the escape hatch of the
// error boundary, so it depends on nothing but the database and must work when the rest of the app does not.
// Its record tables can be restored like a backup (export/backup.ts reads this format too); personal fields
// sealed under a passphrase stay sealed in it.
import { db } from '../db/db';

export const DUMP_FORMAT = 'pelita.dump/1';

export async function dumpAll(): Promise<Blob> {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  // The sync token is a credential, not data: a file handed around must not let anyone report as this device.
  tables.settings = (tables.settings as Array<{ key: string }>).filter((row) => row.key !== 'enrolment');
  const body = { format: DUMP_FORMAT, exportedAt: new Date().toISOString(), dbVersion: db.verno, tables };
  return new Blob([JSON.stringify(body, null, 1)], { type: 'application/json' });
}

export function dumpFilename(now = new Date()) {
  return `pelita-data-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
}
