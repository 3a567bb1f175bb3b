/**
 * Every statement of the PostgreSQL engine, written out in one place: what each store method runs,
 * the migrations' lock and version table, and how older rows are adopted by a workspace.
 */
import type { AdoptedTable } from './rows.js';

/** Every statement of this engine. Parameters are numbered; times are milliseconds since the epoch. */
export const SQL = {
  claimEvent: `
    INSERT INTO seen_events (team_id, event_id, expires_at) VALUES ($1, $2, $3)
    ON CONFLICT (team_id, event_id) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_events.expires_at <= $4
    RETURNING event_id`,
  sweepEvents: `DELETE FROM seen_events WHERE expires_at <= $1`,
  sweepAnswers: `DELETE FROM answers WHERE created_at < $1`,
  saveAnswer: `INSERT INTO answers (id, team_id, created_at, surface, answer_json) VALUES ($1, $2, $3, $4, $5)`,
  findAnswer: `SELECT id, surface, answer_json FROM answers WHERE id = $1 AND team_id = $2 AND created_at >= $3`,
  saveThread: `
    INSERT INTO thread_context (team_id, channel, thread_ts, updated_at, answer_json) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (team_id, channel, thread_ts) DO UPDATE SET updated_at = excluded.updated_at, answer_json = excluded.answer_json`,
  pruneThreads: `
    DELETE FROM thread_context WHERE updated_at <
      (SELECT updated_at FROM thread_context ORDER BY updated_at DESC LIMIT 1 OFFSET $1)`,
  lastThread: `SELECT answer_json FROM thread_context WHERE team_id = $1 AND channel = $2 AND thread_ts = $3`,
  recordQuestion: `INSERT INTO questions (team_id, asked_at, surface, intent, answered, question) VALUES ($1, $2, $3, $4, $5, $6)`,
  recordFeedback: `
    INSERT INTO feedback (team_id, given_at, answer_id, user_id, vote, question, intent) VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, given_at = excluded.given_at`,
  // $1 null: every workspace
  statsByIntent: `
    SELECT intent, COUNT(*) AS asked, COUNT(*) FILTER (WHERE answered = 0) AS unanswered
    FROM questions WHERE ($1::text IS NULL OR team_id = $1) GROUP BY intent ORDER BY asked DESC, intent COLLATE "C"`,
  statsUnanswered: `
    SELECT question, COUNT(*) AS times, MAX(asked_at) AS last FROM questions
    WHERE answered = 0 AND question IS NOT NULL AND ($1::text IS NULL OR team_id = $1)
    GROUP BY question ORDER BY times DESC, last DESC LIMIT $2`,
  statsVotes: `SELECT vote, COUNT(*) AS n FROM feedback WHERE ($1::text IS NULL OR team_id = $1) GROUP BY vote`,
  statsRecent: `
    SELECT vote, question, intent, given_at AS at FROM feedback WHERE ($1::text IS NULL OR team_id = $1)
    ORDER BY given_at DESC, id DESC LIMIT $2`,
  workspaces: `SELECT team_id FROM (SELECT team_id FROM questions UNION SELECT team_id FROM feedback) w ORDER BY team_id COLLATE "C"`,
  // one statement; xmax = 0 only on a row this statement inserted
  subscribe: `
    INSERT INTO digest_subscriptions (team_id, channel_id, local_time, time_zone, subscribed_by, subscribed_at, effective_from, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $6, $6)
    ON CONFLICT (team_id, channel_id) DO UPDATE SET local_time = excluded.local_time,
      time_zone = excluded.time_zone, subscribed_by = excluded.subscribed_by, updated_at = excluded.updated_at,
      effective_from = CASE WHEN digest_subscriptions.local_time <> excluded.local_time
                              OR digest_subscriptions.time_zone <> excluded.time_zone
                            THEN excluded.updated_at ELSE digest_subscriptions.effective_from END,
      paused_reason = NULL, paused_at = NULL
    RETURNING *, (xmax = 0) AS created`,
  unsubscribe: `DELETE FROM digest_subscriptions WHERE team_id = $1 AND channel_id = $2`,
  subscription: `SELECT * FROM digest_subscriptions WHERE team_id = $1 AND channel_id = $2`,
  subscriptions: `SELECT * FROM digest_subscriptions ORDER BY team_id COLLATE "C", channel_id COLLATE "C"`,
  pause: `UPDATE digest_subscriptions SET paused_reason = $1, paused_at = $2 WHERE team_id = $3 AND channel_id = $4`,
  pauseWorkspace: `UPDATE digest_subscriptions SET paused_reason = $1, paused_at = $2 WHERE team_id = $3 AND paused_reason IS NULL`,
  delivery: `SELECT * FROM digest_deliveries WHERE team_id = $1 AND channel_id = $2 AND local_date = $3`,
  lastSent: `SELECT * FROM digest_deliveries WHERE team_id = $1 AND channel_id = $2 AND state = 'sent' ORDER BY local_date DESC LIMIT 1`,
  shownItemKeys: `
    SELECT item_key FROM digest_deliveries
    WHERE team_id = $1 AND channel_id = $2 AND state IN ('sent', 'uncertain', 'claimed') AND item_key IS NOT NULL
    ORDER BY local_date DESC, id DESC LIMIT $3`,
  // one upsert: a new row, or a failed one with attempts left, is claimed by exactly one caller
  claimDelivery: `
    INSERT INTO digest_deliveries (team_id, channel_id, local_date, state, item_key, attempts, claimed_at, updated_at)
    VALUES ($1, $2, $3, 'claimed', $4, 1, $5, $5)
    ON CONFLICT (team_id, channel_id, local_date) DO UPDATE SET state = 'claimed', item_key = excluded.item_key,
      attempts = digest_deliveries.attempts + 1, claimed_at = excluded.claimed_at, updated_at = excluded.updated_at
    WHERE digest_deliveries.state = 'failed' AND digest_deliveries.attempts < $6
    RETURNING *`,
  finishDelivery: `
    UPDATE digest_deliveries SET state = $1, message_ts = $2, last_error = $3, updated_at = $4
    WHERE team_id = $5 AND channel_id = $6 AND local_date = $7 AND state = 'claimed'`,
  saveInstallation: `
    INSERT INTO installations (installation_key, team_id, enterprise_id, key_id, sealed, installed_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $6)
    ON CONFLICT (installation_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
      key_id = excluded.key_id, sealed = excluded.sealed, updated_at = excluded.updated_at`,
  findInstallation: `SELECT installation_key, sealed FROM installations WHERE installation_key = $1`,
  deleteInstallation: `DELETE FROM installations WHERE installation_key = $1`,
  installationKeys: `SELECT key_id AS "keyId", COUNT(*) AS count FROM installations GROUP BY key_id ORDER BY key_id COLLATE "C"`,
  // migrations: the lock is per schema, so test files in their own schemas do not wait on each other
  migrationLock: `SELECT pg_advisory_xact_lock(hashtext('peel-bot migrations'), hashtext(current_schema()))`,
  versionTable: `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`,
  readVersion: `SELECT version FROM schema_version`,
  firstVersion: `INSERT INTO schema_version (version) VALUES (0)`,
  setVersion: `UPDATE schema_version SET version = $1`,
} as const;


export type Statement = keyof typeof SQL;

/** How an old row and a workspace's row are the same thing, per adopted table. */
export function sameKey(table: AdoptedTable): string {
  switch (table) {
    case 'seen_events':
      return 'n.event_id = o.event_id';
    case 'thread_context':
      return 'n.channel = o.channel AND n.thread_ts = o.thread_ts';
    case 'digest_deliveries':
      return 'n.channel_id = o.channel_id AND n.local_date = o.local_date';
    default:
      return 'FALSE'; // answers, questions and feedback have no per-workspace key to collide on
  }
}
