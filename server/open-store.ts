// The store the configuration names: PostgreSQL when PELITA_DATABASE_URL is set, else the SQLite file at
// PELITA_DB. The server and the command-line tools (npm run admin) open it the same way.
import type { ServerConfig } from './config';
import { openDb } from './db';
import { createPgStore } from './pg-store';
import { createSqliteStore } from './sqlite-store';
import type { Store } from './store';

export async function openStore(
  config: Pick<ServerConfig, 'databaseUrl' | 'dbPath' | 'dbPoolSize' | 'sync'>,
): Promise<Store> {
  if (config.databaseUrl)
    return createPgStore(config.databaseUrl, { poolSize: config.dbPoolSize, sync: config.sync });
  return createSqliteStore(openDb(config.dbPath, undefined, { sync: config.sync }));
}
