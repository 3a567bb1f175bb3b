/**
 * The built entry (`main` in package.json, compiled here into a private folder so a concurrent
 * `npm start` elsewhere cannot race it) as a child process:
 * - start-up faults: one clear line naming what is wrong and where, exit 1, no port ever bound;
 * - clean shutdown: SIGTERM/SIGINT stop accepting, let the answer in flight finish, stop the
 *   digest schedule, close the database and exit 0 within 5 s; a second signal exits at once.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, ROOT, sign } from '../slack/harness.js';

const BUILD = join(ROOT, `.test-build-${process.pid}`);
const MAIN = join(BUILD, 'src/main.js');
const SECRET = 'process-test-secret';
const TOKEN = 'xoxb-process-test-token';
let work: string;

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', BUILD], { cwd: ROOT, stdio: 'pipe' });
  work = mkdtempSync(join(tmpdir(), 'peel-process-'));
}, 60_000);

afterAll(() => {
  rmSync(BUILD, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** True when something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolvePort(true);
    });
    socket.once('error', () => resolvePort(false));
  });
}

/** Only what the test sets: no SLACK_* or .env from the machine running the tests. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|PEEL_|DATABASE_PATH|DATABASE_URL|PORT$|LOG_LEVEL|CORPUS_DIR|INTENTS_DIR|DIGEST_)/.test(k)));
  return { ...inherited, CORPUS_DIR: join(ROOT, 'corpus'), INTENTS_DIR: join(ROOT, 'intents'), ...extra };
}

const VALID = () => ({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, DATABASE_PATH: join(mkdtempSync(join(work, 'db-')), 'peel.sqlite') });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the entry from a folder with no .env and waits for it to exit (or kills it after 15 s). */
function runMain(env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [MAIN], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

/** A copy of corpus/ and intents/ in which `damage` breaks one file. */
function damagedCopy(damage: (dirs: { corpus: string; intents: string; report: string }) => void): Record<string, string> {
  const dir = mkdtempSync(join(work, 'data-'));
  const corpus = join(dir, 'corpus');
  const intents = join(dir, 'intents');
  cpSync(join(ROOT, 'corpus'), corpus, { recursive: true });
  cpSync(join(ROOT, 'intents'), intents, { recursive: true });
  const reportDir = readdirFirst(corpus);
  damage({ corpus, intents, report: join(corpus, reportDir, 'report.json') });
  return { CORPUS_DIR: corpus, INTENTS_DIR: intents };
}

function readdirFirst(dir: string): string {
  return execFileSync('ls', [dir], { encoding: 'utf8' }).split('\n')[0]!;
}

/** a password in a DATABASE_URL: it must never be printed */
const DB_PASSWORD = 'pw-hunter2-never-shown';
/** a real PostgreSQL (set by .ci/run) for the faults only a server can show */
const PG_URL = process.env.TEST_DATABASE_URL;

function withUrl(url: string, change: Partial<Pick<URL, 'username' | 'password' | 'pathname'>>): string {
  const u = new URL(url);
  Object.assign(u, change);
  return u.toString();
}

describe('start-up faults: one line, exit 1, nothing listening', () => {
  const cases: [string, () => Record<string, string>, RegExp][] = [
    ['nothing set', () => ({}), /Config: SLACK_BOT_TOKEN is missing .*; SLACK_SIGNING_SECRET is missing/],
    ['empty and blank values', () => ({ ...VALID(), SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '   ' }), /Config: SLACK_BOT_TOKEN is missing .*; SLACK_SIGNING_SECRET is missing/],
    ['malformed values, all listed', () => ({ ...VALID(), SLACK_BOT_TOKEN: 'xoxp-user-token', PORT: 'eighty', LOG_LEVEL: 'loud' }), /Config: SLACK_BOT_TOKEN must start with xoxb-.*; PORT must be a whole number.*; LOG_LEVEL must be one of/],
    ['DATABASE_PATH is a folder', () => ({ ...VALID(), DATABASE_PATH: mkdtempSync(join(work, 'adir-')) }), /Store: cannot open .*adir-\w+ \(DATABASE_PATH\): it is a folder, not a database file/],
    [
      'DATABASE_PATH cannot be created (its folder path runs through a file)',
      () => {
        const file = join(mkdtempSync(join(work, 'f-')), 'not-a-folder');
        writeFileSync(file, 'x');
        return { ...VALID(), DATABASE_PATH: join(file, 'peel.sqlite') };
      },
      /Store: cannot open .*not-a-folder\/peel\.sqlite \(DATABASE_PATH\): a part of its folder path is a file/,
    ],
    [
      'DATABASE_PATH is not an SQLite file',
      () => {
        const path = join(mkdtempSync(join(work, 'c-')), 'peel.sqlite');
        writeFileSync(path, 'this is not a database, just text that happens to sit where the database should be\n'.repeat(50));
        return { ...VALID(), DATABASE_PATH: path };
      },
      /Store: cannot open .*peel\.sqlite \(DATABASE_PATH\): the file is not an SQLite database/,
    ],
    [
      'DATABASE_PATH is a damaged SQLite file',
      () => {
        const path = join(mkdtempSync(join(work, 'd-')), 'peel.sqlite');
        const db = new Database(path);
        db.exec('CREATE TABLE filler (x TEXT); ' + Array.from({ length: 50 }, (_, i) => `INSERT INTO filler VALUES ('${'row'.repeat(100)}${i}');`).join(''));
        db.close();
        const bytes = readFileSync(path);
        bytes.fill(0x5a, 4096, bytes.length); // every page after the first: garbage
        writeFileSync(path, bytes);
        return { ...VALID(), DATABASE_PATH: path };
      },
      /Store: cannot open .*peel\.sqlite \(DATABASE_PATH\): .*(damaged|malformed|integrity)/,
    ],
    ['report.json is not JSON', () => ({ ...VALID(), ...damagedCopy(({ report }) => writeFileSync(report, '{ "id": "cleveland", oops')) }), /report\.json/],
    [
      'report.json lacks a field',
      () => ({
        ...VALID(),
        ...damagedCopy(({ report }) => {
          const manifest = JSON.parse(readFileSync(report, 'utf8')) as Record<string, unknown>;
          delete manifest.force;
          writeFileSync(report, JSON.stringify(manifest));
        }),
      }),
      /report\.json.*force/,
    ],
    ['an intents file is not JSON', () => ({ ...VALID(), ...damagedCopy(({ intents }) => writeFileSync(join(intents, 'intents.json'), '[{"name": ')) }), /intents\.json/],
    ['CORPUS_DIR does not exist', () => ({ ...VALID(), CORPUS_DIR: join(work, 'no-such-corpus') }), /no-such-corpus/],
    ['DATABASE_URL is not a postgres:// URL', () => ({ ...VALID(), DATABASE_URL: `mysql://peel:${DB_PASSWORD}@db/peel` }), /Config: DATABASE_URL must be a postgres:\/\/ URL/],
    [
      'DATABASE_URL: nothing listening at its host and port',
      () => ({ ...VALID(), DATABASE_URL: `postgres://peel:${DB_PASSWORD}@127.0.0.1:1/peel` }),
      /Store: cannot open PostgreSQL at 127\.0\.0\.1:1\/peel \(DATABASE_URL\): nothing is listening there/,
    ],
    [
      'DATABASE_URL: a host that does not exist',
      () => ({ ...VALID(), DATABASE_URL: `postgres://peel:${DB_PASSWORD}@no-such-host.invalid:5432/peel` }),
      /Store: cannot open PostgreSQL at no-such-host\.invalid:5432\/peel \(DATABASE_URL\): the host name is not known/,
    ],
    ...(PG_URL
      ? ([
          [
            'DATABASE_URL: the server refuses the login',
            () => ({ ...VALID(), DATABASE_URL: withUrl(PG_URL, { username: 'no_such_role_peel', password: DB_PASSWORD }) }),
            /Store: cannot open PostgreSQL at .* \(DATABASE_URL\): (the server refused the login|password authentication failed) \(.*no_such_role_peel/,
          ],
          [
            'DATABASE_URL: the database does not exist',
            () => ({ ...VALID(), DATABASE_URL: withUrl(PG_URL, { pathname: '/no_such_database_peel' }) }),
            /Store: cannot open PostgreSQL at .*\/no_such_database_peel \(DATABASE_URL\): database "no_such_database_peel" does not exist; create it first/,
          ],
        ] as [string, () => Record<string, string>, RegExp][])
      : []),
  ];

  for (const [name, env, message] of cases) {
    it.concurrent(name, async () => {
      const port = await freePort();
      const run = await runMain(baseEnv({ PORT: String(port), ...env() }));
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^peel-bot: cannot start: /);
      expect(lines[0]).toMatch(message);
      expect(run.stdout).not.toMatch(/HTTP mode on port/);
      expect(await listening(port)).toBe(false);
      // a secret is never part of the line
      expect(run.stderr).not.toContain(SECRET);
      expect(run.stderr).not.toContain(TOKEN);
      expect(run.stderr).not.toContain(DB_PASSWORD);
    });
  }

  it('the port already in use: named, exit 1, and the schedule never started', async () => {
    const blocker = createTcpServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as AddressInfo;
    try {
      const fake = await startFakeSlack();
      const run = await runMain(baseEnv({ ...VALID(), PORT: String(port), SLACK_API_URL: fake.url })).finally(() => fake.close());
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^peel-bot: cannot start: Slack: cannot start in http mode on port ${port}: .*EADDRINUSE`))]);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});

describe('start-up against a Slack that refuses, fails or hangs: one line, exit 1, no port ever answering', () => {
  /** A Web API whose auth.test answers as `answer` says; returns its base URL. */
  async function authTestServer(answer: (res: ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => answer(res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
      close: async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      },
    };
  }
  const json = (status: number, body: unknown) => (res: ServerResponse) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const cases: [string, (res: ServerResponse) => void, RegExp][] = [
    ['invalid_auth', json(200, { ok: false, error: 'invalid_auth' }), /Slack: http:\/\/127\.0\.0\.1:\d+\/api\/auth\.test refused the bot token \(invalid_auth\)$/],
    ['a 500', json(500, { ok: false }), /Slack: http:\/\/127\.0\.0\.1:\d+\/api\/auth\.test answered HTTP 500$/],
    ['a hang', () => undefined, /Slack: http:\/\/127\.0\.0\.1:\d+\/api\/auth\.test gave no answer within 10 s$/],
  ];
  for (const [name, answer, message] of cases) {
    it.concurrent(name, async () => {
      const api = await authTestServer(answer);
      const port = await freePort();
      const watching = watchPort(port);
      const run = await runMain(baseEnv({ ...VALID(), PORT: String(port), SLACK_API_URL: api.url })).finally(() => api.close());
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^peel-bot: cannot start: /)]);
      expect(run.stderr.trim()).toMatch(message);
      expect(await watching.stop()).toBe(false);
      expect(run.stderr).not.toContain(TOKEN);
    }, 30_000);
  }

  it.concurrent('a refused connection', async () => {
    const port = await freePort();
    const closed = await freePort(); // nothing listens there
    const watching = watchPort(port);
    const run = await runMain(baseEnv({ ...VALID(), PORT: String(port), SLACK_API_URL: `http://127.0.0.1:${closed}/api/` }));
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^peel-bot: cannot start: Slack: http://127\\.0\\.0\\.1:${closed}/api/auth\\.test cannot be reached \\(ECONNREFUSED\\)$`))]);
    expect(await watching.stop()).toBe(false);
  }, 30_000);
});

/** Polls `port` until stop(): true if it ever accepted a connection. */
function watchPort(port: number): { stop(): Promise<boolean> } {
  let seen = false;
  let running = true;
  const loop = (async () => {
    while (running) {
      if (await listening(port)) seen = true;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return seen;
    },
  };
}

// --- shutdown --------------------------------------------------------------------------------

interface FakeSlack {
  url: string;
  /** how long chat.postMessage takes to answer */
  postDelayMs: number;
  /** chat.postMessage calls: when each arrived and when its answer was sent */
  posts: { arrived: number; answered: number | null }[];
  close(): Promise<void>;
}

async function startFakeSlack(): Promise<FakeSlack> {
  const fake: FakeSlack = { url: '', postDelayMs: 0, posts: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const reply = () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', channel: 'C1', ts: '1.1' }));
      };
      if (req.url !== '/api/chat.postMessage') return reply();
      const post = { arrived: Date.now(), answered: null as number | null };
      fake.posts.push(post);
      setTimeout(() => {
        post.answered = Date.now();
        reply();
      }, fake.postDelayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  fake.close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return fake;
}

interface Bot {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  databasePath: string;
}

async function startBot(fake: FakeSlack): Promise<Bot> {
  const env = VALID();
  const child = spawn(process.execPath, [MAIN], {
    cwd: work,
    env: baseEnv({ ...env, PORT: '0', SLACK_API_URL: fake.url, LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) => child.on('exit', (code, signal) => r({ code, signal, at: Date.now() })));
  const end = Date.now() + 20_000;
  let port: number | undefined;
  while (port === undefined) {
    port = Number(output.match(/HTTP mode on port (\d+)/)?.[1]) || undefined;
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`the bot did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, port, output: () => output, exited, databasePath: env.DATABASE_PATH };
}

async function mention(bot: Bot, text: string, ts: string): Promise<number> {
  const body = eventEnvelope({ type: 'app_mention', user: 'U1', text: `<@UBOT> ${text}`, ts, channel: 'C1' });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp, SECRET) },
    body,
  });
  return res.status;
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('shutdown of node dist/src/main.js', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('SIGTERM: stops accepting, finishes the answer in flight, stops the digest schedule, closes the database, exits 0 within 5 s', async () => {
    const bot = await startBot(fake);
    fake.postDelayMs = 1500;
    fake.posts.length = 0;
    expect(await mention(bot, 'what grade overall?', '1700000000.000100')).toBe(200);
    await until(() => fake.posts.length === 1, 'the answer to reach Slack');
    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(await listening(bot.port)).toBe(false); // no new connections while the answer finishes
    expect(fake.posts[0]!.answered).toBeNull(); // …which is still in flight
    const { code, at } = await bot.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(5000);
    expect(fake.posts[0]!.answered).not.toBeNull();
    const log = bot.output();
    const order = ['SIGTERM, stopping', 'stopped accepting; answers in flight finished', 'digest schedule stopped', 'database closed, exiting'].map((l) => log.indexOf(l));
    expect(order.every((i) => i >= 0), log).toBe(true);
    expect(order[3]).toBeGreaterThan(Math.max(order[1]!, order[2]!));
    // the answer finished before the database closed: its thread context was written, and the WAL checkpointed away
    expect(existsSync(`${bot.databasePath}-wal`)).toBe(false);
    const db = new Database(bot.databasePath, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM thread_context').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  }, 30_000);

  it('SIGINT when idle: exits 0 at once', async () => {
    const bot = await startBot(fake);
    const signalled = Date.now();
    bot.child.kill('SIGINT');
    const { code, at } = await bot.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(2000);
  }, 30_000);

  it('a second signal exits at once, without waiting for the answer in flight', async () => {
    const bot = await startBot(fake);
    fake.postDelayMs = 20_000;
    fake.posts.length = 0;
    await mention(bot, 'what grade overall?', '1700000000.000200');
    await until(() => fake.posts.length === 1, 'the answer to reach Slack');
    bot.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const second = Date.now();
    bot.child.kill('SIGINT');
    const { code, at } = await bot.exited;
    expect(code).toBe(130);
    expect(at - second).toBeLessThan(1000);
    expect(bot.output()).toMatch(/SIGINT again, exiting now/);
  }, 30_000);
});
