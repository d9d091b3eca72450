// The server's schema, as numbered migrations applied in order at start-up (db.ts). A published migration is
// never edited: a change is a new entry at the end, so every existing database reaches the same shape.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'devices and reports',
    sql: `
      CREATE TABLE devices (
        id          TEXT PRIMARY KEY,
        label       TEXT NOT NULL,
        token_hash  BLOB NOT NULL UNIQUE,   -- SHA-256 of the token; the token itself is never stored
        enrolled_at TEXT NOT NULL
      ) STRICT;

      -- One row per device's latest report for a (period, orgUnit), its cells in one JSON column:
      -- [[indicator, canonical disaggregation JSON, value], ...] (protocol.ts canonicalDisaggregation), zeros
      -- left out. Replacing a report is then one row write; tallies sum the cells in SQL with json_each.
      -- A rowid table (not WITHOUT ROWID): rows of a few KB belong in a table, with a small unique index for the key.
      -- The index is period first: tallies read by (period, org_unit), a device's replace by the whole key.
      CREATE TABLE reports (
        period       TEXT NOT NULL,
        org_unit     TEXT NOT NULL,
        device_id    TEXT NOT NULL REFERENCES devices(id),
        revision     INTEGER NOT NULL,
        generated_at TEXT NOT NULL,
        received_at  TEXT NOT NULL,
        cells        TEXT NOT NULL CHECK (json_valid(cells))
      ) STRICT;
      CREATE UNIQUE INDEX reports_key ON reports (period, org_unit, device_id);
    `,
  },
  {
    version: 2,
    name: 'console accounts and sessions',
    sql: `
      -- Coordinator console (server/console): people who sign in with a password, each limited to one
      -- location subtree (scope NULL: every location, for an administrator). Usernames are stored lower-case.
      CREATE TABLE console_accounts (
        id            INTEGER PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,      -- scrypt$N$r$p$salt$hash (console/passwords.ts)
        role          TEXT NOT NULL CHECK (role IN ('admin', 'coordinator')),
        scope         TEXT,
        created_at    TEXT NOT NULL
      ) STRICT;
      -- A session is a random cookie value; only its SHA-256 is kept, as with device tokens.
      CREATE TABLE console_sessions (
        token_hash  BLOB PRIMARY KEY,
        account_id  INTEGER NOT NULL REFERENCES console_accounts(id) ON DELETE CASCADE,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX console_sessions_account ON console_sessions (account_id);
    `,
  },
];
