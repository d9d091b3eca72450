// Console accounts and their sessions, kept by the store (Store.console: SQLite or PostgreSQL). An account has
// a role and one location subtree; a session is a random token in a cookie, stored as its SHA-256 only, so a
// copy of the database does not let anyone in. Expired sessions are refused and swept at sign-in.
import { randomBytes } from 'node:crypto';
import { sha256 } from '../auth';
import type { AccountRecord, ConsoleData, Role } from '../store';
import { hashPassword } from './passwords';

export type { Role } from '../store';
export const ROLES: readonly Role[] = ['admin', 'coordinator'];

export type Account = Omit<AccountRecord, 'passwordHash'>;

/** A session lasts a working day; after that the coordinator signs in again. */
export const SESSION_HOURS = 12;

const toAccount = ({ passwordHash: _, ...a }: AccountRecord): Account => a;

export const normaliseUsername = (u: string) => u.trim().toLowerCase();

export function createAccounts(data: ConsoleData) {
  return {
    async create(input: { username: string; password: string; role: Role; scope: string | null }) {
      const hash = await hashPassword(input.password);
      const made = await data.addAccount({
        username: normaliseUsername(input.username),
        passwordHash: hash,
        role: input.role,
        scope: input.scope,
        createdAt: new Date().toISOString(),
      });
      if (!made) return { ok: false as const, error: 'username_taken' };
      return { ok: true as const, account: toAccount(made) };
    },
    /** The account and its stored hash, for sign-in only. */
    async withHash(username: string): Promise<(Account & { passwordHash: string }) | undefined> {
      return (await data.accountByName(normaliseUsername(username))) ?? undefined;
    },
    async get(id: number): Promise<Account | undefined> {
      const r = Number.isSafeInteger(id) ? await data.accountById(id) : null;
      return r ? toAccount(r) : undefined;
    },
    async list(): Promise<Account[]> {
      return (await data.accounts()).map(toAccount);
    },
    remove(id: number): Promise<boolean> {
      return data.removeAccount(id);
    },
    async setPassword(id: number, password: string) {
      // A new password ends every session of the old one.
      await data.setPasswordHash(id, await hashPassword(password));
    },
    async count(): Promise<number> {
      return (await data.accounts()).length;
    },
    /** Opens a session; returns the cookie value (shown to the browser once, kept here only as a hash). */
    async openSession(accountId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
      await data.openSession({
        tokenHash: sha256(token),
        accountId,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      });
      return { token, expiresAt };
    },
    async sessionAccount(token: string, now = new Date()): Promise<Account | undefined> {
      const r = await data.sessionAccount(sha256(token), now.toISOString());
      return r ? toAccount(r) : undefined;
    },
    closeSession(token: string): Promise<void> {
      return data.closeSession(sha256(token));
    },
  };
}
export type Accounts = ReturnType<typeof createAccounts>;
