/**
 * Secrets never reach a log: the Slack tests' scenarios (every surface, every button, bad and
 * stale signatures, retries, 429, failures) and the fault scenarios, run with logging at debug
 * (where the Web API client logs each request's body and headers), and every line checked for the
 * bot token and the signing secret — in our logger's sink and on the process's stdout/stderr.
 */
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ACTION } from '../../src/render/blocks.js';
import { BOT_TOKEN, eventually, HOOKS, pause, postButton, postCommand, postEvent, postSigned, SECRET, SLACK_API } from '../slack/harness.js';
import { type FaultHarness, type FaultOptions, startFaultHarness } from './harness.js';

const lines: string[] = [];
/** what was written straight to stdout/stderr while the scenarios ran (a library bypassing our logger) */
const direct: string[] = [];
/** the token as Slack saw it, so the test knows the secret was really in play */
const authorizations: string[] = [];

const MENTION = { type: 'app_mention', user: 'U1', text: '<@UBOT> what grade overall?', ts: '1700000000.000100', channel: 'C1' };
const DM = { type: 'message', channel_type: 'im', user: 'U1', text: 'what grade for preventing crime?', ts: '1700000001.000200', channel: 'D1' };

async function run(options: FaultOptions, scenario: (h: FaultHarness) => Promise<unknown>): Promise<void> {
  const h = await startFaultHarness({ ...options, logLevel: 'debug' });
  try {
    await scenario(h);
    await pause(150);
  } finally {
    await h.close();
    lines.push(...h.logs);
  }
}

function idOf(reply: Record<string, unknown> | undefined): string {
  const id = JSON.stringify(reply?.blocks ?? '').match(/"action_id":"peel_feedback_up","value":"([^"]+)"/)?.[1];
  expect(id).toBeDefined();
  return id!;
}

beforeAll(async () => {
  const capture = (chunk: unknown) => {
    direct.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const seeToken = () =>
    nock(SLACK_API)
      .persist()
      .post(/.*/)
      .reply(function () {
        authorizations.push(String(this.req.headers.authorization ?? ''));
        return [200, { ok: true, channel: 'C1', ts: '1.1' }];
      });
  try {
    // every surface, as tests/slack does it
    await run({}, async (h) => {
      await postEvent(h, MENTION);
      await postEvent(h, { ...MENTION, thread_ts: '1700000000.000001', text: '<@UBOT> which page?' });
      await postEvent(h, MENTION, { eventId: 'EvRetried' });
      await postEvent(h, MENTION, { eventId: 'EvRetried', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
      await postEvent(h, { ...MENTION, text: '<@UBOT> <!channel> <@U999> <https://evil.example|x> grades?' });
      await postEvent(h, DM);
      await postEvent(h, { ...DM, bot_id: 'B2', subtype: 'bot_message' });
      await postEvent(h, { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' });
      for (const text of ['judgment', 'improve', 'metric crime rate', 'help', '', 'digest on', 'How good is the force at investigating crime?']) await postCommand(h, text);
      await eventually(() => expect(h.responses.length).toBeGreaterThanOrEqual(7));
      const id = idOf(h.responses.find((r) => JSON.stringify(r.blocks ?? '').includes('peel_feedback_up')));
      await postButton(h, ACTION.showSource, `${id}:0`);
      await postButton(h, ACTION.moreResults, id);
      await postButton(h, ACTION.share, id);
      await postButton(h, ACTION.feedbackUp, id);
      await postButton(h, ACTION.feedbackDown, id);
      await postButton(h, ACTION.feedbackUp, 'no-such-answer');
      // refused requests: bad, other-secret, missing and stale signatures; the URL challenge; ssl_check
      await postEvent(h, MENTION, { signature: 'v0=bad' });
      await postEvent(h, MENTION, { secret: 'not-the-secret' });
      await postEvent(h, MENTION, { signature: null });
      await postCommand(h, 'judgment', { timestamp: Math.floor(Date.now() / 1000) - 600 });
      await postSigned(h, JSON.stringify({ type: 'url_verification', challenge: 'c', token: 'x' }), 'application/json');
      await postSigned(h, 'ssl_check=1&token=x', 'application/x-www-form-urlencoded', { signature: null });
      await postSigned(h, 'not json at all', 'application/json');
      await postSigned(h, JSON.stringify({ padding: 'x'.repeat(1_100_000) }), 'application/json');
    });
    // the token as sent: proves the scenarios used it (the Web API client puts it in a header)
    await run({ setup: seeToken }, async (h) => {
      await postEvent(h, MENTION);
      await eventually(() => expect(authorizations.length).toBeGreaterThan(0));
    });
    // faults: every error path logs the error object, which carries the request
    const faults: [FaultOptions['setup'], (h: FaultHarness) => Promise<unknown>][] = [
      [() => nock(SLACK_API).post('/api/chat.postMessage').reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' }), (h) => postEvent(h, MENTION).then(() => pause(1300))],
      [() => nock(SLACK_API).post('/api/chat.postMessage').times(3).reply(500, 'boom'), (h) => postEvent(h, DM).then(() => pause(300))],
      [() => nock(SLACK_API).post('/api/chat.postMessage').times(3).replyWithError('socket hang up'), (h) => postEvent(h, MENTION).then(() => pause(300))],
      [() => nock(SLACK_API).post('/api/chat.postMessage').reply(200, { ok: false, error: 'invalid_auth' }), (h) => postEvent(h, MENTION).then(() => pause(300))],
      [() => nock(SLACK_API).post('/api/chat.postMessage').times(2).reply(200, { ok: false, error: 'channel_not_found' }), (h) => postEvent(h, DM).then(() => pause(300))],
      [() => nock(SLACK_API).post('/api/views.publish').times(2).reply(200, { ok: false, error: 'not_enabled' }), (h) => postEvent(h, { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' }).then(() => pause(300))],
      [() => nock(HOOKS).post(/.*/).times(2).reply(404, 'expired_url'), (h) => postCommand(h, 'judgment').then(() => pause(300))],
    ];
    for (const [setup, scenario] of faults) await run({ setup }, scenario);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}, 60_000);

afterAll(() => {
  nock.cleanAll();
});

describe('secrets at LOG_LEVEL=debug', () => {
  it('the scenarios really ran at debug, with the token in play', () => {
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.some((l) => / DEBUG /.test(l) && /http request (body|headers)/.test(l))).toBe(true);
    expect(lines.some((l) => /failed:/.test(l))).toBe(true);
    expect(authorizations).toContain(`Bearer ${BOT_TOKEN}`);
  });

  it('no log line holds the bot token or the signing secret, nor anything shaped like a Slack token', () => {
    const leaks = [...lines, ...direct].filter((l) => l.includes(BOT_TOKEN) || l.includes(SECRET) || /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/.test(l));
    expect(leaks).toEqual([]);
  });

  it('a config error names the variable, never its value', () => {
    const bad = 'xoxp-this-is-a-user-token-not-a-bot-one';
    expect(() => loadConfig({ SLACK_BOT_TOKEN: bad, SLACK_SIGNING_SECRET: SECRET, PORT: 'nope' })).toThrowError(/SLACK_BOT_TOKEN must start with xoxb-.*PORT/);
    try {
      loadConfig({ SLACK_BOT_TOKEN: bad, SLACK_SIGNING_SECRET: SECRET, PORT: 'nope' });
    } catch (err) {
      expect((err as Error).message).not.toContain(bad);
      expect((err as Error).message).not.toContain(SECRET);
    }
  });

  it('LOG_LEVEL is honoured: Bolt does not reset our logger to info (it did, before logLevel was passed)', async () => {
    const h = await startFaultHarness({ logLevel: 'warn' });
    try {
      await postCommand(h, 'judgment');
      await postEvent(h, MENTION, { signature: 'v0=bad' }); // Bolt warns about this one
      await eventually(() => expect(h.responses).toHaveLength(1));
      await pause(100);
      expect(h.entries.filter((e) => e.level === 'debug' || e.level === 'info')).toEqual([]);
      expect(h.entries.some((e) => e.level === 'warn')).toBe(true);
    } finally {
      await h.close();
    }
  });
});
