/**
 * The SQLite engine of the store (the default: no server to set up): better-sqlite3, one
 * connection per process, WAL so `npm run stats` and `npm run digest` can read and claim while the
 * bot writes, migrations applied at open. Its statements are synchronous; the methods are async
 * only to share the PeelStore interface with the PostgreSQL engine.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Answer } from '../answer/schema.js';
import { PeelError } from '../errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { type StoreOptions, storeSettings, toDelivery, toSubscription, type DeliveryRow, type SubscriptionRow } from './rows.js';
import type { Delivery, DeliveryOutcome, PeelStore, Stats, StoredAnswer, Subscription, Surface, Vote } from './store.js';

/** Opens (creating the folder and file if missing) and migrates the database at `path`; ':memory:' works for tests. */
export function openSqliteStore(path: string, options: StoreOptions = {}): SqliteStore {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') {
      if (existsSync(path) && statSync(path).isDirectory()) throw new Error('it is a folder, not a database file');
      mkdirSync(dirname(path), { recursive: true });
    }
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    // in WAL, NORMAL syncs at checkpoints rather than every commit: the file stays consistent, a
    // power cut may lose the last moments' writes (a seen event, a stat), never corrupt them
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 2000');
    // a damaged file can open and migrate and then fail on the first answer: find out now
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      const first = String(check).split('\n').filter((l) => !/^\*\*\*/.test(l))[0] ?? String(check);
      throw new Error(`it failed its integrity check (${first.trim().slice(0, 160)}); move it aside and a new one is created`);
    }
    migrate(db, MIGRATIONS);
    return new SqliteStore(db, path, options);
  } catch (err) {
    db?.close();
    if (err instanceof PeelError) throw err;
    throw new PeelError('STORE_FAILED', `Store: cannot open ${path} (DATABASE_PATH): ${storeProblem(err as NodeJS.ErrnoException)}`, { cause: err });
  }
}

/** What went wrong opening the database, in words that say what to do. */
function storeProblem(err: NodeJS.ErrnoException): string {
  if (err.code === 'EEXIST' || err.code === 'ENOTDIR') return `a part of its folder path is a file, not a folder (${err.message})`;
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') return `no permission to create it or its folder (${err.message})`;
  if (err.code === 'SQLITE_NOTADB') return 'the file is not an SQLite database (or is damaged); move it aside and a new one is created';
  if (err.code === 'SQLITE_CORRUPT') return `the database is damaged (${err.message}); move it aside and a new one is created`;
  if (err.code === 'SQLITE_READONLY' || err.code === 'SQLITE_CANTOPEN' || err.code === 'SQLITE_PERM') return `cannot read and write it (${err.message}); check its permissions and its folder's`;
  return err.message;
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
      db.exec(m.sqlite);
      db.pragma(`user_version = ${m.version}`);
    })();
    version = m.version;
  }
  return version;
}

/** The SQLite implementation of every store interface. */
export class SqliteStore implements PeelStore {
  private readonly now: () => number;
  private readonly seenEventTtlMs: number;
  private readonly maxThreads: number;
  private readonly answerTtlMs: number;

  constructor(
    private readonly db: Database.Database,
    readonly where: string,
    options: StoreOptions = {},
  ) {
    ({ now: this.now, seenEventTtlMs: this.seenEventTtlMs, maxThreads: this.maxThreads, answerTtlMs: this.answerTtlMs } = storeSettings(options));
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled once per SQL text (preparing costs more than running). */
  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async version(): Promise<number> {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  async ping(): Promise<void> {
    this.stmt('SELECT 1').get();
  }

  /**
   * One statement: a new id is inserted, an expired one (not yet swept) is taken over, and a live
   * one is left alone, so `changes` is 1 only for the first claim within the expiry.
   */
  async claimEvent(eventId: string): Promise<boolean> {
    const now = this.now();
    const result = this.stmt(
      `INSERT INTO seen_events (event_id, expires_at) VALUES (?, ?)
       ON CONFLICT (event_id) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_events.expires_at <= ?`,
    ).run(eventId, now + this.seenEventTtlMs, now);
    return result.changes === 1;
  }

  async sweep(): Promise<void> {
    const now = this.now();
    this.stmt('DELETE FROM seen_events WHERE expires_at <= ?').run(now);
    this.stmt('DELETE FROM answers WHERE created_at < ?').run(now - this.answerTtlMs);
  }

  /** Keeps an answer for its buttons (Show source, More results, Share, feedback); returns its id. */
  async saveAnswer(surface: Surface, answer: Answer): Promise<string> {
    const id = randomBytes(6).toString('base64url');
    this.stmt('INSERT INTO answers (id, created_at, surface, answer_json) VALUES (?, ?, ?, ?)')
      .run(id, this.now(), surface, JSON.stringify(answer));
    return id;
  }

  /** The answer saved under `id`, or null when unknown or expired. */
  async findAnswer(id: string): Promise<StoredAnswer | null> {
    const row = this.stmt('SELECT id, surface, answer_json FROM answers WHERE id = ? AND created_at >= ?')
      .get(id, this.now() - this.answerTtlMs) as { id: string; surface: Surface; answer_json: string } | undefined;
    return row ? { id: row.id, surface: row.surface, answer: JSON.parse(row.answer_json) as Answer } : null;
  }

  /** Remembers the last answer in a thread, for follow-ups; keeps at most maxThreads threads. */
  async saveThreadAnswer(channel: string, threadTs: string, answer: Answer): Promise<void> {
    this.db.transaction(() => {
      this.stmt(
          `INSERT INTO thread_context (channel, thread_ts, updated_at, answer_json) VALUES (?, ?, ?, ?)
           ON CONFLICT (channel, thread_ts) DO UPDATE SET updated_at = excluded.updated_at, answer_json = excluded.answer_json`,
        )
        .run(channel, threadTs, this.now(), JSON.stringify(answer));
      // what is older than the newest maxThreads threads goes (an index walk, not a sort of the table)
      this.stmt(
        `DELETE FROM thread_context WHERE updated_at <
           (SELECT updated_at FROM thread_context ORDER BY updated_at DESC LIMIT 1 OFFSET ?)`,
      ).run(this.maxThreads - 1);
    })();
  }

  /** The last answer given in a thread, or null. */
  async lastThreadAnswer(channel: string, threadTs: string): Promise<Answer | null> {
    const row = this.stmt('SELECT answer_json FROM thread_context WHERE channel = ? AND thread_ts = ?')
      .get(channel, threadTs) as { answer_json: string } | undefined;
    return row ? (JSON.parse(row.answer_json) as Answer) : null;
  }

  /** Counts a question by intent; keeps its words only when the report did not answer it. */
  async recordQuestion(surface: Surface, answer: Pick<Answer, 'question' | 'intent' | 'answered'>): Promise<void> {
    this.stmt('INSERT INTO questions (asked_at, surface, intent, answered, question) VALUES (?, ?, ?, ?, ?)')
      .run(this.now(), surface, answer.intent, answer.answered ? 1 : 0, answer.answered ? null : answer.question);
  }

  /** Stores a 👍/👎 on an answer; a second click by the same person replaces the first. */
  async recordFeedback(answerId: string, userId: string, vote: Vote, answer: Pick<Answer, 'question' | 'intent'>): Promise<void> {
    this.stmt(
        `INSERT INTO feedback (given_at, answer_id, user_id, vote, question, intent) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, given_at = excluded.given_at`,
      )
      .run(this.now(), answerId, userId, vote, answer.question, answer.intent);
  }

  /** Everything `npm run stats` prints. */
  async stats(limit = 50): Promise<Stats> {
    const byIntent = this.stmt(
        `SELECT intent, COUNT(*) AS asked, SUM(answered = 0) AS unanswered
         FROM questions GROUP BY intent ORDER BY asked DESC, intent`,
      )
      .all() as Stats['byIntent'];
    const unanswered = this.stmt(
        `SELECT question, COUNT(*) AS times, MAX(asked_at) AS last FROM questions
         WHERE answered = 0 AND question IS NOT NULL GROUP BY question ORDER BY times DESC, last DESC LIMIT ?`,
      )
      .all(limit) as Stats['unanswered'];
    const votes = this.stmt(`SELECT vote, COUNT(*) AS n FROM feedback GROUP BY vote`).all() as { vote: Vote; n: number }[];
    const recent = this.stmt(`SELECT vote, question, intent, given_at AS at FROM feedback ORDER BY given_at DESC, id DESC LIMIT ?`)
      .all(limit) as Stats['feedback']['recent'];
    const count = (v: Vote) => votes.find((r) => r.vote === v)?.n ?? 0;
    return { byIntent, unanswered, feedback: { up: count('up'), down: count('down'), recent } };
  }

  async subscribe(input: { teamId: string; channelId: string; time: string; zone: string; userId: string }): Promise<{ subscription: Subscription; created: boolean }> {
    const now = this.now();
    const created = this.db.transaction(() => {
      const existing = this.stmt('SELECT local_time, time_zone FROM digest_subscriptions WHERE channel_id = ?')
        .get(input.channelId) as { local_time: string; time_zone: string } | undefined;
      if (!existing) {
        this.stmt(
            `INSERT INTO digest_subscriptions (team_id, channel_id, local_time, time_zone, subscribed_by, subscribed_at, effective_from, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(input.teamId, input.channelId, input.time, input.zone, input.userId, now, now, now);
        return true;
      }
      const changed = existing.local_time !== input.time || existing.time_zone !== input.zone;
      this.stmt(
          `UPDATE digest_subscriptions SET team_id = ?, local_time = ?, time_zone = ?, subscribed_by = ?, updated_at = ?,
             effective_from = CASE WHEN ? THEN ? ELSE effective_from END, paused_reason = NULL, paused_at = NULL
           WHERE channel_id = ?`,
        )
        .run(input.teamId, input.time, input.zone, input.userId, now, changed ? 1 : 0, now, input.channelId);
      return false;
    }).immediate();
    return { subscription: (await this.subscription(input.channelId))!, created };
  }

  async unsubscribe(channelId: string): Promise<boolean> {
    return this.stmt('DELETE FROM digest_subscriptions WHERE channel_id = ?').run(channelId).changes === 1;
  }

  async subscription(channelId: string): Promise<Subscription | null> {
    const row = this.stmt('SELECT * FROM digest_subscriptions WHERE channel_id = ?').get(channelId) as SubscriptionRow | undefined;
    return row ? toSubscription(row) : null;
  }

  async subscriptions(): Promise<Subscription[]> {
    return (this.stmt('SELECT * FROM digest_subscriptions ORDER BY channel_id').all() as SubscriptionRow[]).map(toSubscription);
  }

  async pauseSubscription(channelId: string, reason: string): Promise<void> {
    this.stmt('UPDATE digest_subscriptions SET paused_reason = ?, paused_at = ? WHERE channel_id = ?')
      .run(reason, this.now(), channelId);
  }

  async delivery(channelId: string, localDate: string): Promise<Delivery | null> {
    const row = this.stmt('SELECT * FROM digest_deliveries WHERE channel_id = ? AND local_date = ?')
      .get(channelId, localDate) as DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  async lastSent(channelId: string): Promise<Delivery | null> {
    const row = this.stmt(`SELECT * FROM digest_deliveries WHERE channel_id = ? AND state = 'sent' ORDER BY local_date DESC LIMIT 1`)
      .get(channelId) as DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  async shownItemKeys(channelId: string, limit: number): Promise<string[]> {
    const rows = this.stmt(
        `SELECT item_key FROM digest_deliveries
         WHERE channel_id = ? AND state IN ('sent', 'uncertain', 'claimed') AND item_key IS NOT NULL
         ORDER BY local_date DESC, id DESC LIMIT ?`,
      )
      .all(channelId, limit) as { item_key: string }[];
    return rows.map((r) => r.item_key);
  }

  async claimDelivery(channelId: string, localDate: string, itemKey: string, maxAttempts: number): Promise<Delivery | null> {
    const now = this.now();
    // one upsert: a new row, or a failed one with attempts left, is claimed; anything else is not
    // (SQLite serialises writers on the file, so the app and `npm run digest` cannot both win)
    const row = this.stmt(
      `INSERT INTO digest_deliveries (channel_id, local_date, state, item_key, attempts, claimed_at, updated_at)
       VALUES (?, ?, 'claimed', ?, 1, ?, ?)
       ON CONFLICT (channel_id, local_date) DO UPDATE SET state = 'claimed', item_key = excluded.item_key,
         attempts = digest_deliveries.attempts + 1, claimed_at = excluded.claimed_at, updated_at = excluded.updated_at
       WHERE digest_deliveries.state = 'failed' AND digest_deliveries.attempts < ?
       RETURNING *`,
    ).get(channelId, localDate, itemKey, now, now, maxAttempts) as DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  async finishDelivery(channelId: string, localDate: string, outcome: DeliveryOutcome): Promise<void> {
    const ts = outcome.state === 'sent' ? outcome.messageTs : null;
    const error = outcome.state === 'sent' ? null : outcome.error;
    this.stmt(
        `UPDATE digest_deliveries SET state = ?, message_ts = ?, last_error = ?, updated_at = ?
         WHERE channel_id = ? AND local_date = ? AND state = 'claimed'`,
      )
      .run(outcome.state, ts, error, this.now(), channelId, localDate);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
