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
  {
    version: 3,
    why: 'many workspaces: installations (tokens sealed with AES-256-GCM), and every stored thing keyed by workspace too, so two workspaces with the same channel id never share state; rows from before carry team_id "" until the single workspace claims them at start',
    sqlite: `
      CREATE TABLE installations (
        installation_key TEXT PRIMARY KEY,      -- E:<enterprise id> for org-wide installs, else T:<team id>
        team_id          TEXT,
        enterprise_id    TEXT,
        key_id           TEXT NOT NULL,         -- which TOKEN_ENCRYPTION_KEY sealed it
        sealed           TEXT NOT NULL,         -- v1:<key id>:<iv>:<tag>:<data>, the installation as JSON
        installed_at     INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
      );

      ALTER TABLE answers ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE questions ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE feedback ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
      CREATE INDEX questions_team ON questions (team_id);

      CREATE TABLE seen_events_v3 (
        team_id    TEXT NOT NULL,
        event_id   TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (team_id, event_id)
      );
      INSERT INTO seen_events_v3 SELECT '', event_id, expires_at FROM seen_events;
      DROP TABLE seen_events;
      ALTER TABLE seen_events_v3 RENAME TO seen_events;
      CREATE INDEX seen_events_expires_at ON seen_events (expires_at);

      CREATE TABLE thread_context_v3 (
        team_id     TEXT NOT NULL,
        channel     TEXT NOT NULL,
        thread_ts   TEXT NOT NULL,
        updated_at  INTEGER NOT NULL,
        answer_json TEXT NOT NULL,
        PRIMARY KEY (team_id, channel, thread_ts)
      );
      INSERT INTO thread_context_v3 SELECT '', channel, thread_ts, updated_at, answer_json FROM thread_context;
      DROP TABLE thread_context;
      ALTER TABLE thread_context_v3 RENAME TO thread_context;
      CREATE INDEX thread_context_updated_at ON thread_context (updated_at);

      CREATE TABLE digest_subscriptions_v3 (
        team_id        TEXT NOT NULL,
        channel_id     TEXT NOT NULL,
        local_time     TEXT NOT NULL,
        time_zone      TEXT NOT NULL,
        subscribed_by  TEXT NOT NULL,
        subscribed_at  INTEGER NOT NULL,
        effective_from INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL,
        paused_reason  TEXT,
        paused_at      INTEGER,
        PRIMARY KEY (team_id, channel_id)
      );
      INSERT INTO digest_subscriptions_v3 SELECT team_id, channel_id, local_time, time_zone, subscribed_by, subscribed_at,
        effective_from, updated_at, paused_reason, paused_at FROM digest_subscriptions;

      CREATE TABLE digest_deliveries_v3 (
        id          INTEGER PRIMARY KEY,
        team_id     TEXT NOT NULL,
        channel_id  TEXT NOT NULL,
        local_date  TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'uncertain')),
        item_key    TEXT,
        message_ts  TEXT,
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT,
        claimed_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        UNIQUE (team_id, channel_id, local_date)
      );
      -- a delivery belongs to its channel's subscription's workspace (one workspace before this version)
      INSERT INTO digest_deliveries_v3 SELECT d.id,
        COALESCE((SELECT s.team_id FROM digest_subscriptions s WHERE s.channel_id = d.channel_id), ''),
        d.channel_id, d.local_date, d.state, d.item_key, d.message_ts, d.attempts, d.last_error, d.claimed_at, d.updated_at
        FROM digest_deliveries d;
      DROP TABLE digest_deliveries;
      ALTER TABLE digest_deliveries_v3 RENAME TO digest_deliveries;
      CREATE INDEX digest_deliveries_channel ON digest_deliveries (team_id, channel_id, claimed_at);
      DROP TABLE digest_subscriptions;
      ALTER TABLE digest_subscriptions_v3 RENAME TO digest_subscriptions;
    `,
    postgres: `
      CREATE TABLE installations (
        installation_key TEXT PRIMARY KEY,
        team_id          TEXT,
        enterprise_id    TEXT,
        key_id           TEXT NOT NULL,
        sealed           TEXT NOT NULL,
        installed_at     BIGINT NOT NULL,
        updated_at       BIGINT NOT NULL
      );

      ALTER TABLE answers ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE questions ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE feedback ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
      CREATE INDEX questions_team ON questions (team_id);

      ALTER TABLE seen_events ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE seen_events DROP CONSTRAINT seen_events_pkey, ADD PRIMARY KEY (team_id, event_id);

      ALTER TABLE thread_context ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE thread_context DROP CONSTRAINT thread_context_pkey, ADD PRIMARY KEY (team_id, channel, thread_ts);

      ALTER TABLE digest_subscriptions DROP CONSTRAINT digest_subscriptions_pkey, ADD PRIMARY KEY (team_id, channel_id);

      ALTER TABLE digest_deliveries ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
      UPDATE digest_deliveries d SET team_id = s.team_id FROM digest_subscriptions s WHERE s.channel_id = d.channel_id;
      ALTER TABLE digest_deliveries DROP CONSTRAINT digest_deliveries_channel_id_local_date_key,
        ADD CONSTRAINT digest_deliveries_team_channel_date UNIQUE (team_id, channel_id, local_date);
      DROP INDEX digest_deliveries_channel;
      CREATE INDEX digest_deliveries_channel ON digest_deliveries (team_id, channel_id, claimed_at);
    `,
  },
];
