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
import { ADOPTED, type DeliveryRow, type InstallationRow, openInstallation, sealInstallation, type StoreOptions, storeSettings, type SubscriptionRow, toDelivery, toSubscription } from './rows.js';
import { oneLineErrors } from './one-line-errors.js';
import { installationKey } from './sealed.js';
import type { ChannelRef, Delivery, DeliveryOutcome, InstallationRef, PeelStore, Stats, StoredAnswer, Subscription, Surface, Vote } from './store.js';

/**
 * Opens (creating the folder and file if missing) and migrates the database at `path`; ':memory:'
 * works for tests. Its methods fail with one line, as the PostgreSQL engine's do.
 */
export function openSqliteStore(path: string, options: StoreOptions = {}): PeelStore {
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
    return oneLineErrors(new SqliteStore(db, path, options));
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
class SqliteStore implements PeelStore {
  /** the options with their defaults (rows.ts): clock, expiries, thread bound, sealing key */
  private readonly settings: Required<StoreOptions>;

  constructor(
    private readonly db: Database.Database,
    readonly where: string,
    options: StoreOptions = {},
  ) {
    this.settings = storeSettings(options);
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
  async claimEvent(teamId: string, eventId: string): Promise<boolean> {
    const now = this.settings.now();
    const result = this.stmt(
      `INSERT INTO seen_events (team_id, event_id, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (team_id, event_id) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_events.expires_at <= ?`,
    ).run(teamId, eventId, now + this.settings.seenEventTtlMs, now);
    return result.changes === 1;
  }

  async sweep(): Promise<void> {
    const now = this.settings.now();
    this.stmt('DELETE FROM seen_events WHERE expires_at <= ?').run(now);
    this.stmt('DELETE FROM answers WHERE created_at < ?').run(now - this.settings.answerTtlMs);
  }

  async adoptWorkspace(teamId: string): Promise<void> {
    this.db.transaction(() => {
      for (const table of ADOPTED) {
        // OR IGNORE: a row the workspace already has under the same key wins over the old one
        this.stmt(`UPDATE OR IGNORE ${table} SET team_id = ? WHERE team_id = ''`).run(teamId);
      }
    })();
  }

  /** Keeps an answer for its buttons (Show source, More results, Share, feedback); returns its id. */
  async saveAnswer(teamId: string, surface: Surface, answer: Answer): Promise<string> {
    const id = randomBytes(6).toString('base64url');
    this.stmt('INSERT INTO answers (id, team_id, created_at, surface, answer_json) VALUES (?, ?, ?, ?, ?)')
      .run(id, teamId, this.settings.now(), surface, JSON.stringify(answer));
    return id;
  }

  /** The answer saved under `id`, or null when unknown, expired or another workspace's. */
  async findAnswer(teamId: string, id: string): Promise<StoredAnswer | null> {
    const row = this.stmt('SELECT id, surface, answer_json FROM answers WHERE id = ? AND team_id = ? AND created_at >= ?')
      .get(id, teamId, this.settings.now() - this.settings.answerTtlMs) as { id: string; surface: Surface; answer_json: string } | undefined;
    return row ? { id: row.id, surface: row.surface, answer: JSON.parse(row.answer_json) as Answer } : null;
  }

  /** Remembers the last answer in a thread, for follow-ups; keeps at most maxThreads threads. */
  async saveThreadAnswer(teamId: string, channel: string, threadTs: string, answer: Answer): Promise<void> {
    this.db.transaction(() => {
      this.stmt(
        `INSERT INTO thread_context (team_id, channel, thread_ts, updated_at, answer_json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (team_id, channel, thread_ts) DO UPDATE SET updated_at = excluded.updated_at, answer_json = excluded.answer_json`,
      ).run(teamId, channel, threadTs, this.settings.now(), JSON.stringify(answer));
      // what is older than the newest maxThreads threads goes (an index walk, not a sort of the table)
      this.stmt(
        `DELETE FROM thread_context WHERE updated_at <
           (SELECT updated_at FROM thread_context ORDER BY updated_at DESC LIMIT 1 OFFSET ?)`,
      ).run(this.settings.maxThreads - 1);
    })();
  }

  /** The last answer given in a thread, or null. */
  async lastThreadAnswer(teamId: string, channel: string, threadTs: string): Promise<Answer | null> {
    const row = this.stmt('SELECT answer_json FROM thread_context WHERE team_id = ? AND channel = ? AND thread_ts = ?')
      .get(teamId, channel, threadTs) as { answer_json: string } | undefined;
    return row ? (JSON.parse(row.answer_json) as Answer) : null;
  }

  /** Counts a question by intent; keeps its words only when the report did not answer it. */
  async recordQuestion(teamId: string, surface: Surface, answer: Pick<Answer, 'question' | 'intent' | 'answered'>): Promise<void> {
    this.stmt('INSERT INTO questions (team_id, asked_at, surface, intent, answered, question) VALUES (?, ?, ?, ?, ?, ?)')
      .run(teamId, this.settings.now(), surface, answer.intent, answer.answered ? 1 : 0, answer.answered ? null : answer.question);
  }

  /** Stores a 👍/👎 on an answer; a second click by the same person replaces the first. */
  async recordFeedback(teamId: string, answerId: string, userId: string, vote: Vote, answer: Pick<Answer, 'question' | 'intent'>): Promise<void> {
    this.stmt(
      `INSERT INTO feedback (team_id, given_at, answer_id, user_id, vote, question, intent) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, given_at = excluded.given_at`,
    ).run(teamId, this.settings.now(), answerId, userId, vote, answer.question, answer.intent);
  }

  /** Everything `npm run stats` prints, for one workspace or (null) all. */
  async stats(teamId: string | null, limit = 50): Promise<Stats> {
    // "? IS NULL OR team_id = ?": one statement serves a workspace and the whole
    const scope = '(? IS NULL OR team_id = ?)';
    const byIntent = this.stmt(
      `SELECT intent, COUNT(*) AS asked, SUM(answered = 0) AS unanswered
       FROM questions WHERE ${scope} GROUP BY intent ORDER BY asked DESC, intent`,
    ).all(teamId, teamId) as Stats['byIntent'];
    const unanswered = this.stmt(
      `SELECT question, COUNT(*) AS times, MAX(asked_at) AS last FROM questions
       WHERE answered = 0 AND question IS NOT NULL AND ${scope} GROUP BY question ORDER BY times DESC, last DESC LIMIT ?`,
    ).all(teamId, teamId, limit) as Stats['unanswered'];
    const votes = this.stmt(`SELECT vote, COUNT(*) AS n FROM feedback WHERE ${scope} GROUP BY vote`).all(teamId, teamId) as { vote: Vote; n: number }[];
    const recent = this.stmt(`SELECT vote, question, intent, given_at AS at FROM feedback WHERE ${scope} ORDER BY given_at DESC, id DESC LIMIT ?`)
      .all(teamId, teamId, limit) as Stats['feedback']['recent'];
    const count = (v: Vote) => votes.find((r) => r.vote === v)?.n ?? 0;
    return { byIntent, unanswered, feedback: { up: count('up'), down: count('down'), recent } };
  }

  async workspaces(): Promise<string[]> {
    return (this.stmt(`SELECT team_id FROM questions UNION SELECT team_id FROM feedback ORDER BY team_id`).all() as { team_id: string }[]).map((r) => r.team_id);
  }

  async subscribe(input: { teamId: string; channelId: string; time: string; zone: string; userId: string }): Promise<{ subscription: Subscription; created: boolean }> {
    const now = this.settings.now();
    const created = this.db.transaction(() => {
      const existing = this.stmt('SELECT local_time, time_zone FROM digest_subscriptions WHERE team_id = ? AND channel_id = ?')
        .get(input.teamId, input.channelId) as { local_time: string; time_zone: string } | undefined;
      if (!existing) {
        this.stmt(
          `INSERT INTO digest_subscriptions (team_id, channel_id, local_time, time_zone, subscribed_by, subscribed_at, effective_from, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(input.teamId, input.channelId, input.time, input.zone, input.userId, now, now, now);
        return true;
      }
      const changed = existing.local_time !== input.time || existing.time_zone !== input.zone;
      this.stmt(
        `UPDATE digest_subscriptions SET local_time = ?, time_zone = ?, subscribed_by = ?, updated_at = ?,
           effective_from = CASE WHEN ? THEN ? ELSE effective_from END, paused_reason = NULL, paused_at = NULL
         WHERE team_id = ? AND channel_id = ?`,
      ).run(input.time, input.zone, input.userId, now, changed ? 1 : 0, now, input.teamId, input.channelId);
      return false;
    }).immediate();
    return { subscription: (await this.subscription(input))!, created };
  }

  async unsubscribe({ teamId, channelId }: ChannelRef): Promise<boolean> {
    return this.stmt('DELETE FROM digest_subscriptions WHERE team_id = ? AND channel_id = ?').run(teamId, channelId).changes === 1;
  }

  async subscription({ teamId, channelId }: ChannelRef): Promise<Subscription | null> {
    const row = this.stmt('SELECT * FROM digest_subscriptions WHERE team_id = ? AND channel_id = ?').get(teamId, channelId) as SubscriptionRow | undefined;
    return row ? toSubscription(row) : null;
  }

  async subscriptions(): Promise<Subscription[]> {
    return (this.stmt('SELECT * FROM digest_subscriptions ORDER BY team_id, channel_id').all() as SubscriptionRow[]).map(toSubscription);
  }

  async pauseSubscription({ teamId, channelId }: ChannelRef, reason: string): Promise<void> {
    this.stmt('UPDATE digest_subscriptions SET paused_reason = ?, paused_at = ? WHERE team_id = ? AND channel_id = ?')
      .run(reason, this.settings.now(), teamId, channelId);
  }

  async pauseWorkspace(teamId: string, reason: string): Promise<number> {
    return this.stmt('UPDATE digest_subscriptions SET paused_reason = ?, paused_at = ? WHERE team_id = ? AND paused_reason IS NULL')
      .run(reason, this.settings.now(), teamId).changes;
  }

  async delivery({ teamId, channelId }: ChannelRef, localDate: string): Promise<Delivery | null> {
    const row = this.stmt('SELECT * FROM digest_deliveries WHERE team_id = ? AND channel_id = ? AND local_date = ?')
      .get(teamId, channelId, localDate) as DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  async lastSent({ teamId, channelId }: ChannelRef): Promise<Delivery | null> {
    const row = this.stmt(`SELECT * FROM digest_deliveries WHERE team_id = ? AND channel_id = ? AND state = 'sent' ORDER BY local_date DESC LIMIT 1`)
      .get(teamId, channelId) as DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  async shownItemKeys({ teamId, channelId }: ChannelRef, limit: number): Promise<string[]> {
    const rows = this.stmt(
      `SELECT item_key FROM digest_deliveries
       WHERE team_id = ? AND channel_id = ? AND state IN ('sent', 'uncertain', 'claimed') AND item_key IS NOT NULL
       ORDER BY local_date DESC, id DESC LIMIT ?`,
    ).all(teamId, channelId, limit) as { item_key: string }[];
    return rows.map((r) => r.item_key);
  }

  async claimDelivery({ teamId, channelId }: ChannelRef, localDate: string, itemKey: string, maxAttempts: number): Promise<Delivery | null> {
    const now = this.settings.now();
    // one upsert: a new row, or a failed one with attempts left, is claimed; anything else is not
    // (SQLite serialises writers on the file, so the app and `npm run digest` cannot both win)
    const row = this.stmt(
      `INSERT INTO digest_deliveries (team_id, channel_id, local_date, state, item_key, attempts, claimed_at, updated_at)
       VALUES (?, ?, ?, 'claimed', ?, 1, ?, ?)
       ON CONFLICT (team_id, channel_id, local_date) DO UPDATE SET state = 'claimed', item_key = excluded.item_key,
         attempts = digest_deliveries.attempts + 1, claimed_at = excluded.claimed_at, updated_at = excluded.updated_at
       WHERE digest_deliveries.state = 'failed' AND digest_deliveries.attempts < ?
       RETURNING *`,
    ).get(teamId, channelId, localDate, itemKey, now, now, maxAttempts) as DeliveryRow | undefined;
    return row ? toDelivery(row) : null;
  }

  async finishDelivery({ teamId, channelId }: ChannelRef, localDate: string, outcome: DeliveryOutcome): Promise<void> {
    const ts = outcome.state === 'sent' ? outcome.messageTs : null;
    const error = outcome.state === 'sent' ? null : outcome.error;
    this.stmt(
      `UPDATE digest_deliveries SET state = ?, message_ts = ?, last_error = ?, updated_at = ?
       WHERE team_id = ? AND channel_id = ? AND local_date = ? AND state = 'claimed'`,
    ).run(outcome.state, ts, error, this.settings.now(), teamId, channelId, localDate);
  }

  async saveInstallation(ref: InstallationRef, installation: unknown): Promise<void> {
    const row = sealInstallation(ref, installation, this.settings.sealingKey);
    const now = this.settings.now();
    this.stmt(
      `INSERT INTO installations (installation_key, team_id, enterprise_id, key_id, sealed, installed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (installation_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
         key_id = excluded.key_id, sealed = excluded.sealed, updated_at = excluded.updated_at`,
    ).run(row.installation_key, row.team_id, row.enterprise_id, row.key_id, row.sealed, now, now);
  }

  async findInstallation(ref: InstallationRef): Promise<unknown | null> {
    const row = this.stmt('SELECT installation_key, sealed FROM installations WHERE installation_key = ?').get(installationKey(ref)) as InstallationRow | undefined;
    return row ? openInstallation(row, this.settings.sealingKey) : null;
  }

  async deleteInstallation(ref: InstallationRef): Promise<boolean> {
    return this.stmt('DELETE FROM installations WHERE installation_key = ?').run(installationKey(ref)).changes === 1;
  }

  async installationKeys(): Promise<{ keyId: string; count: number }[]> {
    return this.stmt('SELECT key_id AS keyId, COUNT(*) AS count FROM installations GROUP BY key_id ORDER BY key_id').all() as { keyId: string; count: number }[];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
