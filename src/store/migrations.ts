/**
 * Versioned schema changes, applied in order at start, the same versions on both engines: SQLite
 * keeps the version in PRAGMA user_version, PostgreSQL in the table schema_version. Each version is
 * written once per engine because the types differ (PostgreSQL needs BIGINT for millisecond times
 * and an identity for generated ids). Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  version: number;
  why: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    why: 'answers behind buttons, per-thread follow-up context, seen events, questions asked, feedback',
    sqlite: `
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
    postgres: `
      CREATE TABLE answers (
        id          TEXT PRIMARY KEY,
        created_at  BIGINT NOT NULL,
        surface     TEXT NOT NULL,
        answer_json TEXT NOT NULL
      );
      CREATE INDEX answers_created_at ON answers (created_at);

      CREATE TABLE thread_context (
        channel     TEXT NOT NULL,
        thread_ts   TEXT NOT NULL,
        updated_at  BIGINT NOT NULL,
        answer_json TEXT NOT NULL,
        PRIMARY KEY (channel, thread_ts)
      );
      CREATE INDEX thread_context_updated_at ON thread_context (updated_at);

      CREATE TABLE seen_events (
        event_id   TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX seen_events_expires_at ON seen_events (expires_at);

      CREATE TABLE questions (
        id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        asked_at  BIGINT NOT NULL,
        surface   TEXT NOT NULL,
        intent    TEXT NOT NULL,
        answered  INTEGER NOT NULL,
        question  TEXT
      );
      CREATE INDEX questions_intent ON questions (intent);

      CREATE TABLE feedback (
        id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        given_at   BIGINT NOT NULL,
        answer_id  TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        vote       TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        question   TEXT NOT NULL,
        intent     TEXT NOT NULL,
        UNIQUE (answer_id, user_id)
      );
    `,
  },
  {
    version: 2,
    why: 'daily digest: one subscription per channel, and one delivery row per channel and local date (the exactly-once claim)',
    sqlite: `
      CREATE TABLE digest_subscriptions (
        team_id        TEXT NOT NULL,
        channel_id     TEXT NOT NULL PRIMARY KEY,
        local_time     TEXT NOT NULL,            -- HH:MM
        time_zone      TEXT NOT NULL,            -- IANA name
        subscribed_by  TEXT NOT NULL,
        subscribed_at  INTEGER NOT NULL,
        -- when the time or zone last changed: a slot before it is not owed
        effective_from INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL,
        paused_reason  TEXT,
        paused_at      INTEGER
      );

      CREATE TABLE digest_deliveries (
        id          INTEGER PRIMARY KEY,
        channel_id  TEXT NOT NULL,
        local_date  TEXT NOT NULL,               -- YYYY-MM-DD in the subscription's zone
        state       TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'uncertain')),
        item_key    TEXT,
        message_ts  TEXT,
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT,
        claimed_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        UNIQUE (channel_id, local_date)
      );
      CREATE INDEX digest_deliveries_channel ON digest_deliveries (channel_id, claimed_at);
    `,
    postgres: `
      CREATE TABLE digest_subscriptions (
        team_id        TEXT NOT NULL,
        channel_id     TEXT NOT NULL PRIMARY KEY,
        local_time     TEXT NOT NULL,
        time_zone      TEXT NOT NULL,
        subscribed_by  TEXT NOT NULL,
        subscribed_at  BIGINT NOT NULL,
        effective_from BIGINT NOT NULL,
        updated_at     BIGINT NOT NULL,
        paused_reason  TEXT,
        paused_at      BIGINT
      );

      CREATE TABLE digest_deliveries (
        id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        channel_id  TEXT NOT NULL,
        local_date  TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'uncertain')),
        item_key    TEXT,
        message_ts  TEXT,
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT,
        claimed_at  BIGINT NOT NULL,
        updated_at  BIGINT NOT NULL,
        UNIQUE (channel_id, local_date)
      );
      CREATE INDEX digest_deliveries_channel ON digest_deliveries (channel_id, claimed_at);
    `,
  },
];
