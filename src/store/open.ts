/**
 * Opens the store the configuration names: PostgreSQL when a DATABASE_URL is given (several
 * replicas share it), else the SQLite file at DATABASE_PATH (one process, nothing to set up).
 * The rest of peel-bot gets a PeelStore and never learns which engine is behind it.
 */
import { openPostgresStore } from './postgres.js';
import type { StoreOptions } from './rows.js';
import { openSqliteStore } from './sqlite.js';
import type { PeelStore } from './store.js';

export type { StoreOptions } from './rows.js';

export interface StoreLocation {
  /** postgres://… (a secret: it may hold a password); wins over `path` */
  databaseUrl?: string | null;
  /** an SQLite file, or ':memory:' */
  databasePath: string;
}

export interface OpenOptions extends StoreOptions {
  /** told about a pooled PostgreSQL connection failing while idle */
  onIdleError?: (message: string) => void;
}

/** Opens and migrates the store; rejects with a one-line PeelError (STORE_FAILED) that names where and why. */
export async function openStore(location: StoreLocation, options: OpenOptions = {}): Promise<PeelStore> {
  if (location.databaseUrl) return openPostgresStore(location.databaseUrl, options);
  const { onIdleError: _unused, ...sqliteOptions } = options;
  return openSqliteStore(location.databasePath, sqliteOptions);
}
