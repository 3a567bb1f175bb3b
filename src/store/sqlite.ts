/**
 * The store: the one module that owns SQL. better-sqlite3 (synchronous, one connection per
 * process), WAL so `npm run stats` can read while the bot writes, migrations applied at open.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Answer } from '../answer/schema.js';
import { PeelError } from '../errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Surface = 'mention' | 'dm' | 'command' | 'action';
export type Vote = 'up' | 'down';

export interface StoreOptions {
  /** milliseconds since the epoch; tests pass a fake clock */
  now?: () => number;
  /** how long an event id is remembered; Slack's last retry comes about 5 minutes after the first try */
  seenEventTtlMs?: number;
  /** how many threads keep follow-up context; the oldest are forgotten first */
  maxThreads?: number;
  /** how long the answers behind buttons are kept */
  answerTtlMs?: number;
}

export interface Stats {
  byIntent: { intent: string; asked: number; unanswered: number }[];
  unanswered: { question: string; times: number; last: number }[];
  feedback: { up: number; down: number; recent: { vote: Vote; question: string; intent: string; at: number }[] };
}

export interface StoredAnswer {
  id: string;
  surface: Surface;
  answer: Answer;
}

const HOUR = 3_600_000;

/** Opens (creating the folder and file if missing) and migrates the database at `path`; ':memory:' works for tests. */
export function openStore(path: string, options: StoreOptions = {}): PeelStore {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 2000');
    migrate(db, MIGRATIONS);
    return new PeelStore(db, options);
  } catch (err) {
    if (err instanceof PeelError) throw err;
    throw new PeelError('STORE_FAILED', `Store: cannot open ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Applies every migration above the database's user_version, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (version > latest) {
    throw new PeelError('STORE_FAILED', `Store: database is at version ${version}, newer than this code (${latest})`);
  }
  for (const m of migrations) {
    if (m.version <= version) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    version = m.version;
  }
  return version;
}

export class PeelStore {
  private readonly now: () => number;
  private readonly seenEventTtlMs: number;
  private readonly maxThreads: number;
  private readonly answerTtlMs: number;

  constructor(
    private readonly db: Database.Database,
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.seenEventTtlMs = options.seenEventTtlMs ?? HOUR;
    this.maxThreads = options.maxThreads ?? 5000;
    this.answerTtlMs = options.answerTtlMs ?? 30 * 24 * HOUR;
  }

  /** The schema version after migrations. */
  version(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /**
   * Records `eventId` as handled; true the first time, false for a retry of the same event
   * within the expiry. Expired ids are swept on the way.
   */
  claimEvent(eventId: string): boolean {
    const now = this.now();
    this.db.prepare('DELETE FROM seen_events WHERE expires_at <= ?').run(now);
    const result = this.db
      .prepare('INSERT OR IGNORE INTO seen_events (event_id, expires_at) VALUES (?, ?)')
      .run(eventId, now + this.seenEventTtlMs);
    return result.changes === 1;
  }

  /** Keeps an answer for its buttons (Show source, More results, Share, feedback); returns its id. */
  saveAnswer(surface: Surface, answer: Answer): string {
    const id = randomBytes(6).toString('base64url');
    const now = this.now();
    this.db.prepare('DELETE FROM answers WHERE created_at < ?').run(now - this.answerTtlMs);
    this.db
      .prepare('INSERT INTO answers (id, created_at, surface, answer_json) VALUES (?, ?, ?, ?)')
      .run(id, now, surface, JSON.stringify(answer));
    return id;
  }

  /** The answer saved under `id`, or null when unknown or expired. */
  findAnswer(id: string): StoredAnswer | null {
    const row = this.db
      .prepare('SELECT id, surface, answer_json FROM answers WHERE id = ? AND created_at >= ?')
      .get(id, this.now() - this.answerTtlMs) as { id: string; surface: Surface; answer_json: string } | undefined;
    return row ? { id: row.id, surface: row.surface, answer: JSON.parse(row.answer_json) as Answer } : null;
  }

  /** Remembers the last answer in a thread, for follow-ups; keeps at most maxThreads threads. */
  saveThreadAnswer(channel: string, threadTs: string, answer: Answer): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO thread_context (channel, thread_ts, updated_at, answer_json) VALUES (?, ?, ?, ?)
           ON CONFLICT (channel, thread_ts) DO UPDATE SET updated_at = excluded.updated_at, answer_json = excluded.answer_json`,
        )
        .run(channel, threadTs, this.now(), JSON.stringify(answer));
      this.db
        .prepare(
          `DELETE FROM thread_context WHERE rowid NOT IN
             (SELECT rowid FROM thread_context ORDER BY updated_at DESC, rowid DESC LIMIT ?)`,
        )
        .run(this.maxThreads);
    })();
  }

  /** The last answer given in a thread, or null. */
  lastThreadAnswer(channel: string, threadTs: string): Answer | null {
    const row = this.db
      .prepare('SELECT answer_json FROM thread_context WHERE channel = ? AND thread_ts = ?')
      .get(channel, threadTs) as { answer_json: string } | undefined;
    return row ? (JSON.parse(row.answer_json) as Answer) : null;
  }

  /** Counts a question by intent; keeps its words only when the report did not answer it. */
  recordQuestion(surface: Surface, answer: Pick<Answer, 'question' | 'intent' | 'answered'>): void {
    this.db
      .prepare('INSERT INTO questions (asked_at, surface, intent, answered, question) VALUES (?, ?, ?, ?, ?)')
      .run(this.now(), surface, answer.intent, answer.answered ? 1 : 0, answer.answered ? null : answer.question);
  }

  /** Stores a 👍/👎 on an answer; a second click by the same person replaces the first. */
  recordFeedback(answerId: string, userId: string, vote: Vote, answer: Pick<Answer, 'question' | 'intent'>): void {
    this.db
      .prepare(
        `INSERT INTO feedback (given_at, answer_id, user_id, vote, question, intent) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, given_at = excluded.given_at`,
      )
      .run(this.now(), answerId, userId, vote, answer.question, answer.intent);
  }

  /** Everything `npm run stats` prints. */
  stats(limit = 50): Stats {
    const byIntent = this.db
      .prepare(
        `SELECT intent, COUNT(*) AS asked, SUM(answered = 0) AS unanswered
         FROM questions GROUP BY intent ORDER BY asked DESC, intent`,
      )
      .all() as Stats['byIntent'];
    const unanswered = this.db
      .prepare(
        `SELECT question, COUNT(*) AS times, MAX(asked_at) AS last FROM questions
         WHERE answered = 0 AND question IS NOT NULL GROUP BY question ORDER BY times DESC, last DESC LIMIT ?`,
      )
      .all(limit) as Stats['unanswered'];
    const votes = this.db.prepare(`SELECT vote, COUNT(*) AS n FROM feedback GROUP BY vote`).all() as { vote: Vote; n: number }[];
    const recent = this.db
      .prepare(`SELECT vote, question, intent, given_at AS at FROM feedback ORDER BY given_at DESC, id DESC LIMIT ?`)
      .all(limit) as Stats['feedback']['recent'];
    const count = (v: Vote) => votes.find((r) => r.vote === v)?.n ?? 0;
    return { byIntent, unanswered, feedback: { up: count('up'), down: count('down'), recent } };
  }

  close(): void {
    this.db.close();
  }
}
