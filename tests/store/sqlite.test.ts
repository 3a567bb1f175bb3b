import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PeelError } from '../../src/errors.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { migrate, openSqliteStore } from '../../src/store/sqlite.js';

// what every engine must do is in contract.ts; this file is what only the SQLite engine does
describe('openSqliteStore', () => {
  it('creates the folder, uses WAL and migrates to the latest version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-store-'));
    const path = join(dir, 'nested', 'deeper', 'peel.sqlite');
    const store = openSqliteStore(path);
    expect(existsSync(path)).toBe(true);
    expect(await store.version()).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.where).toBe(path);
    await store.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    // opening again is a no-op migration
    const again = openSqliteStore(path);
    expect(await again.version()).toBe(MIGRATIONS.at(-1)!.version);
    await again.close();
  });

  it('names the path when it cannot open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-store-'));
    writeFileSync(join(dir, 'file'), 'x');
    const path = join(dir, 'file', 'peel.sqlite');
    expect(() => openSqliteStore(path)).toThrowError(PeelError);
    expect(() => openSqliteStore(path)).toThrowError(`Store: cannot open ${path}`);
  });

  it('refuses a database newer than the code', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db, MIGRATIONS)).toThrowError('Store: database is at version 99, newer than this code (2)');
  });

  it('applies migrations in order, once', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, why: 'a', sqlite: 'CREATE TABLE a (x)', postgres: '' },
      { version: 2, why: 'b', sqlite: 'CREATE TABLE b (x)', postgres: '' },
    ];
    expect(migrate(db, steps.slice(0, 1))).toBe(1);
    expect(migrate(db, steps)).toBe(2);
    expect(migrate(db, steps)).toBe(2);
  });
});
