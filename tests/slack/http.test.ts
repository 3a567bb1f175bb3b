/**
 * The HTTP receiver as Slack reaches it: signed requests to /slack/events on a random local port,
 * /healthz, and the /peel command answered from the real report.
 */
import type { AnswererState } from '../../src/slack/routes.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/blocks.js';
import { allText, eventually, type Harness, pause, postCommand, postEvent, postSigned, realKnowledge, startHarness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const MENTION = { type: 'app_mention', user: 'U1', text: '<@UBOT> what grade did the force get overall?', ts: '1700000000.000100', channel: 'C1' };

describe('GET /healthz', () => {
  it('answers 200 with the number of reports and the uptime', async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ status: 'ok', reports: realKnowledge().reports.length, uptime: expect.any(Number) });
    expect(body.reports).toBeGreaterThanOrEqual(1);
  });
});

describe('GET /readyz', () => {
  it('answers 200 once Slack accepted the token and the store answers, and 503 from the moment shutdown begins', async () => {
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', slack: 'ok', store: 'ok' });
    h.peel.beginShutdown();
    const stopping = await fetch(`${h.url}/readyz`);
    expect(stopping.status).toBe(503);
    expect(await stopping.json()).toEqual({ status: 'stopping' });
    // liveness is another question: the process is still alive
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('answers 503 "warming up" until main has warmed the answerer up, 200 from then on, and 503 after a failed warm-up', async () => {
    await h.close();
    let answers: AnswererState = 'warming up';
    h = await startHarness({ answers: () => answers });
    const starting = await fetch(`${h.url}/readyz`);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: 'starting', slack: 'ok', answers: 'warming up' });
    // liveness does not wait for it
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    answers = 'ready';
    expect(await (await fetch(`${h.url}/readyz`)).json()).toEqual({ status: 'ready', slack: 'ok', store: 'ok' });
    answers = 'failed';
    const failed = await fetch(`${h.url}/readyz`);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ status: 'unready', slack: 'ok', answers: 'the warm-up failed; see the log' });
  });

  it('answers 503 naming the store when it does not answer', async () => {
    await h.store.close();
    const res = await fetch(`${h.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unready', slack: 'ok', store: expect.stringMatching(/not open/i) });
  });
});

describe('GET /metrics', () => {
  /** one sample's value from the Prometheus text, 0 when absent */
  const sample = (text: string, name: string, labels: string) => Number(text.match(new RegExp(`^${name}${labels ? `\\{${labels}\\}` : ''} (\\S+)$`, 'm'))?.[1] ?? 0);
  const scrape = async () => (await fetch(`${h.url}/metrics`)).text();

  it('counts questions by surface, intent and answered, the answer time, Slack calls and duplicate events', async () => {
    const before = await scrape();
    await postEvent(h, MENTION, { eventId: 'EvMetrics' });
    await postEvent(h, MENTION, { eventId: 'EvMetrics', headers: { 'x-slack-retry-num': '1' } });
    await postCommand(h, 'who is the chief constable?');
    await eventually(() => expect(h.responses).toHaveLength(1));
    await eventually(async () => expect(sample(await scrape(), 'peel_slack_calls_total', 'method="chat.postMessage",outcome="ok"')).toBe(sample(before, 'peel_slack_calls_total', 'method="chat.postMessage",outcome="ok"') + 1));
    const after = await scrape();
    expect(sample(after, 'peel_questions_total', 'surface="mention",intent="judgment",answered="true"') - sample(before, 'peel_questions_total', 'surface="mention",intent="judgment",answered="true"')).toBe(1);
    expect(sample(after, 'peel_questions_total', 'surface="command",intent="none",answered="false"') - sample(before, 'peel_questions_total', 'surface="command",intent="none",answered="false"')).toBe(1);
    expect(sample(after, 'peel_events_deduplicated_total', '') - sample(before, 'peel_events_deduplicated_total', '')).toBe(1);
    expect(sample(after, 'peel_slack_calls_total', 'method="response_url",outcome="ok"') - sample(before, 'peel_slack_calls_total', 'method="response_url",outcome="ok"')).toBe(1);
    expect(after).toMatch(/^peel_answer_seconds_count \d+$/m);
    expect(after).toMatch(/^peel_process_resident_memory_bytes \d+/m);
  });
});

describe('request signatures', () => {
  it('rejects a bad signature with 401 and posts nothing', async () => {
    const res = await postEvent(h, MENTION, { signature: 'v0=0000' });
    expect(res.status).toBe(401);
    const signedWithOtherSecret = await postEvent(h, MENTION, { secret: 'not-the-secret' });
    expect(signedWithOtherSecret.status).toBe(401);
    await pause(200);
    expect(h.calls).toEqual([]);
  });

  it('rejects a stale timestamp (over 5 minutes) with 401, even when correctly signed', async () => {
    const res = await postEvent(h, MENTION, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    const cmd = await postCommand(h, 'judgment', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(cmd.status).toBe(401);
    await pause(200);
    expect(h.calls).toEqual([]);
    expect(h.responses).toEqual([]);
  });

  it('rejects a missing signature with 401', async () => {
    const res = await postEvent(h, MENTION, { signature: null });
    expect(res.status).toBe(401);
    const cmd = await postCommand(h, 'judgment', { signature: null });
    expect(cmd.status).toBe(401);
    await pause(200);
    expect(h.calls).toEqual([]);
    expect(h.responses).toEqual([]);
  });

  it('answers Slack’s URL verification challenge when signed', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' });
    const res = await postSigned(h, body, 'application/json');
    expect(res.status).toBe(200);
    expect(res.text).toContain('c-123');
  });

  it('does not log the signing secret or the bot token', async () => {
    await postEvent(h, MENTION, { signature: 'v0=bad' });
    await postCommand(h, 'judgment');
    await eventually(() => expect(h.responses).toHaveLength(1));
    const logs = h.logs.join('\n');
    expect(logs).not.toContain('test-signing-secret');
    expect(logs).not.toContain('xoxb-test-bot-token');
    expect(h.logs.length).toBeGreaterThan(0);
  });
});

describe('the /peel command', () => {
  it('/peel judgment → 200 at once, then the five grades, ephemeral, with Share in channel', async () => {
    const res = await postCommand(h, 'judgment');
    expect(res.status).toBe(200);
    expect(res.text).toBe(''); // acked empty, the answer goes to response_url
    await eventually(() => expect(h.responses).toHaveLength(1));
    const reply = h.responses[0]!;
    expect(reply.response_type).toBe('ephemeral');
    const text = allText(reply.blocks);
    // the real report's grades, overall first
    expect(text).toMatch(/Overall[\s\S]*Requires improvement/i);
    const fields = (reply.blocks as { type: string; fields?: { text: string }[] }[])
      .flatMap((b) => b.fields ?? [])
      .map((f) => f.text);
    const pairs: [string, string][] = [];
    for (let i = 0; i < fields.length; i += 2) pairs.push([fields[i]!, fields[i + 1]!]);
    const gradeOf = (pattern: RegExp) => pairs.find(([title]) => pattern.test(title))?.[1];
    expect(pairs).toHaveLength(5);
    expect(gradeOf(/overall/i)).toContain('Requires improvement');
    expect(gradeOf(/preventing crime/i)).toContain('Requires improvement');
    expect(gradeOf(/investigating crime/i)).toContain('Good');
    expect(gradeOf(/vulnerable/i)).toContain('Requires improvement');
    expect(gradeOf(/serious and organised crime/i)).toContain('Good');
    expect(JSON.stringify(reply.blocks)).toContain(ACTION.share);
    expect(reply.text).toEqual(expect.any(String));
  });

  it('/peel <question> → the answer with a citation', async () => {
    await postCommand(h, 'How effective is the force at protecting vulnerable people?');
    await eventually(() => expect(h.responses).toHaveLength(1));
    const reply = h.responses[0]!;
    expect(reply.response_type).toBe('ephemeral');
    const text = allText(reply.blocks);
    expect(text).toMatch(/requires improvement/i);
    expect(text).toMatch(/ · p\. \d+/); // the citation line
  });

  it('/peel with no text, and /peel help, give help with example questions', async () => {
    await postCommand(h, '');
    await postCommand(h, 'help');
    await eventually(() => expect(h.responses).toHaveLength(2));
    for (const reply of h.responses) expect(allText(reply.blocks)).toMatch(/•/);
  });

  it('/peel digest … says digests are coming', async () => {
    await postCommand(h, 'digest subscribe weekly');
    await eventually(() => expect(h.responses).toHaveLength(1));
    expect(h.responses[0]!.text).toMatch(/Digests are coming/);
  });

  it('records questions the report does not answer', async () => {
    await postCommand(h, 'what is the police budget for next year?');
    await eventually(() => expect(h.responses).toHaveLength(1));
    const stats = await h.store.stats(null);
    expect(stats.unanswered.map((u) => u.question)).toContain('what is the police budget for next year?');
  });
});
