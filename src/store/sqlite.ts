/**
 * The store: the one module that owns SQL. better-sqlite3 (synchronous, one connection per
 * process), WAL so `npm run stats` can read while the bot writes, migrations applied at open.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Answer } from '../answer/schema.js';
import { PeelError } from '../errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import type { Delivery, DeliveryOutcome, PeelStore, Stats, StoredAnswer, Subscription, Surface, Vote } from './store.js';

export type { AnswerStore, Delivery, DeliveryOutcome, DeliveryState, DigestStore, PeelStore, Stats, StoredAnswer, Subscription, Surface, Vote } from './store.js';

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

const HOUR = 3_600_000;

/** Opens (creating the folder and file if missing) and migrates the database at `path`; ':memory:' works for tests. */
export function openStore(path: string, options: StoreOptions = {}): PeelStore {
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
    return new SqliteStore(db, options);
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
      db.exec(m.sql);
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
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.seenEventTtlMs = options.seenEventTtlMs ?? HOUR;
    this.maxThreads = options.maxThreads ?? 5000;
    this.answerTtlMs = options.answerTtlMs ?? 30 * 24 * HOUR;
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
    this.stmt('DELETE FROM seen_events WHERE expires_at <= ?').run(now);
    const result = this.stmt('INSERT OR IGNORE INTO seen_events (event_id, expires_at) VALUES (?, ?)')
      .run(eventId, now + this.seenEventTtlMs);
    return result.changes === 1;
  }

  /** Keeps an answer for its buttons (Show source, More results, Share, feedback); returns its id. */
  saveAnswer(surface: Surface, answer: Answer): string {
    const id = randomBytes(6).toString('base64url');
    const now = this.now();
    this.stmt('DELETE FROM answers WHERE created_at < ?').run(now - this.answerTtlMs);
    this.stmt('INSERT INTO answers (id, created_at, surface, answer_json) VALUES (?, ?, ?, ?)')
      .run(id, now, surface, JSON.stringify(answer));
    return id;
  }

  /** The answer saved under `id`, or null when unknown or expired. */
  findAnswer(id: string): StoredAnswer | null {
    const row = this.stmt('SELECT id, surface, answer_json FROM answers WHERE id = ? AND created_at >= ?')
      .get(id, this.now() - this.answerTtlMs) as { id: string; surface: Surface; answer_json: string } | undefined;
    return row ? { id: row.id, surface: row.surface, answer: JSON.parse(row.answer_json) as Answer } : null;
  }

  /** Remembers the last answer in a thread, for follow-ups; keeps at most maxThreads threads. */
  saveThreadAnswer(channel: string, threadTs: string, answer: Answer): void {
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
  lastThreadAnswer(channel: string, threadTs: string): Answer | null {
    const row = this.stmt('SELECT answer_json FROM thread_context WHERE channel = ? AND thread_ts = ?')
      .get(channel, threadTs) as { answer_json: string } | undefined;
    return row ? (JSON.parse(row.answer_json) as Answer) : null;
  }

  /** Counts a question by intent; keeps its words only when the report did not answer it. */
  recordQuestion(surface: Surface, answer: Pick<Answer, 'question' | 'intent' | 'answered'>): void {
    this.stmt('INSERT INTO questions (asked_at, surface, intent, answered, question) VALUES (?, ?, ?, ?, ?)')
      .run(this.now(), surface, answer.intent, answer.answered ? 1 : 0, answer.answered ? null : answer.question);
  }

  /** Stores a 👍/👎 on an answer; a second click by the same person replaces the first. */
  recordFeedback(answerId: string, userId: string, vote: Vote, answer: Pick<Answer, 'question' | 'intent'>): void {
    this.stmt(
        `INSERT INTO feedback (given_at, answer_id, user_id, vote, question, intent) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, given_at = excluded.given_at`,
      )
      .run(this.now(), answerId, userId, vote, answer.question, answer.intent);
  }

  /** Everything `npm run stats` prints. */
  stats(limit = 50): Stats {
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
        this.db
          .prepare(
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
    // IMMEDIATE: two processes on one file (the app and `npm run digest -- --run-due`) cannot both win
    const claimed = this.db.transaction(() => {
      const inserted = this.stmt(
          `INSERT INTO digest_deliveries (channel_id, local_date, state, item_key, attempts, claimed_at, updated_at)
           VALUES (?, ?, 'claimed', ?, 1, ?, ?) ON CONFLICT (channel_id, local_date) DO NOTHING`,
        )
        .run(channelId, localDate, itemKey, now, now);
      if (inserted.changes === 1) return true;
      const retried = this.stmt(
          `UPDATE digest_deliveries SET state = 'claimed', item_key = ?, attempts = attempts + 1, claimed_at = ?, updated_at = ?
           WHERE channel_id = ? AND local_date = ? AND state = 'failed' AND attempts < ?`,
        )
        .run(itemKey, now, now, channelId, localDate, maxAttempts);
      return retried.changes === 1;
    }).immediate();
    return claimed ? this.delivery(channelId, localDate) : null;
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

  close(): void {
    this.db.close();
  }
}

interface SubscriptionRow {
  team_id: string;
  channel_id: string;
  local_time: string;
  time_zone: string;
  subscribed_by: string;
  subscribed_at: number;
  effective_from: number;
  updated_at: number;
  paused_reason: string | null;
  paused_at: number | null;
}

function toSubscription(r: SubscriptionRow): Subscription {
  return {
    teamId: r.team_id,
    channelId: r.channel_id,
    time: r.local_time,
    zone: r.time_zone,
    subscribedBy: r.subscribed_by,
    subscribedAt: r.subscribed_at,
    effectiveFrom: r.effective_from,
    updatedAt: r.updated_at,
    pausedReason: r.paused_reason,
    pausedAt: r.paused_at,
  };
}

interface DeliveryRow {
  channel_id: string;
  local_date: string;
  state: Delivery['state'];
  item_key: string | null;
  message_ts: string | null;
  attempts: number;
  last_error: string | null;
  claimed_at: number;
  updated_at: number;
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    channelId: r.channel_id,
    localDate: r.local_date,
    state: r.state,
    itemKey: r.item_key,
    messageTs: r.message_ts,
    attempts: r.attempts,
    lastError: r.last_error,
    claimedAt: r.claimed_at,
    updatedAt: r.updated_at,
  };
}
