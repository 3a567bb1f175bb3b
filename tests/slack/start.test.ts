/**
 * Tried as a new user would: `npm start` with the variables from .env.example filled with test
 * values and SLACK_API_URL pointing at a local fake Web API, driven by signed requests from the
 * same helper the README's "Try it without a workspace" uses.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, sendToBot, startFakeSlack } from '../../slack/try-local.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'local-test-secret';

let fake: FakeSlack;
let child: ChildProcess;
let baseUrl: string;
let output = '';
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

/** .env.example as a new user fills it in: test tokens, a free port, a fresh database. */
function filledEnv(apiUrl: string): Record<string, string> {
  const example = parse(readFileSync(join(ROOT, '.env.example')));
  return {
    ...example,
    SLACK_BOT_TOKEN: 'xoxb-local-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_APP_TOKEN: '',
    SLACK_API_URL: apiUrl,
    PORT: '0',
    DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'peel-start-')), 'db', 'peel.sqlite'),
  };
}

async function until<T>(check: () => T | undefined, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; output so far:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // `npm start` runs what `npm run build` made; it never compiles
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  fake = await startFakeSlack();
  // only the variables a new user sets: no inherited SLACK_* from the machine running the tests
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|PEEL_|DATABASE_PATH|DATABASE_URL|PORT$)/.test(k)));
  child = spawn('npm', ['start'], { cwd: ROOT, env: { ...inherited, ...filledEnv(fake.apiUrl) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const port = await until(() => output.match(/HTTP mode on port (\d+)/)?.[1], 'the bot to start');
  baseUrl = `http://127.0.0.1:${port}`;
}, 90_000);

afterAll(async () => {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // the process group this test started: npm and node
    } catch {
      // already gone
    }
  }
  await fake?.close();
});

describe('npm start against a fake Web API', () => {
  it('serves /healthz', async () => {
    const res = await fetch(`${baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', reports: 1 });
  });

  it('answers /peel judgment with the five grades at the response_url', async () => {
    const res = await sendToBot(baseUrl, SECRET, { kind: 'command', text: 'judgment', responseUrl: fake.responseUrl });
    expect(res.status).toBe(200);
    const reply = await until(() => fake.calls.find((c) => c.path.startsWith('/response/')), 'the /peel reply');
    const text = JSON.stringify(reply.body.blocks);
    expect(text.match(/Requires improvement/g)).toHaveLength(3);
    expect(text.match(/\*Good\*/g)).toHaveLength(2);
  });

  it('answers a mention in its thread through SLACK_API_URL', async () => {
    const res = await sendToBot(baseUrl, SECRET, { kind: 'mention', text: 'what grade for tackling serious and organised crime?' });
    expect(res.status).toBe(200);
    const post = await until(() => fake.calls.find((c) => c.path === '/api/chat.postMessage'), 'chat.postMessage');
    expect(post.body.channel).toBe('C1');
    expect(post.body.thread_ts).toEqual(expect.any(String));
    expect(JSON.stringify(post.body.blocks)).toMatch(/Good/);
  });

  it('replies in a thread and clicks a button, as try-local.ts reply and button do', async () => {
    const before = fake.calls.length;
    await sendToBot(baseUrl, SECRET, { kind: 'mention', text: 'how many crimes per 1,000 people?' });
    const first = await until(() => fake.calls.slice(before).find((c) => c.path === '/api/chat.postMessage'), 'the answer');
    const threadTs = String(first.body.thread_ts);
    await sendToBot(baseUrl, SECRET, { kind: 'mention', text: 'which page?', threadTs });
    const followUp = await until(() => fake.calls.slice(before).filter((c) => c.path === '/api/chat.postMessage')[1], 'the follow-up');
    expect(followUp.body.thread_ts).toBe(threadTs);
    expect(JSON.stringify(followUp.body.blocks)).toMatch(/p\. 11/);
    const value = JSON.stringify(first.body.blocks).match(/"action_id":"peel_feedback_up","value":"([^"]+)"/)![1]!;
    await sendToBot(baseUrl, SECRET, { kind: 'button', actionId: 'peel_feedback_up', value, responseUrl: fake.responseUrl });
    const thanks = await until(() => fake.calls.slice(before).find((c) => c.path.startsWith('/response/') && /Thanks, noted/.test(JSON.stringify(c.body))), 'the thanks');
    expect(thanks).toBeDefined();
  });

  it('refuses a request signed with another secret', async () => {
    const res = await sendToBot(baseUrl, 'wrong-secret', { kind: 'dm', text: 'hello' });
    expect(res.status).toBe(401);
  });

  it('never logs the token or the secret', () => {
    expect(output).not.toContain('xoxb-local-test-token');
    expect(output).not.toContain(SECRET);
  });

  it('stops gracefully when a process manager sends SIGTERM to npm start, leaving nothing serving', async () => {
    const started = Date.now();
    process.kill(child.pid!, 'SIGTERM'); // npm only, as systemd or a container runtime would
    const { code } = await exited;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(code).toBe(0);
    expect(output).toMatch(/database closed, exiting/);
    await expect(fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) })).rejects.toThrow();
  });
});

describe('npm start without a build', () => {
  it('says in one line that dist/ is missing, and what to run', () => {
    const folder = mkdtempSync(join(tmpdir(), 'peel-nobuild-'));
    mkdirSync(join(folder, 'scripts'));
    copyFileSync(join(ROOT, 'scripts/built.mjs'), join(folder, 'scripts/built.mjs'));
    copyFileSync(join(ROOT, 'package.json'), join(folder, 'package.json'));
    const run = spawnSync('npm', ['start', '--silent'], { cwd: folder, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual(['peel-bot: cannot start: nothing is built (no dist/src/main.js): run `npm run build` first']);
  });
});

describe('start-up failure', () => {
  it('exits non-zero with one line naming the missing token', () => {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|PEEL_)/.test(k)));
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/src/main.js')], {
      cwd: mkdtempSync(join(tmpdir(), 'peel-nocfg-')), // no .env here
      env: { ...inherited, SLACK_SIGNING_SECRET: 'x' },
      encoding: 'utf8',
    });
    // run from another folder so a developer's .env cannot fill the token in
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['peel-bot: cannot start: Config: SLACK_BOT_TOKEN is missing (the Bot User OAuth Token (xoxb-…) from OAuth & Permissions)']);
  });
});
