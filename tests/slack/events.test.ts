/**
 * Mentions and DMs through the real receiver: answered in the right place, once per event, with
 * nothing live from user text, and surviving a 429 from chat.postMessage.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { allText, eventually, type Harness, pause, postEvent, recordWebApi, SLACK_API, startHarness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const posts = (hh: Harness) => hh.calls.filter((c) => c.method === 'chat.postMessage');

function mention(text: string, extra: Record<string, unknown> = {}) {
  return { type: 'app_mention', user: 'U1', text, ts: '1700000000.000100', channel: 'C1', ...extra };
}

function dm(text: string, extra: Record<string, unknown> = {}) {
  return { type: 'message', channel_type: 'im', user: 'U1', text, ts: '1700000001.000200', channel: 'D1', ...extra };
}

describe('app_mention', () => {
  it('answers in a new thread under the mention, with blocks and the citation', async () => {
    h = await startHarness();
    const res = await postEvent(h, mention('<@UBOT> How effective is the force at tackling serious and organised crime?'));
    expect(res.status).toBe(200);
    await eventually(() => expect(posts(h!)).toHaveLength(1));
    const post = posts(h)[0]!.body;
    expect(post.channel).toBe('C1');
    expect(post.thread_ts).toBe('1700000000.000100');
    const text = allText(post.blocks);
    expect(text).toMatch(/good/i);
    expect(text).toMatch(/serious and organised crime[^\n]* · p\. \d+/i);
    expect(post.text).toEqual(expect.any(String));
  });

  it('answers in the existing thread, following up on the thread’s last answer', async () => {
    h = await startHarness();
    const root = '1700000000.000001';
    await postEvent(h, mention('<@UBOT> How many crimes per 1,000 population were recorded in Cleveland?', { thread_ts: root, ts: '1700000000.000300' }));
    await eventually(() => expect(posts(h!)).toHaveLength(1));
    // the thread's answer is saved once the post has been answered
    await eventually(async () => expect(await h!.store.lastThreadAnswer('T1', 'C1', root)).not.toBeNull());
    const first = await h.store.lastThreadAnswer('T1', 'C1', root);
    await postEvent(h, mention('<@UBOT> which page?', { thread_ts: root, ts: '1700000000.000400' }));
    await eventually(() => expect(posts(h!)).toHaveLength(2));
    const followUp = posts(h)[1]!.body;
    expect(followUp.thread_ts).toBe(root);
    // "which page?" is answered from the previous answer's citation
    const page = first!.citations[0]?.page;
    expect(page).toBeDefined();
    expect(allText(followUp.blocks)).toContain(`p. ${page}`);
  });

  it('answers a retried event (same event_id, X-Slack-Retry-Num) once', async () => {
    h = await startHarness();
    const event = mention('<@UBOT> what grade for investigating crime?');
    await postEvent(h, event, { eventId: 'EvSAME' });
    await eventually(() => expect(posts(h!)).toHaveLength(1));
    const retry = await postEvent(h, event, { eventId: 'EvSAME', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await postEvent(h, event, { eventId: 'EvSAME', headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } });
    await pause(300);
    expect(posts(h)).toHaveLength(1);
  });

  it('posts nothing live when the question contains <!channel>, <!here>, <@U…> or a link', async () => {
    h = await startHarness();
    await postEvent(h, mention('<@UBOT> <!channel> <!here> <@U999> <https://evil.example|click me> what grade for vulnerable people?'));
    await eventually(() => expect(posts(h!)).toHaveLength(1));
    const post = posts(h)[0]!.body;
    const payload = JSON.stringify([post.blocks, post.text]);
    expect(payload).not.toMatch(/<!channel>|<!here>|<@U999>|<https:/);
    expect(payload).toContain('&lt;!channel&gt;');
    expect(post.link_names).toBeUndefined();
  });

  it('posts once after the wait when chat.postMessage answers 429 with Retry-After', async () => {
    h = await startHarness({ record: false });
    const tries: number[] = [];
    nock(SLACK_API)
      .post('/api/chat.postMessage')
      .reply(() => {
        tries.push(Date.now());
        return [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' }];
      });
    nock(SLACK_API)
      .post('/api/chat.postMessage')
      .reply(() => {
        tries.push(Date.now());
        return [200, { ok: true, channel: 'C1', ts: '1.2' }];
      });
    recordWebApi(h.calls); // anything else (auth.test) after the specific interceptors
    await postEvent(h, mention('<@UBOT> what grade overall?'));
    await eventually(() => expect(tries).toHaveLength(2), 5000);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(950);
    await pause(200);
    expect(tries).toHaveLength(2);
    expect(h.logs.join('\n')).not.toMatch(/failed:/);
  });

  it('tells the user a short message with a reference id when answering fails, and logs the same id', async () => {
    h = await startHarness({ record: false });
    nock(SLACK_API).post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    const failures: string[] = [];
    nock(SLACK_API)
      .post('/api/chat.postMessage')
      .reply((_uri, body) => {
        failures.push(String(body));
        return [200, { ok: true }];
      });
    recordWebApi(h.calls);
    await postEvent(h, mention('<@UBOT> what grade overall?'));
    await eventually(() => expect(failures).toHaveLength(1));
    const ref = decodeURIComponent(failures[0]!).match(/peel-[0-9a-f]{8}/)?.[0];
    expect(ref).toBeDefined();
    expect(h.logs.join('\n')).toMatch(new RegExp(`\\[${ref}\\] app_mention failed:.*channel_not_found`));
  });
});

describe('message.im', () => {
  it('answers a direct message in the DM', async () => {
    h = await startHarness();
    await postEvent(h, dm('what grade did the force get for preventing crime?'));
    await eventually(() => expect(posts(h!)).toHaveLength(1));
    const post = posts(h)[0]!.body;
    expect(post.channel).toBe('D1');
    expect(post.thread_ts).toBeUndefined();
    expect(allText(post.blocks)).toMatch(/requires improvement/i);
  });

  it('ignores bot messages, the bot’s own, edits, joins and other subtypes', async () => {
    h = await startHarness();
    await postEvent(h, dm('I am a bot', { bot_id: 'B2', subtype: 'bot_message' }));
    await postEvent(h, dm('I am a bot without subtype', { bot_id: 'B2' }));
    await postEvent(h, dm('my own answer', { user: 'UBOT', bot_id: 'BBOT' }));
    await postEvent(h, dm('edited', { subtype: 'message_changed' }));
    await postEvent(h, dm('joined', { subtype: 'channel_join' }));
    await postEvent(h, { ...dm('a channel message, not a DM'), channel_type: 'channel', channel: 'C1' });
    await pause(400);
    expect(posts(h)).toEqual([]);
  });
});
