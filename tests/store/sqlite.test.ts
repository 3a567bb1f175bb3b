import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/schema.js';
import { PeelError } from '../../src/errors.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { migrate, openStore } from '../../src/store/sqlite.js';

const ANSWER: Answer = {
  question: 'what is the crime rate?',
  intent: 'metric',
  answered: true,
  text: 'Cleveland: 76.4 per 1,000 population',
  citations: [{ report: 'r', section: 'S', page: 5, quote: '76.4' }],
};

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('openStore', () => {
  it('creates the folder, uses WAL and migrates to the latest version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-store-'));
    const path = join(dir, 'nested', 'deeper', 'peel.sqlite');
    const store = openStore(path);
    expect(existsSync(path)).toBe(true);
    expect(store.version()).toBe(MIGRATIONS.at(-1)!.version);
    store.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    // opening again is a no-op migration
    const again = openStore(path);
    expect(again.version()).toBe(MIGRATIONS.at(-1)!.version);
    again.close();
  });

  it('names the path when it cannot open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-store-'));
    writeFileSync(join(dir, 'file'), 'x');
    const path = join(dir, 'file', 'peel.sqlite');
    expect(() => openStore(path)).toThrowError(PeelError);
    expect(() => openStore(path)).toThrowError(`Store: cannot open ${path}`);
  });

  it('refuses a database newer than the code', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db, MIGRATIONS)).toThrowError('Store: database is at version 99, newer than this code (2)');
  });

  it('applies migrations in order, once', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, why: 'a', sql: 'CREATE TABLE a (x)' },
      { version: 2, why: 'b', sql: 'CREATE TABLE b (x)' },
    ];
    expect(migrate(db, steps.slice(0, 1))).toBe(1);
    expect(migrate(db, steps)).toBe(2);
    expect(migrate(db, steps)).toBe(2);
  });
});

describe('seen events', () => {
  it('answers a retried event once, and forgets it after the expiry', () => {
    const c = clock();
    const store = openStore(':memory:', { now: c.now, seenEventTtlMs: 60_000 });
    expect(store.claimEvent('Ev1')).toBe(true);
    expect(store.claimEvent('Ev1')).toBe(false);
    expect(store.claimEvent('Ev2')).toBe(true);
    c.advance(60_001);
    expect(store.claimEvent('Ev1')).toBe(true);
  });
});

describe('answers and thread context', () => {
  it('keeps answers for buttons and expires them', () => {
    const c = clock();
    const store = openStore(':memory:', { now: c.now, answerTtlMs: 1000 });
    const id = store.saveAnswer('command', ANSWER);
    expect(id).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(store.findAnswer(id)).toEqual({ id, surface: 'command', answer: ANSWER });
    c.advance(1001);
    expect(store.findAnswer(id)).toBeNull();
    expect(store.findAnswer('nope')).toBeNull();
  });

  it('keeps the last answer per thread, bounded to the most recent threads', () => {
    const c = clock();
    const store = openStore(':memory:', { now: c.now, maxThreads: 2 });
    store.saveThreadAnswer('C1', '1.0', ANSWER);
    c.advance(1);
    store.saveThreadAnswer('C1', '1.0', { ...ANSWER, question: 'second' });
    expect(store.lastThreadAnswer('C1', '1.0')?.question).toBe('second');
    c.advance(1);
    store.saveThreadAnswer('C1', '2.0', ANSWER);
    c.advance(1);
    store.saveThreadAnswer('C2', '1.0', ANSWER);
    expect(store.lastThreadAnswer('C1', '1.0')).toBeNull();
    expect(store.lastThreadAnswer('C1', '2.0')).not.toBeNull();
    expect(store.lastThreadAnswer('C2', '1.0')).not.toBeNull();
  });
});

describe('stats', () => {
  it('counts questions by intent, lists unanswered ones and the feedback', () => {
    const c = clock();
    const store = openStore(':memory:', { now: c.now });
    store.recordQuestion('mention', ANSWER);
    store.recordQuestion('dm', ANSWER);
    store.recordQuestion('command', { question: 'who is the chief constable?', intent: 'none', answered: false });
    c.advance(1);
    store.recordQuestion('dm', { question: 'who is the chief constable?', intent: 'none', answered: false });
    store.recordQuestion('dm', { question: 'budget?', intent: 'none', answered: false });
    store.recordFeedback('a1', 'U1', 'down', ANSWER);
    store.recordFeedback('a1', 'U1', 'up', ANSWER); // changed their mind
    store.recordFeedback('a1', 'U2', 'down', ANSWER);
    const stats = store.stats();
    expect(stats.byIntent).toEqual([
      { intent: 'none', asked: 3, unanswered: 3 },
      { intent: 'metric', asked: 2, unanswered: 0 },
    ]);
    expect(stats.unanswered.map((u) => [u.question, u.times])).toEqual([
      ['who is the chief constable?', 2],
      ['budget?', 1],
    ]);
    expect(stats.feedback.up).toBe(1);
    expect(stats.feedback.down).toBe(1);
    expect(stats.feedback.recent[0]).toMatchObject({ question: ANSWER.question, intent: 'metric' });
  });
});
