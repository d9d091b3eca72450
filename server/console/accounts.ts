// Console accounts and their sessions (tables of migration "console accounts and sessions"). An account has
// a role and one location subtree; a session is a random token in a cookie, stored as its SHA-256 only, so a
// copy of the database does not let anyone in. Expired sessions are refused and swept at sign-in.
import { randomBytes } from 'node:crypto';
import { sha256 } from '../auth';
import type { Db } from '../db';
import { hashPassword } from './passwords';

export type Role = 'admin' | 'coordinator';
export const ROLES: readonly Role[] = ['admin', 'coordinator'];

export interface Account {
  id: number;
  username: string;
  role: Role;
  /** The location subtree the account sees; null: every location (administrators only). */
  scope: string | null;
  createdAt: string;
}

/** A session lasts a working day; after that the coordinator signs in again. */
export const SESSION_HOURS = 12;

interface Row {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  scope: string | null;
  created_at: string;
}

const toAccount = (r: Row): Account => ({
  id: r.id,
  username: r.username,
  role: r.role,
  scope: r.scope,
  createdAt: r.created_at,
});

export const normaliseUsername = (u: string) => u.trim().toLowerCase();

export function createAccounts(db: Db) {
  const insert = db.prepare(
    'INSERT INTO console_accounts (username, password_hash, role, scope, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byName = db.prepare<[string], Row>('SELECT * FROM console_accounts WHERE username = ?');
  const byId = db.prepare<[number], Row>('SELECT * FROM console_accounts WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM console_accounts ORDER BY username');
  const remove = db.prepare<[number]>('DELETE FROM console_accounts WHERE id = ?');
  const setHash = db.prepare<[string, number]>('UPDATE console_accounts SET password_hash = ? WHERE id = ?');
  const insertSession = db.prepare(
    'INSERT INTO console_sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const sessionAccount = db.prepare<[Buffer, string], Row>(
    `SELECT a.* FROM console_sessions s JOIN console_accounts a ON a.id = s.account_id
     WHERE s.token_hash = ? AND s.expires_at > ?`,
  );
  const endSession = db.prepare<[Buffer]>('DELETE FROM console_sessions WHERE token_hash = ?');
  const endAll = db.prepare<[number]>('DELETE FROM console_sessions WHERE account_id = ?');
  const sweep = db.prepare<[string]>('DELETE FROM console_sessions WHERE expires_at <= ?');

  return {
    async create(input: { username: string; password: string; role: Role; scope: string | null }) {
      const hash = await hashPassword(input.password);
      const username = normaliseUsername(input.username);
      if (byName.get(username)) return { ok: false as const, error: 'username_taken' };
      const info = insert.run(username, hash, input.role, input.scope, new Date().toISOString());
      return { ok: true as const, account: toAccount(byId.get(Number(info.lastInsertRowid))!) };
    },
    /** The account and its stored hash, for sign-in only. */
    withHash(username: string): (Account & { passwordHash: string }) | undefined {
      const r = byName.get(normaliseUsername(username));
      return r && { ...toAccount(r), passwordHash: r.password_hash };
    },
    get(id: number): Account | undefined {
      const r = byId.get(id);
      return r && toAccount(r);
    },
    list(): Account[] {
      return all.all().map(toAccount);
    },
    remove(id: number): boolean {
      return remove.run(id).changes > 0;
    },
    async setPassword(id: number, password: string) {
      setHash.run(await hashPassword(password), id);
      // A new password ends every session of the old one.
      endAll.run(id);
    },
    count(): number {
      return all.all().length;
    },
    /** Opens a session; returns the cookie value (shown to the browser once, kept here only as a hash). */
    openSession(accountId: number, now = new Date()): { token: string; expiresAt: Date } {
      sweep.run(now.toISOString());
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
      insertSession.run(sha256(token), accountId, now.toISOString(), expiresAt.toISOString());
      return { token, expiresAt };
    },
    sessionAccount(token: string, now = new Date()): Account | undefined {
      const r = sessionAccount.get(sha256(token), now.toISOString());
      return r && toAccount(r);
    },
    closeSession(token: string) {
      endSession.run(sha256(token));
    },
  };
}
export type Accounts = ReturnType<typeof createAccounts>;
