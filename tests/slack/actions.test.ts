/**
 * Buttons and App Home through the real receiver: Show source opens a modal with the cited
 * paragraph, More results pages, Share posts in_channel, 👍/👎 are stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/blocks.js';
import { allText, eventually, type Harness, pause, postButton, postCommand, postEvent, realKnowledge, startHarness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Asks with /peel and returns the stored answer id the buttons carry. */
async function ask(text: string): Promise<{ answerId: string; reply: Record<string, unknown> }> {
  const before = h.responses.length;
  await postCommand(h, text);
  await eventually(() => expect(h.responses.length).toBe(before + 1));
  const reply = h.responses[before]!;
  const answerId = JSON.stringify(reply.blocks).match(/"action_id":"peel_feedback_up","value":"([^"]+)"/)?.[1];
  expect(answerId).toBeDefined();
  return { answerId: answerId!, reply };
}

describe('buttons', () => {
  it('👍 and 👎 are stored with the question and intent', async () => {
    const { answerId } = await ask('judgment');
    const res = await postButton(h, ACTION.feedbackUp, answerId);
    expect(res.status).toBe(200);
    await eventually(async () => expect((await h.store.stats(null)).feedback.up).toBe(1));
    expect((await h.store.stats(null)).feedback.recent[0]).toMatchObject({ vote: 'up', intent: 'judgment' });
    await eventually(() => expect(h.responses.at(-1)?.text).toMatch(/Thanks/));
    await postButton(h, ACTION.feedbackDown, answerId); // the same person changes their mind
    await eventually(async () => expect((await h.store.stats(null)).feedback).toMatchObject({ up: 0, down: 1 }));
  });

  it('Show source opens a modal with the cited paragraph, its section and page', async () => {
    const { answerId } = await ask('How effective is the force at protecting vulnerable people?');
    await postButton(h, ACTION.showSource, `${answerId}:0`);
    await eventually(() => expect(h.calls.filter((c) => c.method === 'views.open')).toHaveLength(1));
    const call = h.calls.find((c) => c.method === 'views.open')!;
    expect(call.body.trigger_id).toBe('9.8.7');
    const view = call.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('modal');
    const text = allText(view.blocks);
    expect(text).toContain(realKnowledge().reports[0]!.title.replace(/&/g, '&amp;'));
    expect(text).toMatch(/ · p\. \d+/);
  });

  it('Share in channel posts the answer in_channel and removes the private copy', async () => {
    const { answerId, reply } = await ask('judgment');
    await postButton(h, ACTION.share, answerId);
    await eventually(() => expect(h.responses.filter((r) => r.response_type === 'in_channel')).toHaveLength(1));
    const shared = h.responses.find((r) => r.response_type === 'in_channel')!;
    const withoutButtons = (blocks: unknown) => allText((blocks as { type: string }[]).filter((b) => b.type !== 'actions'));
    expect(withoutButtons(shared.blocks)).toBe(withoutButtons(reply.blocks));
    expect(JSON.stringify(shared.blocks)).not.toContain(ACTION.share);
    await eventually(() => expect(h.responses.some((r) => r.delete_original === true)).toBe(true));
  });

  it('More results answers the next passages when there are more', async () => {
    const { reply } = await ask('neighbourhood policing');
    const more = JSON.stringify(reply.blocks).match(/"action_id":"peel_more_results","value":"([^"]+)"/)?.[1];
    if (!more) return; // the answer fitted in one message: nothing to page
    const before = h.responses.length;
    await postButton(h, ACTION.moreResults, more);
    await eventually(() => expect(h.responses.length).toBe(before + 1));
    expect(h.responses[before]!.response_type).toBe('ephemeral');
    expect(allText(h.responses[before]!.blocks)).not.toBe(allText(reply.blocks));
  });

  it('More results on a message in a thread posts in the thread', async () => {
    const { reply } = await ask('neighbourhood policing');
    const more = JSON.stringify(reply.blocks).match(/"action_id":"peel_more_results","value":"([^"]+)"/)?.[1];
    if (!more) return;
    await postButton(h, ACTION.moreResults, more, { ephemeral: false, message: { type: 'message', ts: '5.5', thread_ts: '4.4', text: 'x' } });
    await eventually(() => expect(h.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1));
    expect(h.calls.find((c) => c.method === 'chat.postMessage')!.body.thread_ts).toBe('4.4');
  });

  it('a button on an expired answer says so', async () => {
    await postButton(h, ACTION.feedbackUp, 'unknown-id');
    await eventually(() => expect(h.responses.at(-1)?.text).toMatch(/too old/));
    expect((await h.store.stats(null)).feedback.up).toBe(0);
  });
});

describe('App Home', () => {
  it('publishes the report card: title, overall grade, the four grades, how to ask', async () => {
    await postEvent(h, { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1.1' });
    await eventually(() => expect(h.calls.filter((c) => c.method === 'views.publish')).toHaveLength(1));
    const call = h.calls.find((c) => c.method === 'views.publish')!;
    expect(call.body.user_id).toBe('U1');
    const view = call.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = allText(view.blocks);
    expect(text).toContain(realKnowledge().reports[0]!.title);
    expect(text).toMatch(/\*Overall:\* :large_orange_circle: \*Requires improvement\*/);
    expect(text.match(/:large_green_circle: \*Good\*/g)).toHaveLength(2);
    expect(text.match(/:large_orange_circle: \*Requires improvement\*/g)).toHaveLength(3);
    expect(text).toContain('/peel judgment');
  });

  it('ignores the Messages tab', async () => {
    await postEvent(h, { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'messages', event_ts: '1.1' });
    await pause(200);
    expect(h.calls).toEqual([]);
  });
});
