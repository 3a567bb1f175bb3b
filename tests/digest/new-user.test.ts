/**
 * Tried as a new user would, with a local fake Web API: subscribe through a signed
 * `/peel digest on HH:MM UTC` request to the real app, stop the app, then run
 * `npm run digest -- --run-due --now …` (a real process, as cron would) before and after that
 * time, and on the next day: exactly one post per day, each citing a page.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, sendToBot, startFakeSlack } from '../../slack/try-local.js';
import { loadConfig } from '../../src/config.js';
import { createDigest } from '../../src/digest/service.js';
import { createPeelApp } from '../../src/slack/app.js';
import { createLogger } from '../../src/logger.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { realKnowledge, ROOT } from '../slack/harness.js';

const SECRET = 'new-user-secret';
let fake: FakeSlack;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeSlack();
  env = {
    SLACK_BOT_TOKEN: 'xoxb-new-user',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'peel-new-user-')), 'data', 'peel.sqlite'),
  };
});
afterAll(() => fake?.close());

const posts = () => fake.calls.filter((c) => c.path === '/api/chat.postMessage');

/** `npm run digest -- --run-due --now <now>` as a separate process (async: the fake Web API lives in this one). */
async function runDue(now: string): Promise<string> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|PEEL_|DIGEST_|DATABASE_PATH|DATABASE_URL|PORT$)/.test(k)));
  const child = spawn('npm', ['run', '--silent', 'digest', '--', '--run-due', '--now', now], { cwd: ROOT, env: { ...inherited, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  expect(code, err).toBe(0);
  return out;
}

describe('the daily digest, as a new user tries it', () => {
  it('subscribes by /peel digest on 09:00 UTC, then gets exactly one digest a day from --run-due, each citing a page', async () => {
    // the app as npm start builds it, on a random port
    const config = loadConfig(env, ROOT);
    const store = openSqliteStore(config.databasePath);
    const logger = createLogger({ level: 'warn', secrets: [SECRET], sink: () => {} });
    const digest = createDigest({ config, kb: realKnowledge(), store, logger });
    const peel = createPeelApp({ config, kb: realKnowledge(), store, logger, digest: digest.command, retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 } });
    const { port } = await peel.start();
    const sent = await sendToBot(`http://127.0.0.1:${port}`, SECRET, { kind: 'command', text: 'digest on 09:00 UTC', responseUrl: fake.responseUrl });
    expect(sent.status).toBe(200);
    for (let i = 0; i < 100 && !fake.calls.some((c) => c.path.startsWith('/response/')); i++) await new Promise((r) => setTimeout(r, 20));
    await peel.stop();
    await store.close();

    const reply = fake.calls.find((c) => c.path.startsWith('/response/'))!;
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body)).toContain('every day at 09:00 (UTC)');
    expect(posts()).toHaveLength(1); // the visible line in the channel
    expect(String(posts()[0]!.body.text)).toContain('turned on the daily PEEL digest here');

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const dayAfter = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(await runDue(`${tomorrow}T08:59:00Z`)).toContain('0 posted');
    expect(await runDue(`${tomorrow}T09:00:00Z`)).toContain('1 posted');
    expect(await runDue(`${tomorrow}T09:05:00Z`)).toContain('0 posted');
    expect(await runDue(`${dayAfter}T09:00:00Z`)).toContain('1 posted');

    const digests = posts().slice(1);
    expect(digests).toHaveLength(2);
    for (const d of digests) {
      expect(d.body.channel).toBe('C1');
      expect(JSON.stringify(d.body.blocks)).toMatch(/· p\. \d+/);
    }
    expect(JSON.stringify(digests[0]!.body.blocks)).not.toEqual(JSON.stringify(digests[1]!.body.blocks));
  }, 60_000);
});
