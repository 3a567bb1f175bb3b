/**
 * Opens the store the configuration names: PostgreSQL when a DATABASE_URL is given (several
 * replicas share it), else the SQLite file at DATABASE_PATH (one process, nothing to set up).
 * The rest of peel-bot gets a PeelStore and never learns which engine is behind it.
 */
import { PeelError } from '../errors.js';
import { openPostgresStore } from './postgres.js';
import type { StoreOptions } from './rows.js';
import { sealingKey } from './sealed.js';
import { openSqliteStore } from './sqlite.js';
import type { PeelStore } from './store.js';

export type { StoreOptions } from './rows.js';

export interface StoreLocation {
  /** postgres://… (a secret: it may hold a password); wins over `path` */
  databaseUrl?: string | null;
  /** an SQLite file, or ':memory:' */
  databasePath: string;
}

export interface OpenOptions extends Omit<StoreOptions, 'sealingKey'> {
  /** told about a pooled PostgreSQL connection failing while idle */
  onIdleError?: (message: string) => void;
  /** TOKEN_ENCRYPTION_KEY (64 hex characters): seals installations; checked against those stored */
  tokenEncryptionKey?: string | null;
}

/**
 * Opens and migrates the store; rejects with a one-line PeelError (STORE_FAILED) that names where
 * and why. With a key, installations sealed with another key stop start-up here, naming both key
 * ids, rather than failing on every request from those workspaces.
 */
export async function openStore(location: StoreLocation, options: OpenOptions = {}): Promise<PeelStore> {
  const { onIdleError, tokenEncryptionKey, ...rest } = options;
  const key = tokenEncryptionKey ? sealingKey(tokenEncryptionKey) : null;
  const settings: StoreOptions = { ...rest, sealingKey: key };
  const store = location.databaseUrl
    ? await openPostgresStore(location.databaseUrl, { ...settings, ...(onIdleError ? { onIdleError } : {}) })
    : openSqliteStore(location.databasePath, settings);
  if (key) {
    const others = (await store.installationKeys()).filter((k) => k.keyId !== key.id);
    if (others.length > 0) {
      await store.close();
      const count = others.reduce((n, k) => n + k.count, 0);
      throw new PeelError(
        'STORE_FAILED',
        `Store: ${count} stored installation(s) were sealed with key ${others.map((k) => k.keyId).join(', ')}, but TOKEN_ENCRYPTION_KEY is key ${key.id}: they cannot be decrypted (set the key they were sealed with)`,
      );
    }
  }
  return store;
}
