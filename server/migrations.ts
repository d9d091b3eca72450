// The server's schema, as numbered migrations applied in order at start-up (db.ts for SQLite, pg-store.ts for
// PostgreSQL). A published migration is never edited: a change is a new entry at the end, so every existing
// database reaches the same shape. One list, each entry in both dialects (plain SQL: server/README.md says why).
export interface Migration {
  version: number;
  name: string;
  /** SQLite. */
  sql: string;
  /** PostgreSQL: the same tables, columns and keys in its own types. */
  postgres?: string;
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
    postgres: `
      CREATE TABLE devices (
        id          text PRIMARY KEY,
        label       text NOT NULL,
        token_hash  bytea NOT NULL UNIQUE,
        enrolled_at text NOT NULL
      );
      CREATE TABLE reports (
        period       text NOT NULL,
        org_unit     text NOT NULL,
        device_id    text NOT NULL REFERENCES devices(id),
        revision     bigint NOT NULL,
        generated_at text NOT NULL,
        received_at  text NOT NULL,
        cells        jsonb NOT NULL
      );
      CREATE UNIQUE INDEX reports_key ON reports (period, org_unit, device_id);
    `,
  },
  {
    version: 2,
    name: 'installations, scopes, codes, settings and kept sums',
    sql: `
      -- One device per installation (SPEC §6): the install key is kept as a SHA-256, like the token.
      ALTER TABLE devices ADD COLUMN install_id TEXT;
      ALTER TABLE devices ADD COLUMN install_key_hash BLOB;
      -- The root of the subtree the device may touch; NULL: every location (the bootstrap code).
      ALTER TABLE devices ADD COLUMN scope TEXT;
      ALTER TABLE devices ADD COLUMN code_id TEXT;
      ALTER TABLE devices ADD COLUMN last_heard_at TEXT;
      ALTER TABLE devices ADD COLUMN app_version TEXT;
      ALTER TABLE devices ADD COLUMN pending INTEGER;
      ALTER TABLE devices ADD COLUMN oldest_pending_period TEXT;
      ALTER TABLE devices ADD COLUMN synced_at TEXT;
      -- Retired: the token is refused; numbers 'kept' or 'removed' from the sums.
      ALTER TABLE devices ADD COLUMN retired_at TEXT;
      ALTER TABLE devices ADD COLUMN numbers TEXT CHECK (numbers IN ('kept', 'removed'));
      ALTER TABLE devices ADD COLUMN absorbed_by TEXT;
      -- How many (period, orgUnit) pairs the device holds, for its limit without a count on every write.
      ALTER TABLE devices ADD COLUMN pairs INTEGER NOT NULL DEFAULT 0;
      CREATE UNIQUE INDEX devices_install ON devices (install_id) WHERE install_id IS NOT NULL;
      UPDATE devices SET pairs = (SELECT count(*) FROM reports r WHERE r.device_id = devices.id);
      CREATE INDEX reports_device ON reports (device_id);

      CREATE TABLE enrolment_codes (
        id         TEXT PRIMARY KEY,
        code_hash  BLOB NOT NULL UNIQUE,   -- SHA-256 of the normalised code; the code is shown once
        label      TEXT NOT NULL,
        org_unit   TEXT,                   -- NULL: every location
        expires_at TEXT,
        max_uses   INTEGER,
        uses       INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;

      -- Deployment settings as JSON values: 'config' (version, home country, thresholds, DHIS2 mapping),
      -- 'locations' (the tree; absent: the shipped list) and 'sums_version' (the tree the sums are built for).
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- Tallies kept summed as reports arrive (SPEC §13): one row per (period, location, cell) for every
      -- location at or above the report's own, so a roll-up at any level is one range read.
      CREATE TABLE sums (
        period         TEXT NOT NULL,
        org_unit       TEXT NOT NULL,
        indicator      TEXT NOT NULL,
        disaggregation TEXT NOT NULL,
        value          INTEGER NOT NULL,
        PRIMARY KEY (period, org_unit, indicator, disaggregation)
      ) STRICT, WITHOUT ROWID;
      -- Which devices have a report at or under each location: 'reports' counts that device's pairs there.
      CREATE TABLE reach (
        period    TEXT NOT NULL,
        org_unit  TEXT NOT NULL,
        device_id TEXT NOT NULL,
        reports   INTEGER NOT NULL,
        PRIMARY KEY (period, org_unit, device_id)
      ) STRICT, WITHOUT ROWID;
    `,
    postgres: `
      ALTER TABLE devices ADD COLUMN install_id text;
      ALTER TABLE devices ADD COLUMN install_key_hash bytea;
      ALTER TABLE devices ADD COLUMN scope text;
      ALTER TABLE devices ADD COLUMN code_id text;
      ALTER TABLE devices ADD COLUMN last_heard_at text;
      ALTER TABLE devices ADD COLUMN app_version text;
      ALTER TABLE devices ADD COLUMN pending integer;
      ALTER TABLE devices ADD COLUMN oldest_pending_period text;
      ALTER TABLE devices ADD COLUMN synced_at text;
      ALTER TABLE devices ADD COLUMN retired_at text;
      ALTER TABLE devices ADD COLUMN numbers text CHECK (numbers IN ('kept', 'removed'));
      ALTER TABLE devices ADD COLUMN absorbed_by text;
      ALTER TABLE devices ADD COLUMN pairs integer NOT NULL DEFAULT 0;
      CREATE UNIQUE INDEX devices_install ON devices (install_id) WHERE install_id IS NOT NULL;
      UPDATE devices SET pairs = (SELECT count(*) FROM reports r WHERE r.device_id = devices.id);
      CREATE INDEX reports_device ON reports (device_id);
      CREATE TABLE enrolment_codes (
        id         text PRIMARY KEY,
        code_hash  bytea NOT NULL UNIQUE,
        label      text NOT NULL,
        org_unit   text,
        expires_at text,
        max_uses   integer,
        uses       integer NOT NULL DEFAULT 0,
        created_at text NOT NULL,
        revoked_at text
      );
      CREATE TABLE settings (
        key   text PRIMARY KEY,
        value text NOT NULL
      );
      CREATE TABLE sums (
        period         text NOT NULL,
        org_unit       text NOT NULL,
        indicator      text NOT NULL,
        disaggregation text NOT NULL,
        value          bigint NOT NULL,
        PRIMARY KEY (period, org_unit, indicator, disaggregation)
      );
      CREATE TABLE reach (
        period    text NOT NULL,
        org_unit  text NOT NULL,
        device_id text NOT NULL,
        reports   integer NOT NULL,
        PRIMARY KEY (period, org_unit, device_id)
      );
    `,
  },
  {
    version: 3,
    name: 'device counts kept per location',
    sql: `
      -- How many devices have a report at or under each location in a month: the roll-up's "devices" as one
      -- row, not a count over every device's reach row (20,000 at a national level).
      CREATE TABLE devices_under (
        period   TEXT NOT NULL,
        org_unit TEXT NOT NULL,
        devices  INTEGER NOT NULL,
        PRIMARY KEY (period, org_unit)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO devices_under (period, org_unit, devices)
      SELECT period, org_unit, count(*) FROM reach GROUP BY 1, 2;
    `,
    postgres: `
      CREATE TABLE devices_under (
        period   text NOT NULL,
        org_unit text NOT NULL,
        devices  integer NOT NULL,
        PRIMARY KEY (period, org_unit)
      );
      INSERT INTO devices_under (period, org_unit, devices)
      SELECT period, org_unit, count(*) FROM reach GROUP BY 1, 2;
    `,
  },
  {
    version: 4,
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
    postgres: `
      CREATE TABLE console_accounts (
        id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        username      text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role          text NOT NULL CHECK (role IN ('admin', 'coordinator')),
        scope         text,
        created_at    text NOT NULL
      );
      CREATE TABLE console_sessions (
        token_hash  bytea PRIMARY KEY,
        account_id  bigint NOT NULL REFERENCES console_accounts(id) ON DELETE CASCADE,
        created_at  text NOT NULL,
        expires_at  text NOT NULL
      );
      CREATE INDEX console_sessions_account ON console_sessions (account_id);
    `,
  },
  {
    version: 5,
    name: 'console DHIS2 settings and push log',
    sql: `
      -- Where the console pushes to DHIS2 (one row): the address and the personal access token, which the
      -- console never sends back to a browser once saved.
      CREATE TABLE console_dhis2 (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        base_url   TEXT NOT NULL,
        token      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- Every push (dry run or import) and DHIS2's answer; the sent column holds an import's values, so the next one
      -- for the same month and place sends an explicit 0 where a count fell to zero.
      CREATE TABLE console_push_log (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        account    TEXT NOT NULL,
        period     TEXT NOT NULL,
        org_unit   TEXT NOT NULL,
        dry_run    INTEGER NOT NULL,
        ok         INTEGER NOT NULL,
        summary    TEXT NOT NULL,
        sent       TEXT
      ) STRICT;
      CREATE INDEX console_push_log_key ON console_push_log (period, org_unit, dry_run, ok);
    `,
    postgres: `
      CREATE TABLE console_dhis2 (
        id         integer PRIMARY KEY CHECK (id = 1),
        base_url   text NOT NULL,
        token      text NOT NULL,
        updated_at text NOT NULL
      );
      CREATE TABLE console_push_log (
        id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        at         text NOT NULL,
        account    text NOT NULL,
        period     text NOT NULL,
        org_unit   text NOT NULL,
        dry_run    integer NOT NULL,
        ok         integer NOT NULL,
        summary    text NOT NULL,
        sent       text
      );
      CREATE INDEX console_push_log_key ON console_push_log (period, org_unit, dry_run, ok);
    `,
  },
];
