/**
 * Versioned schema changes, applied in order at start (PRAGMA user_version holds the version).
 * Never edit a migration that has shipped: add the next one (the digest issue will add
 * subscriptions and deliveries as version 2).
 */
export interface Migration {
  version: number;
  why: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    why: 'answers behind buttons, per-thread follow-up context, seen events, questions asked, feedback',
    sql: `
      CREATE TABLE answers (
        id          TEXT PRIMARY KEY,
        created_at  INTEGER NOT NULL,
        surface     TEXT NOT NULL,
        answer_json TEXT NOT NULL
      );
      CREATE INDEX answers_created_at ON answers (created_at);

      CREATE TABLE thread_context (
        channel     TEXT NOT NULL,
        thread_ts   TEXT NOT NULL,
        updated_at  INTEGER NOT NULL,
        answer_json TEXT NOT NULL,
        PRIMARY KEY (channel, thread_ts)
      );
      CREATE INDEX thread_context_updated_at ON thread_context (updated_at);

      CREATE TABLE seen_events (
        event_id   TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX seen_events_expires_at ON seen_events (expires_at);

      CREATE TABLE questions (
        id        INTEGER PRIMARY KEY,
        asked_at  INTEGER NOT NULL,
        surface   TEXT NOT NULL,
        intent    TEXT NOT NULL,
        answered  INTEGER NOT NULL,
        -- kept only when the report did not answer: that is what maintainers act on
        question  TEXT
      );
      CREATE INDEX questions_intent ON questions (intent);

      CREATE TABLE feedback (
        id         INTEGER PRIMARY KEY,
        given_at   INTEGER NOT NULL,
        answer_id  TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        vote       TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        question   TEXT NOT NULL,
        intent     TEXT NOT NULL,
        UNIQUE (answer_id, user_id)
      );
    `,
  },
];
