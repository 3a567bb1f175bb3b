import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, readEnvironment, secretsOf } from '../../src/config.js';
import { PeelError } from '../../src/errors.js';

const HTTP_ENV = { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-secret' };

function problemOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env, '/srv/peel');
  } catch (err) {
    expect(err).toBeInstanceOf(PeelError);
    expect((err as PeelError).code).toBe('CONFIG_INVALID');
    return (err as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('fills the documented defaults for HTTP mode', () => {
    const config = loadConfig(HTTP_ENV, '/srv/peel');
    expect(config).toEqual({
      slack: { botToken: 'xoxb-test-token', signingSecret: 'test-secret', appToken: null, apiUrl: null },
      mode: 'http',
      oauth: null,
      tokenEncryptionKey: null,
      port: 3000,
      databasePath: '/srv/peel/data/peel-bot.sqlite',
      databaseUrl: null,
      logLevel: 'info',
      logFormat: 'text',
      peelCommand: '/peel',
      corpusDir: '/srv/peel/corpus',
      compiledDir: '/srv/peel/data/compiled',
      reportCache: 8,
      intentsDir: '/srv/peel/intents',
      digest: { time: '08:30', zone: 'Europe/London', catchupHours: 6 },
    });
  });

  it('switches to Socket Mode with an app token, and then needs no signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, '/srv/peel');
    expect(config.mode).toBe('socket');
    expect(config.slack.signingSecret).toBeNull();
  });

  it('reads every variable, and makes the API URL end in a slash', () => {
    const config = loadConfig(
      {
        ...HTTP_ENV,
        PORT: '0',
        SLACK_API_URL: 'http://127.0.0.1:9999/api',
        DATABASE_PATH: '/tmp/x.sqlite',
        LOG_LEVEL: 'DEBUG',
        PEEL_COMMAND: '/peel-dev',
        CORPUS_DIR: 'other/corpus',
        INTENTS_DIR: '/abs/intents',
      },
      '/srv/peel',
    );
    expect(config.port).toBe(0);
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.databasePath).toBe('/tmp/x.sqlite');
    expect(config.logLevel).toBe('debug');
    expect(config.peelCommand).toBe('/peel-dev');
    expect(config.corpusDir).toBe('/srv/peel/other/corpus');
    expect(config.intentsDir).toBe('/abs/intents');
  });

  it('stops with one line naming a missing token', () => {
    const message = problemOf({ SLACK_SIGNING_SECRET: 's' });
    expect(message).toBe('Config: SLACK_BOT_TOKEN is missing (the Bot User OAuth Token (xoxb-…) from OAuth & Permissions)');
    expect(message).not.toContain('\n');
  });

  it('treats empty and blank values as unset', () => {
    expect(problemOf({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '   ' })).toMatch(
      /^Config: SLACK_BOT_TOKEN is missing .*; SLACK_SIGNING_SECRET is missing/,
    );
    expect(loadConfig({ ...HTTP_ENV, PORT: '', LOG_LEVEL: '' }, '/srv').port).toBe(3000);
  });

  it('lists every problem at once, without echoing secret values', () => {
    const message = problemOf({
      SLACK_BOT_TOKEN: 'xapp-wrong-kind-of-token',
      SLACK_APP_TOKEN: 'xoxb-also-wrong',
      PORT: '70000',
      SLACK_API_URL: 'ftp://example.com',
      LOG_LEVEL: 'loud',
      PEEL_COMMAND: 'peel',
    });
    for (const name of ['SLACK_BOT_TOKEN must start with xoxb-', 'SLACK_APP_TOKEN must start with xapp-', 'PORT must be', 'SLACK_API_URL must be', 'LOG_LEVEL must be one of', 'PEEL_COMMAND must be']) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('xapp-wrong-kind-of-token');
    expect(message).not.toContain('xoxb-also-wrong');
  });

  it('reads how many reports to keep loaded, a whole number from 1 to 1000', () => {
    expect(loadConfig({ ...HTTP_ENV, REPORT_CACHE: '32' }, '/srv/peel').reportCache).toBe(32);
    for (const bad of ['0', '2.5', 'lots', '5000']) {
      expect(problemOf({ ...HTTP_ENV, REPORT_CACHE: bad })).toBe('Config: REPORT_CACHE must be a whole number of reports from 1 to 1000, e.g. 8');
    }
  });
});

describe('readEnvironment', () => {
  it('reads .env without overriding the real environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peel-env-'));
    writeFileSync(join(dir, '.env'), 'PEEL_TEST_ONLY_A=from-file\nPATH=from-file\n');
    const env = readEnvironment(dir);
    expect(env.PEEL_TEST_ONLY_A).toBe('from-file');
    expect(env.PATH).not.toBe('from-file');
  });
});

describe('secretsOf', () => {
  it('lists the tokens and the signing secret', () => {
    expect(secretsOf(loadConfig({ ...HTTP_ENV, SLACK_APP_TOKEN: 'xapp-9' }, '/'))).toEqual(['xoxb-test-token', 'test-secret', 'xapp-9']);
  });

  it('lists the database URL and, on its own, its password (decoded, as a library may print it)', () => {
    const url = 'postgres://peel:s%40cret-pw@db.internal:5432/peel';
    expect(secretsOf(loadConfig({ ...HTTP_ENV, DATABASE_URL: url }, '/'))).toEqual(['xoxb-test-token', 'test-secret', url, 's@cret-pw']);
  });
});

describe('DATABASE_URL', () => {
  it('selects PostgreSQL when set; DATABASE_PATH stays the SQLite default', () => {
    const config = loadConfig({ ...HTTP_ENV, DATABASE_URL: ' postgresql://postgres@127.0.0.1:5432/test ' }, '/srv/peel');
    expect(config.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/test');
    expect(loadConfig({ ...HTTP_ENV, DATABASE_URL: '' }, '/srv/peel').databaseUrl).toBeNull();
  });

  it('refuses a URL that is not postgres://, without echoing it (it may hold a password)', () => {
    for (const bad of ['mysql://root:hunter22@db/peel', 'postgres://', 'not a url hunter22']) {
      const problem = problemOf({ ...HTTP_ENV, DATABASE_URL: bad });
      expect(problem).toBe('Config: DATABASE_URL must be a postgres:// URL such as postgres://user:password@host:5432/peel');
      expect(problem).not.toContain('hunter22');
    }
  });
});

describe('one workspace or many', () => {
  const OAUTH = { SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret-16-chars-or-more', TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32), SLACK_SIGNING_SECRET: 's' };

  it('OAuth mode: the three variables and a key, no bot token; every one of them is a secret', () => {
    const config = loadConfig(OAUTH, '/srv/peel');
    expect(config.slack.botToken).toBeNull();
    expect(config.oauth).toEqual({ clientId: '111.222', clientSecret: 'client-secret', stateSecret: 'state-secret-16-chars-or-more' });
    expect(config.tokenEncryptionKey).toBe('ab'.repeat(32));
    expect(secretsOf(config)).toEqual(['s', 'client-secret', 'state-secret-16-chars-or-more', 'ab'.repeat(32)]);
    expect(loadConfig(HTTP_ENV, '/').oauth).toBeNull();
  });

  it('both modes at once, half of OAuth, or OAuth without its key are named', () => {
    expect(problemOf({ ...HTTP_ENV, SLACK_CLIENT_ID: '1.2' })).toBe(
      'Config: SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID: set SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID + SLACK_CLIENT_SECRET + SLACK_STATE_SECRET for many, not both',
    );
    expect(problemOf({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'x' })).toBe(
      'Config: SLACK_STATE_SECRET is missing (many workspaces need SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET from Basic Information; SLACK_CLIENT_ID, SLACK_CLIENT_SECRET are set); TOKEN_ENCRYPTION_KEY is missing (64 hex characters that seal the installations’ tokens: openssl rand -hex 32)',
    );
    expect(problemOf({ ...OAUTH, TOKEN_ENCRYPTION_KEY: 'not-hex' })).toBe('Config: TOKEN_ENCRYPTION_KEY must be 64 hex characters (32 random bytes: openssl rand -hex 32)');
    expect(problemOf({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1' })).toMatch(/SLACK_APP_TOKEN is set, but many workspaces install over HTTP/);
    expect(problemOf({ SLACK_SIGNING_SECRET: 's' })).toMatch(/^Config: SLACK_BOT_TOKEN is missing/);
  });
});
