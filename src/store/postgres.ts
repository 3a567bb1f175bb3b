/**
 * The PostgreSQL engine of the store, for several replicas sharing one database: node-postgres
 * (`pg`) with a pool, every statement written out in postgres-sql.ts, BIGINT (millisecond times and
 * counts) parsed to numbers. The exactly-once rules are single statements, so they hold across
 * processes without locks: an event is claimed by `INSERT … ON CONFLICT … RETURNING` and a digest's
 * channel-day by one upsert. Migrations run in one transaction under an advisory lock, so replicas
 * starting together on an empty database serialise and all end at the latest version.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Answer } from '../answer/schema.js';
import { PeelError } from '../errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { sameKey, SQL, type Statement } from './postgres-sql.js';
import { ADOPTED, type DeliveryRow, type InstallationRow, openInstallation, sealInstallation, type StoreOptions, storeSettings, type SubscriptionRow, toDelivery, toSubscription } from './rows.js';
import { installationKey } from './sealed.js';
import type { ChannelRef, Delivery, DeliveryOutcome, InstallationRef, PeelStore, Stats, StoredAnswer, Subscription, Surface, Vote } from './store.js';

export interface PostgresOptions extends StoreOptions {
  /** a schema to work in (created if missing) instead of the user's default: tests use one per file */
  schema?: string;
  /** told about a pooled connection that failed while idle (the server restarted, say); the pool replaces it */
  onIdleError?: (message: string) => void;
  /** connections per process */
  poolSize?: number;
}

/** How long connecting may take before start-up gives up (and a request fails rather than hangs). */
const CONNECT_TIMEOUT_MS = 5_000;

/** BIGINT (oid 20) as a number: times are milliseconds and counts are small, far inside 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** The host, port and database of a URL, never its password: for messages and logs. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : '/(default database)'}`;
  } catch {
    return '(an unreadable URL)';
  }
}

/** Connects, checks the server answers, and migrates; one-line PeelError naming the host otherwise. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const at = describeUrl(url);
  const fail = (problem: string, cause?: unknown) =>
    new PeelError('STORE_FAILED', `Store: cannot open PostgreSQL at ${at} (DATABASE_URL): ${problem}`, { cause });
  try {
    const u = new URL(url);
    if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error('not postgres');
  } catch (err) {
    throw fail('it is not a postgres:// URL such as postgres://user:password@host:5432/database', err);
  }
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw fail(`the schema name ${options.schema} is not a plain lower-case identifier`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'peel-bot',
    types: TYPES,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // an idle connection that dies must not take the process with it (pg emits 'error' on the pool)
  pool.on('error', (err) => options.onIdleError?.(`store: a PostgreSQL connection at ${at} failed while idle (${oneLine(err)}); it is replaced`));
  try {
    if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    await migrate(pool, MIGRATIONS);
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof PeelError) throw fail(err.message.replace(/^Store: /, ''), err);
    throw fail(pgProblem(err as PgError), err);
  }
  return new PostgresStore(pool, `PostgreSQL at ${at}${options.schema ? ` (schema ${options.schema})` : ''}`, options);
}

interface PgError extends Error {
  code?: string;
  address?: string;
  port?: number;
}

const oneLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');

/** What went wrong reaching the server, in words that say what to do (pg's messages never hold the password). */
function pgProblem(err: PgError): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'nothing is listening there (is PostgreSQL running, and on that port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name is not known';
    case 'ETIMEDOUT':
      return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
    case '28P01':
      return `password authentication failed (${oneLine(err)})`;
    case '28000':
      return `the server refused the login (${oneLine(err)})`;
    case '3D000':
      return `${oneLine(err)}; create it first (createdb)`;
    default:
      if (/timeout/i.test(err.message)) return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
      return oneLine(err);
  }
}

/** Applies every migration above the stored version, all in one transaction under the advisory lock. */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(SQL.migrationLock);
    await client.query(SQL.versionTable);
    const rows = (await client.query<{ version: number }>(SQL.readVersion)).rows;
    if (rows.length === 0) await client.query(SQL.firstVersion);
    let version = rows[0]?.version ?? 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (version > latest) throw new PeelError('STORE_FAILED', `Store: database is at version ${version}, newer than this code (${latest})`);
    for (const m of migrations) {
      if (m.version <= version) continue;
      await client.query(m.postgres);
      version = m.version;
    }
    await client.query(SQL.setVersion, [version]);
    await client.query('COMMIT');
    return version;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The PostgreSQL implementation of every store interface. */
export class PostgresStore implements PeelStore {
  /** the options with their defaults (rows.ts): clock, expiries, thread bound, sealing key */
  private readonly settings: Required<StoreOptions>;

  constructor(
    private readonly pool: pg.Pool,
    readonly where: string,
    options: StoreOptions = {},
  ) {
    this.settings = storeSettings(options);
  }

  /**
   * Runs a named statement (prepared once per connection). A failure becomes one line naming the
   * database and the problem, for the log and the user's apology, never a driver's stack.
   */
  private async run<R extends pg.QueryResultRow = pg.QueryResultRow>(name: Statement, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>({ name, text: SQL[name], values });
    } catch (err) {
      throw new PeelError('STORE_FAILED', `Store: ${this.where}: ${name} failed: ${pgProblem(err as PgError)}`, { cause: err });
    }
  }

  async version(): Promise<number> {
    return (await this.run<{ version: number }>('readVersion')).rows[0]?.version ?? 0;
  }

  async ping(): Promise<void> {
    try {
      await this.pool.query('SELECT 1');
    } catch (err) {
      throw new PeelError('STORE_FAILED', `Store: ${this.where} does not answer: ${pgProblem(err as PgError)}`, { cause: err });
    }
  }

  async claimEvent(teamId: string, eventId: string): Promise<boolean> {
    const now = this.settings.now();
    return (await this.run('claimEvent', [teamId, eventId, now + this.settings.seenEventTtlMs, now])).rowCount === 1;
  }

  async sweep(): Promise<void> {
    const now = this.settings.now();
    await this.run('sweepEvents', [now]);
    await this.run('sweepAnswers', [now - this.settings.answerTtlMs]);
  }

  async adoptWorkspace(teamId: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const table of ADOPTED) {
        // a row the workspace already has under the same key wins over the old one
        await client.query(`DELETE FROM ${table} o WHERE o.team_id = '' AND EXISTS (SELECT 1 FROM ${table} n WHERE n.team_id = $1 AND ${sameKey(table)})`, [teamId]);
        await client.query(`UPDATE ${table} SET team_id = $1 WHERE team_id = ''`, [teamId]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new PeelError('STORE_FAILED', `Store: ${this.where}: adopting workspace rows failed: ${pgProblem(err as PgError)}`, { cause: err });
    } finally {
      client.release();
    }
  }

  async saveAnswer(teamId: string, surface: Surface, answer: Answer): Promise<string> {
    const id = randomBytes(6).toString('base64url');
    await this.run('saveAnswer', [id, teamId, this.settings.now(), surface, JSON.stringify(answer)]);
    return id;
  }

  async findAnswer(teamId: string, id: string): Promise<StoredAnswer | null> {
    const row = (await this.run<{ id: string; surface: Surface; answer_json: string }>('findAnswer', [id, teamId, this.settings.now() - this.settings.answerTtlMs])).rows[0];
    return row ? { id: row.id, surface: row.surface, answer: JSON.parse(row.answer_json) as Answer } : null;
  }

  async saveThreadAnswer(teamId: string, channel: string, threadTs: string, answer: Answer): Promise<void> {
    await this.run('saveThread', [teamId, channel, threadTs, this.settings.now(), JSON.stringify(answer)]);
    await this.run('pruneThreads', [this.settings.maxThreads - 1]);
  }

  async lastThreadAnswer(teamId: string, channel: string, threadTs: string): Promise<Answer | null> {
    const row = (await this.run<{ answer_json: string }>('lastThread', [teamId, channel, threadTs])).rows[0];
    return row ? (JSON.parse(row.answer_json) as Answer) : null;
  }

  async recordQuestion(teamId: string, surface: Surface, answer: Pick<Answer, 'question' | 'intent' | 'answered'>): Promise<void> {
    await this.run('recordQuestion', [teamId, this.settings.now(), surface, answer.intent, answer.answered ? 1 : 0, answer.answered ? null : answer.question]);
  }

  async recordFeedback(teamId: string, answerId: string, userId: string, vote: Vote, answer: Pick<Answer, 'question' | 'intent'>): Promise<void> {
    await this.run('recordFeedback', [teamId, this.settings.now(), answerId, userId, vote, answer.question, answer.intent]);
  }

  async stats(teamId: string | null, limit = 50): Promise<Stats> {
    const [byIntent, unanswered, votes, recent] = await Promise.all([
      this.run('statsByIntent', [teamId]),
      this.run('statsUnanswered', [teamId, limit]),
      this.run<{ vote: Vote; n: number }>('statsVotes', [teamId]),
      this.run('statsRecent', [teamId, limit]),
    ]);
    const count = (v: Vote) => votes.rows.find((r) => r.vote === v)?.n ?? 0;
    return {
      byIntent: byIntent.rows as Stats['byIntent'],
      unanswered: unanswered.rows as Stats['unanswered'],
      feedback: { up: count('up'), down: count('down'), recent: recent.rows as Stats['feedback']['recent'] },
    };
  }

  async workspaces(): Promise<string[]> {
    return (await this.run<{ team_id: string }>('workspaces')).rows.map((r) => r.team_id);
  }

  async subscribe(input: { teamId: string; channelId: string; time: string; zone: string; userId: string }): Promise<{ subscription: Subscription; created: boolean }> {
    const row = (await this.run<SubscriptionRow & { created: boolean }>('subscribe', [input.teamId, input.channelId, input.time, input.zone, input.userId, this.settings.now()])).rows[0]!;
    return { subscription: toSubscription(row), created: row.created };
  }

  async unsubscribe({ teamId, channelId }: ChannelRef): Promise<boolean> {
    return (await this.run('unsubscribe', [teamId, channelId])).rowCount === 1;
  }

  async subscription({ teamId, channelId }: ChannelRef): Promise<Subscription | null> {
    const row = (await this.run<SubscriptionRow>('subscription', [teamId, channelId])).rows[0];
    return row ? toSubscription(row) : null;
  }

  async subscriptions(): Promise<Subscription[]> {
    return (await this.run<SubscriptionRow>('subscriptions')).rows.map(toSubscription);
  }

  async pauseSubscription({ teamId, channelId }: ChannelRef, reason: string): Promise<void> {
    await this.run('pause', [reason, this.settings.now(), teamId, channelId]);
  }

  async pauseWorkspace(teamId: string, reason: string): Promise<number> {
    return (await this.run('pauseWorkspace', [reason, this.settings.now(), teamId])).rowCount ?? 0;
  }

  async delivery({ teamId, channelId }: ChannelRef, localDate: string): Promise<Delivery | null> {
    const row = (await this.run<DeliveryRow>('delivery', [teamId, channelId, localDate])).rows[0];
    return row ? toDelivery(row) : null;
  }

  async lastSent({ teamId, channelId }: ChannelRef): Promise<Delivery | null> {
    const row = (await this.run<DeliveryRow>('lastSent', [teamId, channelId])).rows[0];
    return row ? toDelivery(row) : null;
  }

  async shownItemKeys({ teamId, channelId }: ChannelRef, limit: number): Promise<string[]> {
    return (await this.run<{ item_key: string }>('shownItemKeys', [teamId, channelId, limit])).rows.map((r) => r.item_key);
  }

  async claimDelivery({ teamId, channelId }: ChannelRef, localDate: string, itemKey: string, maxAttempts: number): Promise<Delivery | null> {
    const row = (await this.run<DeliveryRow>('claimDelivery', [teamId, channelId, localDate, itemKey, this.settings.now(), maxAttempts])).rows[0];
    return row ? toDelivery(row) : null;
  }

  async finishDelivery({ teamId, channelId }: ChannelRef, localDate: string, outcome: DeliveryOutcome): Promise<void> {
    const ts = outcome.state === 'sent' ? outcome.messageTs : null;
    const error = outcome.state === 'sent' ? null : outcome.error;
    await this.run('finishDelivery', [outcome.state, ts, error, this.settings.now(), teamId, channelId, localDate]);
  }

  async saveInstallation(ref: InstallationRef, installation: unknown): Promise<void> {
    const row = sealInstallation(ref, installation, this.settings.sealingKey);
    await this.run('saveInstallation', [row.installation_key, row.team_id, row.enterprise_id, row.key_id, row.sealed, this.settings.now()]);
  }

  async findInstallation(ref: InstallationRef): Promise<unknown | null> {
    const row = (await this.run<InstallationRow>('findInstallation', [installationKey(ref)])).rows[0];
    return row ? openInstallation(row, this.settings.sealingKey) : null;
  }

  async deleteInstallation(ref: InstallationRef): Promise<boolean> {
    return (await this.run('deleteInstallation', [installationKey(ref)])).rowCount === 1;
  }

  async installationKeys(): Promise<{ keyId: string; count: number }[]> {
    return (await this.run<{ keyId: string; count: number }>('installationKeys')).rows;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
