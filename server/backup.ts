// `npx tsx server/backup.ts <dest>`: a consistent copy of the server's database while the server runs
// (SQLite's online backup: pages are copied in steps, writers are not blocked). PELITA_DB picks the source.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { loadConfig } from './config';

const dest = process.argv[2];
if (!dest) {
  console.error('usage: tsx server/backup.ts <destination file>');
  process.exit(2);
}
const { dbPath } = loadConfig(process.env);
if (!existsSync(dbPath)) {
  console.error(`no database at ${dbPath} (set PELITA_DB)`);
  process.exit(1);
}
if (existsSync(dest)) {
  console.error(`${dest} exists; choose a new file name so no backup is overwritten`);
  process.exit(1);
}
// Not read-only: a WAL database opened read-only fails when the server is stopped and its -shm file is gone.
const db = new Database(dbPath, { fileMustExist: true });
try {
  const { totalPages } = await db.backup(dest);
  console.log(`backed up ${dbPath} to ${dest} (${totalPages} pages)`);
} finally {
  db.close();
}
