// Opens the server's SQLite file and brings its schema up to date. The file holds enrolled devices (token
// hashes, never tokens) and each device's latest report per (period, orgUnit): aggregates only, no person.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export function openDb(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
  { sync = 'normal' }: { sync?: 'normal' | 'full' } = {},
): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL: readers (tallies, health) never wait for the writer. synchronous=NORMAL: in WAL mode a power cut may
  // lose the last commits but never corrupts the file (server/README.md "Durability"); FULL syncs every commit.
  db.pragma('journal_mode = WAL');
  db.pragma(sync === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // A backup or a second process may hold the write lock for a moment; wait rather than fail.
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Applies every migration newer than the file, each in its own transaction; returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const current =
    (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    // An older build must not write into a newer schema it does not understand.
    throw new Error(
      `database schema is version ${current}, this server knows up to ${latest}: upgrade the server`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
