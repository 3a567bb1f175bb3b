import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PeelError } from '../../src/errors.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open.js';
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
    expect(() => migrate(db, MIGRATIONS)).toThrowError('Store: database is at version 99, newer than this code (3)');
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

describe('migration 3 (workspaces) on a database from before it', () => {
  it('keeps every row: deliveries take their subscription’s workspace, the rest wait for the workspace to adopt them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'peel-v2-')), 'peel.sqlite');
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 2));
    db.exec(`
      INSERT INTO answers (id, created_at, surface, answer_json) VALUES ('a1', ${Date.now()}, 'command', '{"question":"q"}');
      INSERT INTO thread_context (channel, thread_ts, updated_at, answer_json) VALUES ('C1', '1.0', 1, '{"question":"q"}');
      INSERT INTO seen_events (event_id, expires_at) VALUES ('Ev1', ${Date.now() + 3_600_000});
      INSERT INTO digest_subscriptions (team_id, channel_id, local_time, time_zone, subscribed_by, subscribed_at, effective_from, updated_at)
        VALUES ('T7', 'C1', '08:30', 'UTC', 'U1', 1, 1, 1);
      INSERT INTO digest_deliveries (channel_id, local_date, state, item_key, attempts, claimed_at, updated_at)
        VALUES ('C1', '2026-05-12', 'sent', 'k', 1, 1, 1);
    `);
    db.close();
    const store = openSqliteStore(path);
    expect(await store.version()).toBe(3);
    expect(await store.subscription({ teamId: 'T7', channelId: 'C1' })).toMatchObject({ time: '08:30' });
    expect(await store.delivery({ teamId: 'T7', channelId: 'C1' }, '2026-05-12')).toMatchObject({ state: 'sent', itemKey: 'k' });
    await store.adoptWorkspace('T7');
    expect(await store.findAnswer('T7', 'a1')).toMatchObject({ id: 'a1' });
    expect(await store.lastThreadAnswer('T7', 'C1', '1.0')).toEqual({ question: 'q' });
    expect(await store.claimEvent('T7', 'Ev1')).toBe(false);
    await store.close();
  });
});

describe('a failure of the SQLite engine', () => {
  it('is one line naming the file, the method and SQLite’s reason, from the engine itself as from openStore', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'peel-fail-')), 'peel.sqlite');
    const engine = openSqliteStore(path);
    const store = await openStore({ databasePath: path });
    const db = new Database(path);
    db.exec('DROP TABLE questions');
    db.close();
    await expect(store.recordQuestion('T1', 'dm', { question: 'q', intent: 'none', answered: false })).rejects.toThrow(
      `Store: ${path}: recordQuestion failed: no such table: questions`,
    );
    await expect(engine.stats(null)).rejects.toThrow(`Store: ${path}: stats failed: no such table: questions`);
    await store.close();
    await engine.close();
  });
});
