/**
 * Every fault Slack can return, at every surface, through the real app with nock at the Slack
 * edge: the app stays up, the user gets a short message with a reference id wherever there is a
 * way to reach them, the log has the detail under the same id, and no promise is left rejected.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { ACTION } from '../../src/render/blocks.js';
import { allText, eventually, HOOKS, pause, postButton, postCommand, postEvent, realKnowledge, SLACK_API } from '../slack/harness.js';
import { type FaultHarness, type FaultOptions, referenceIn, startFaultHarness } from './harness.js';

const unhandled = vi.fn();
beforeAll(() => {
  process.on('unhandledRejection', unhandled);
});
afterAll(() => {
  process.off('unhandledRejection', unhandled);
});

let h: FaultHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  expect(unhandled).not.toHaveBeenCalled();
});

const MENTION = { type: 'app_mention', user: 'U1', text: '<@UBOT> what grade overall?', ts: '1700000000.000100', channel: 'C1' };
const DM = { type: 'message', channel_type: 'im', user: 'U1', text: 'what grade overall?', ts: '1700000001.000200', channel: 'D1' };
const posts = (hh: FaultHarness) => hh.calls.filter((c) => c.method === 'chat.postMessage');

async function start(options: FaultOptions): Promise<FaultHarness> {
  h = await startFaultHarness(options);
  return h;
}

/** The app still serves: /healthz answers and a /peel command is answered. */
async function stillServing(hh: FaultHarness): Promise<void> {
  expect((await fetch(`${hh.url}/healthz`)).status).toBe(200);
  const before = hh.responses.length;
  expect((await postCommand(hh, 'judgment')).status).toBe(200);
  await eventually(() => expect(hh.responses.length).toBe(before + 1));
  expect(allText(hh.responses.at(-1)!.blocks)).toMatch(/Requires improvement/);
}

/** The log line that carries `ref`'s failure, which must say what went wrong. */
function failureLine(hh: FaultHarness, ref: string): string {
  const line = hh.entries.find((e) => e.level === 'error' && e.line.includes(`[${ref}]`) && / failed:/.test(e.line));
  expect(line, `no error line for ${ref} in:\n${hh.logs.join('\n')}`).toBeDefined();
  return line!.line;
}

/** The one reference id of a failure that no user could be told about. */
function loggedOnlyRef(hh: FaultHarness, what: RegExp): string {
  const line = hh.entries.find((e) => e.level === 'error' && what.test(e.line));
  expect(line, hh.logs.join('\n')).toBeDefined();
  return referenceIn(line!.line)!;
}

/** The message the user was told: short, with a reference id. */
function toldRef(text: string): string {
  const ref = referenceIn(text);
  expect(ref, text).toBeDefined();
  expect(text.length).toBeLessThan(200);
  return ref!;
}

describe('chat.postMessage faults (mentions and DMs)', () => {
  it('429 with Retry-After on every attempt: the answer is given up, the user told in the thread with a reference', async () => {
    const tries: number[] = [];
    const hh = await start({
      setup: () =>
        nock(SLACK_API)
          .post('/api/chat.postMessage')
          .times(2)
          .reply(() => {
            tries.push(Date.now());
            return [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' }];
          }),
    });
    await postEvent(hh, MENTION);
    await eventually(() => expect(posts(hh)).toHaveLength(1), 8000);
    const told = posts(hh)[0]!.body;
    expect(told.thread_ts).toBe(MENTION.ts);
    const ref = toldRef(String(told.text));
    expect(failureLine(hh, ref)).toMatch(/rate limit was exceeded/);
    expect(tries).toHaveLength(2);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(950); // Retry-After honoured
    await stillServing(hh);
  }, 15_000);

  it('500 from Slack: retried, then the user is told with a reference and the log has the HTTP status', async () => {
    const hh = await start({ setup: () => nock(SLACK_API).post('/api/chat.postMessage').times(2).reply(500, 'upstream error') });
    await postEvent(hh, MENTION);
    await eventually(() => expect(posts(hh)).toHaveLength(1));
    const ref = toldRef(String(posts(hh)[0]!.body.text));
    expect(failureLine(hh, ref)).toMatch(/slack_webapi_http_error|HTTP.*500|500/);
    await stillServing(hh);
  });

  it('network errors: retried, then the user is told with a reference and the log names the error', async () => {
    const hh = await start({
      setup: () => nock(SLACK_API).post('/api/chat.postMessage').times(2).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' }),
    });
    await postEvent(hh, DM);
    await eventually(() => expect(posts(hh)).toHaveLength(1));
    const told = posts(hh)[0]!.body;
    expect(told.channel).toBe('D1');
    const ref = toldRef(String(told.text));
    expect(failureLine(hh, ref)).toMatch(/slack_webapi_request_error|socket hang up|ECONNRESET/);
    await stillServing(hh);
  });

  it('a hung Slack API call is abandoned after the call timeout, not waited on for ever', async () => {
    const hh = await start({
      slackCallTimeoutMs: 300,
      setup: () => nock(SLACK_API).post('/api/chat.postMessage').times(2).delay(3000).reply(200, { ok: true, ts: '1.1' }),
    });
    const started = Date.now();
    await postEvent(hh, MENTION);
    await eventually(() => expect(posts(hh)).toHaveLength(1), 5000);
    expect(Date.now() - started).toBeLessThan(2500);
    const ref = toldRef(String(posts(hh)[0]!.body.text));
    expect(failureLine(hh, ref)).toMatch(/slack_webapi_request_error|abort|timeout/i);
    await stillServing(hh);
  });

  for (const error of ['invalid_auth', 'not_in_channel', 'account_inactive'] as const) {
    it(`${error}: nothing more is posted there (it would fail too); the log has the reference and the code`, async () => {
      const hh = await start({ setup: () => nock(SLACK_API).post('/api/chat.postMessage').reply(200, { ok: false, error }) });
      await postEvent(hh, MENTION);
      await eventually(() => expect(hh.entries.some((e) => e.level === 'warn' && /cannot be told/.test(e.line))).toBe(true));
      const ref = loggedOnlyRef(hh, /app_mention failed:/);
      expect(failureLine(hh, ref)).toContain(error);
      expect(hh.entries.find((e) => e.level === 'warn' && e.line.includes(`[${ref}]`))?.line).toContain(error);
      await pause(200);
      expect(posts(hh)).toEqual([]);
      await stillServing(hh);
    });
  }

  it('channel_not_found twice (answer and apology both fail): both are logged under one reference', async () => {
    const hh = await start({ setup: () => nock(SLACK_API).post('/api/chat.postMessage').times(2).reply(200, { ok: false, error: 'channel_not_found' }) });
    await postEvent(hh, DM);
    await eventually(() => expect(hh.logs.join('\n')).toMatch(/could not tell the user either/));
    const ref = loggedOnlyRef(hh, /message\.im failed:/);
    expect(failureLine(hh, ref)).toContain('channel_not_found');
    expect(hh.logs.find((l) => l.includes(`[${ref}]`) && /could not tell the user either/.test(l))).toContain('channel_not_found');
    await stillServing(hh);
  });
});

describe('views.open and views.publish faults', () => {
  it('Show source when views.open fails: the user is told ephemerally with a reference, the log has the Slack error', async () => {
    const hh = await start({ setup: () => nock(SLACK_API).post('/api/views.open').reply(200, { ok: false, error: 'expired_trigger_id' }) });
    const answer = answerQuestion(realKnowledge(), 'what does the report say about domestic abuse?');
    expect(answer.citations.length).toBeGreaterThan(0);
    const id = await hh.store.saveAnswer('T1', 'command', answer);
    await postButton(hh, ACTION.showSource, `${id}:0`);
    await eventually(() => expect(hh.responses).toHaveLength(1));
    const reply = hh.responses[0]!;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    const ref = toldRef(String(reply.text));
    expect(failureLine(hh, ref)).toContain('expired_trigger_id');
    await stillServing(hh);
  });

  it('App Home when views.publish fails: there is no one to tell; the log has a reference and the error', async () => {
    const hh = await start({ setup: () => nock(SLACK_API).post('/api/views.publish').times(2).reply(500, 'boom') });
    await postEvent(hh, { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' });
    await eventually(() => expect(hh.logs.join('\n')).toMatch(/App Home failed:/));
    const ref = loggedOnlyRef(hh, /App Home failed:/);
    expect(failureLine(hh, ref)).toMatch(/500/);
    await pause(100);
    expect(posts(hh)).toEqual([]);
    await stillServing(hh);
  });
});

describe('response_url faults', () => {
  it('/peel with an expired response_url: one attempt, no second post to a dead URL, the log has the reference', async () => {
    let attempts = 0;
    const hh = await start({
      setup: () =>
        nock(HOOKS)
          .post('/commands/T1/1/abc')
          .reply(() => {
            attempts++;
            return [404, 'expired_url'];
          }),
    });
    await postCommand(hh, 'judgment');
    await eventually(() => expect(hh.logs.join('\n')).toMatch(/cannot be told/));
    const ref = loggedOnlyRef(hh, /\/peel command failed:/);
    expect(failureLine(hh, ref)).toMatch(/response_url 404/);
    await pause(100);
    expect(attempts).toBe(1);
    await stillServing(hh);
  });

  it('a 👍 on an old message whose response_url has expired: logged with a reference, nothing thrown', async () => {
    const hh = await start({ setup: () => nock(HOOKS).post('/actions/T1/1/xyz').reply(410, 'used_url') });
    const id = await hh.store.saveAnswer('T1', 'command', answerQuestion(realKnowledge(), 'what grade overall?'));
    await postButton(hh, ACTION.feedbackUp, id);
    await eventually(() => expect(hh.logs.join('\n')).toMatch(/feedback up failed:/));
    const ref = loggedOnlyRef(hh, /feedback up failed:/);
    expect(failureLine(hh, ref)).toMatch(/response_url 410/);
    // the vote itself was kept before the reply failed
    expect((await hh.store.stats(null)).feedback.up).toBe(1);
    await stillServing(hh);
  });

  it('a hung response_url is abandoned after the call timeout', async () => {
    const hh = await start({ slackCallTimeoutMs: 300, setup: () => nock(HOOKS).post('/commands/T1/1/abc').times(2).delay(3000).reply(200, 'ok') });
    const started = Date.now();
    await postCommand(hh, 'judgment');
    await eventually(() => expect(hh.logs.join('\n')).toMatch(/\/peel command failed:/), 4000);
    expect(Date.now() - started).toBeLessThan(2500);
    const ref = loggedOnlyRef(hh, /\/peel command failed:/);
    expect(failureLine(hh, ref)).toMatch(/abort|timeout/i);
    await stillServing(hh);
  });
});
