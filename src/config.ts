/**
 * Configuration: the one reader of process.env. Every variable is validated at once with zod over
 * an injected env, so a person starting the bot sees every problem in one go, and tests pass their
 * own env. Empty strings count as unset (a blank line copied from .env.example must not pass).
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { PeelError } from './errors.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface Config {
  slack: {
    /** one workspace: its bot token; null in OAuth mode (many workspaces, a token per installation) */
    botToken: string | null;
    /** required in HTTP mode; Socket Mode does not sign requests */
    signingSecret: string | null;
    /** an app-level token (xapp-…) switches to Socket Mode */
    appToken: string | null;
    /** Web API base URL, always ending in '/', or null for Slack's own */
    apiUrl: string | null;
  };
  mode: 'http' | 'socket';
  /** many workspaces through "Add to Slack": set when SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are */
  oauth: { clientId: string; clientSecret: string; stateSecret: string } | null;
  /** 64 hex characters that seal installations at rest (OAuth mode), or null */
  tokenEncryptionKey: string | null;
  port: number;
  /** the SQLite file used when there is no databaseUrl */
  databasePath: string;
  /** postgres://… shared by every replica (a secret: it may hold a password), or null for SQLite */
  databaseUrl: string | null;
  logLevel: LogLevelName;
  /** text: one readable line per entry; json: one JSON object per line (for a log pipeline) */
  logFormat: LogFormat;
  /** the slash command as registered in the manifest, e.g. "/peel" */
  peelCommand: string;
  corpusDir: string;
  intentsDir: string;
  /** where each report's parsed model, facts and indexes are compiled once (COMPILED_DIR, default ./data/compiled) */
  compiledDir: string;
  /** how many reports are kept loaded (indexed) at once; the rest are loaded from their compiled entry when asked about */
  reportCache: number;
  digest: {
    /** default local time of a channel's digest, HH:MM */
    time: string;
    /** default IANA time zone, canonical spelling */
    zone: string;
    /** how long after its time a digest missed during downtime is still posted (same local day only) */
    catchupHours: number;
  };
}

/** Where the store lives unless DATABASE_PATH says otherwise. */
const DEFAULT_DATABASE_PATH = './data/peel-bot.sqlite';
/** where reports are compiled once (library/compiled.ts): rebuilt from the corpus whenever stale, so safe to delete */
const DEFAULT_COMPILED_DIR = './data/compiled';
/** reports kept loaded at once: each holds about 2.5 MB of heap (library/knowledge.ts REPORT_HEAP_MB); a first answer that loads another from its compiled entry takes about 16 ms */
export const DEFAULT_REPORT_CACHE = 8;

export type Env = Readonly<Record<string, string | undefined>>;

/** What each variable is for: used in error messages so one line tells a person what to do. */
const HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
  SLACK_SIGNING_SECRET: 'the Signing Secret from Basic Information (needed in HTTP mode, i.e. without SLACK_APP_TOKEN)',
  SLACK_APP_TOKEN: 'an app-level token (xapp-…) with connections:write, for Socket Mode',
  TOKEN_ENCRYPTION_KEY: '64 hex characters that seal the installations’ tokens: openssl rand -hex 32',
};

/** The variables of OAuth mode (many workspaces), in the order they are reported. */
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** Empty or blank counts as unset; surrounding spaces are dropped. */
const blankToUnset = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);
const lowerCase = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
const unsetOr = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUnset, schema);
/** A whole number from min to max, with one message for every way of missing it. */
const wholeNumber = (min: number, max: number, error: string) => z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });

/** Slack's Web API, where calls go when SLACK_API_URL does not send them elsewhere (a fake, in tests) */
export const SLACK_API_DEFAULT = 'https://slack.com/api/';

/** The address of one Web API method, at SLACK_API_URL or Slack's own. */
export function slackMethodUrl(apiUrl: string | null, method: string): string {
  return `${apiUrl ?? SLACK_API_DEFAULT}${method}`;
}

/** what a DATABASE_URL must be, said without echoing the value (it may hold a password) */
const POSTGRES_URL_RULE = 'must be a postgres:// URL such as postgres://user:password@host:5432/peel';

const EnvSchema = z
  .object({
    SLACK_BOT_TOKEN: unsetOr(z.string().startsWith('xoxb-', { error: 'must start with xoxb- (a bot token)' }).optional()),
    SLACK_CLIENT_ID: unsetOr(z.string().optional()),
    SLACK_CLIENT_SECRET: unsetOr(z.string().optional()),
    SLACK_STATE_SECRET: unsetOr(z.string().min(16, { error: 'must be at least 16 characters (it signs the install state)' }).optional()),
    TOKEN_ENCRYPTION_KEY: unsetOr(z.string().regex(/^[0-9a-fA-F]{64}$/, { error: 'must be 64 hex characters (32 random bytes: openssl rand -hex 32)' }).optional()),
    SLACK_SIGNING_SECRET: unsetOr(z.string().optional()),
    SLACK_APP_TOKEN: unsetOr(
      z.string().startsWith('xapp-', { error: 'must start with xapp- (an app-level token)' }).optional(),
    ),
    PORT: unsetOr(
      wholeNumber(0, 65535, 'must be a whole number from 0 to 65535').default(3000),
    ),
    SLACK_API_URL: unsetOr(
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:9999/api/' })
        .optional(),
    ),
    DATABASE_PATH: unsetOr(z.string().optional()),
    DATABASE_URL: unsetOr(
      z
        .string()
        // never echo the value: it may hold a password
        .refine(isPostgresUrl, { error: POSTGRES_URL_RULE })
        .optional(),
    ),
    LOG_LEVEL: unsetOr(
      z.preprocess(lowerCase, z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
    ),
    LOG_FORMAT: unsetOr(z.preprocess(lowerCase, z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` }).default('text'))),
    PEEL_COMMAND: unsetOr(
      z
        .string()
        .regex(/^\/[a-z0-9_-]{1,31}$/, { error: 'must be a slash command such as /peel (lower case, no spaces)' })
        .default('/peel'),
    ),
    CORPUS_DIR: unsetOr(z.string().optional()),
    INTENTS_DIR: unsetOr(z.string().optional()),
    COMPILED_DIR: unsetOr(z.string().optional()),
    REPORT_CACHE: unsetOr(
      wholeNumber(1, 1000, 'must be a whole number of reports from 1 to 1000, e.g. 8').default(DEFAULT_REPORT_CACHE),
    ),
    DIGEST_TIME: unsetOr(
      z
        .string()
        .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM on a 24-hour clock, e.g. 08:30' })
        .transform((t) => t.padStart(5, '0'))
        .default('08:30'),
    ),
    DIGEST_TZ: unsetOr(
      z
        .string()
        .refine((tz) => knownZone(tz) !== null, { error: 'must be an IANA time zone such as Europe/London or UTC' })
        .transform((tz) => knownZone(tz)!)
        .default('Europe/London'),
    ),
    DIGEST_CATCHUP_HOURS: unsetOr(
      z.coerce
        .number({ error: 'must be a number of hours from 0 to 24, e.g. 6' })
        .min(0, { error: 'must be a number of hours from 0 to 24, e.g. 6' })
        .max(24, { error: 'must be a number of hours from 0 to 24, e.g. 6' })
        .default(6),
    ),
  });

/** A URL node-postgres can connect to: postgres:// or postgresql:// with a host. */
function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return /^postgres(ql)?:$/.test(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * One workspace (SLACK_BOT_TOKEN) or many (SLACK_CLIENT_ID + SLACK_CLIENT_SECRET +
 * SLACK_STATE_SECRET, which also need TOKEN_ENCRYPTION_KEY and HTTP mode): both, neither or half of
 * the second is a problem naming the variables.
 */
function modeIssues(env: Env): z.core.$ZodIssue[] {
  const issue = (name: string, message: string) => ({ code: 'custom' as const, path: [name], message, input: undefined });
  const oauthSet = OAUTH_VARIABLES.filter((v) => !isUnset(env[v]));
  const tokenSet = !isUnset(env.SLACK_BOT_TOKEN);
  if (tokenSet && oauthSet.length > 0) {
    return [issue('SLACK_BOT_TOKEN', `is set together with ${oauthSet.join(', ')}: set SLACK_BOT_TOKEN for one workspace, or ${OAUTH_VARIABLES.join(' + ')} for many, not both`)];
  }
  if (!tokenSet && oauthSet.length === 0) return [issue('SLACK_BOT_TOKEN', 'missing')];
  if (tokenSet) return [];
  const problems = OAUTH_VARIABLES.filter((v) => isUnset(env[v])).map((v) =>
    issue(v, `is missing (many workspaces need ${OAUTH_VARIABLES.join(', ')} from Basic Information; ${oauthSet.join(', ')} ${oauthSet.length === 1 ? 'is' : 'are'} set)`),
  );
  if (isUnset(env.TOKEN_ENCRYPTION_KEY)) problems.push(issue('TOKEN_ENCRYPTION_KEY', 'missing'));
  if (!isUnset(env.SLACK_APP_TOKEN)) problems.push(issue('SLACK_APP_TOKEN', 'is set, but many workspaces install over HTTP: leave SLACK_APP_TOKEN unset and set SLACK_SIGNING_SECRET'));
  return problems;
}

/** The canonical name of a time zone Intl knows, or null (the digest's own parser says the same). */
function knownZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const ORDER = Object.keys(EnvSchema.shape);
const isUnset = (v: string | undefined) => v === undefined || v.trim() === '';

/**
 * Validates `env` into a Config, or throws PeelError CONFIG_INVALID whose message is one line
 * naming every bad variable ("Config: SLACK_BOT_TOKEN is missing (…); PORT must be …").
 * Relative paths resolve against `cwd`.
 */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  // checked outside the schema so they are listed even when other variables are wrong too
  const secretMissing = isUnset(env.SLACK_SIGNING_SECRET) && isUnset(env.SLACK_APP_TOKEN);
  const modeProblems = modeIssues(env);
  if (!parsed.success || secretMissing || modeProblems.length > 0) {
    const issues = [...(parsed.error?.issues ?? []), ...modeProblems];
    if (secretMissing) issues.push({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'missing', input: undefined });
    issues.sort((a, b) => ORDER.indexOf(String(a.path[0])) - ORDER.indexOf(String(b.path[0])));
    const problems = issues.map((issue) => {
      const name = String(issue.path[0] ?? 'env');
      if (issue.message === 'missing' || (issue.code === 'invalid_type' && env[name] === undefined)) {
        return `${name} is missing${HINTS[name] ? ` (${HINTS[name]})` : ''}`;
      }
      // never echo the value: it may be a secret
      return `${name} ${issue.message}`;
    });
    throw new PeelError('CONFIG_INVALID', `Config: ${[...new Set(problems)].join('; ')}`);
  }
  const e = parsed.data!;
  // the paths and their defaults as every program reads them
  const paths = readPaths(env, cwd);
  const apiUrl = e.SLACK_API_URL === undefined ? null : e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN ?? null,
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      appToken: e.SLACK_APP_TOKEN ?? null,
      apiUrl,
    },
    mode: e.SLACK_APP_TOKEN === undefined ? 'http' : 'socket',
    oauth:
      e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
        ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET }
        : null,
    tokenEncryptionKey: e.TOKEN_ENCRYPTION_KEY ?? null,
    port: e.PORT,
    databasePath: paths.databasePath,
    databaseUrl: e.DATABASE_URL ?? null,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    peelCommand: e.PEEL_COMMAND,
    corpusDir: paths.corpusDir,
    intentsDir: paths.intentsDir,
    compiledDir: paths.compiledDir,
    reportCache: e.REPORT_CACHE,
    digest: { time: e.DIGEST_TIME, zone: e.DIGEST_TZ, catchupHours: e.DIGEST_CATCHUP_HOURS },
  };
}

/**
 * Where the reports, intents and store are, for the programs that need no Slack credentials
 * (ask, corpus, eval, stats): the same variables and defaults the app reads.
 */
export function readPaths(env: Env, cwd: string = process.cwd()): { corpusDir: string; intentsDir: string; compiledDir: string; databasePath: string } {
  const at = (value: string | undefined, fallback: string) => {
    const p = isUnset(value) ? fallback : value!.trim();
    return isAbsolute(p) ? p : resolve(cwd, p);
  };
  return {
    corpusDir: at(env.CORPUS_DIR, 'corpus'),
    intentsDir: at(env.INTENTS_DIR, 'intents'),
    compiledDir: at(env.COMPILED_DIR, DEFAULT_COMPILED_DIR),
    databasePath: at(env.DATABASE_PATH, DEFAULT_DATABASE_PATH),
  };
}

/**
 * The store the app would open, for the programs that need no Slack credentials (stats): the
 * DATABASE_URL checked as the app checks it (a CONFIG_INVALID that never echoes the value), else
 * the SQLite file at DATABASE_PATH.
 */
export function readStoreLocation(env: Env, cwd: string = process.cwd()): { databaseUrl: string | null; databasePath: string } {
  const databaseUrl = isUnset(env.DATABASE_URL) ? null : env.DATABASE_URL!.trim();
  if (databaseUrl !== null && !isPostgresUrl(databaseUrl)) throw new PeelError('CONFIG_INVALID', `Config: DATABASE_URL ${POSTGRES_URL_RULE}`);
  return { databaseUrl, databasePath: readPaths(env, cwd).databasePath };
}

/**
 * The process environment over the values in `<cwd>/.env` (the real environment wins, as dotenv
 * does by default). Reads the file without writing into process.env.
 */
export function readEnvironment(cwd: string = process.cwd()): Env {
  const file = resolve(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

/**
 * The secret values in a Config, so a logger can blank them out wherever they appear: the tokens,
 * the signing secret, the database URL and, on its own, the URL's password.
 */
export function secretsOf(config: Config): string[] {
  return [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.oauth?.clientSecret,
    config.oauth?.stateSecret,
    config.tokenEncryptionKey,
    config.databaseUrl,
    passwordOf(config.databaseUrl),
  ].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );
}

function passwordOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : null;
  } catch {
    return null;
  }
}
