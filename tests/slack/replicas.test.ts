/**
 * Two replicas (two apps, each with its own connection pool) on one PostgreSQL schema: what one
 * stored, the other uses. A button on replica A's answer works when B receives the click; a
 * follow-up in A's thread is answered by B from A's answer; an event delivered to both is answered
 * once. Needs TEST_DATABASE_URL (skipped without it, except under CI=true, where the PostgreSQL
 * store contract fails instead).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/blocks.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { allText, eventually, type Harness, pause, postButton, postEvent, startHarness } from './harness.js';

const url = process.env.TEST_DATABASE_URL;
const schema = `peel_replicas_${randomBytes(5).toString('hex')}`;
let a: Harness | undefined;
let b: Harness | undefined;

afterEach(async () => {
  // B first: the last harness to close clears nock's interceptors, which both share
  await b?.close();
  await a?.close();
  a = b = undefined;
});

afterAll(async () => {
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

const mention = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'app_mention', user: 'U1', text, ts: `${Date.now() / 1000}`, channel: 'C1', ...extra });

describe.runIf(Boolean(url))('two replicas on one PostgreSQL database', () => {
  const start = async () => {
    a = await startHarness({ openedStore: await openPostgresStore(url!, { schema }) });
    // B's Web API calls and replies are recorded by A's interceptors (nock matches the first)
    b = await startHarness({ openedStore: await openPostgresStore(url!, { schema }) });
    const posts = () => a!.calls.filter((c) => c.method === 'chat.postMessage');
    return { a, b, posts };
  };

  it('a 👍 on the answer A posted, clicked through B, is stored once and thanked', async () => {
    const { a, b, posts } = await start();
    await postEvent(a, mention('<@UBOT> what grade did the force get overall?'));
    await eventually(() => expect(posts()).toHaveLength(1));
    const answerId = JSON.stringify(posts()[0]!.body.blocks).match(/"action_id":"peel_feedback_up","value":"([^"]+)"/)?.[1];
    expect(answerId).toBeDefined();
    await postButton(b, ACTION.feedbackUp, answerId!);
    await eventually(() => expect(a.responses.at(-1)?.text).toMatch(/Thanks, noted: this answer helped/));
    expect((await a.store.stats(null)).feedback).toMatchObject({ up: 1, down: 0, recent: [{ vote: 'up', intent: 'judgment' }] });
  });

  it('a follow-up in the thread A answered is answered by B from A’s answer', async () => {
    const { a, b, posts } = await start();
    const root = '1700000000.000001';
    await postEvent(a, mention('<@UBOT> How many crimes per 1,000 population were recorded in Cleveland?', { thread_ts: root }));
    await eventually(() => expect(posts()).toHaveLength(1));
    await eventually(async () => expect(await b.store.lastThreadAnswer('T1', 'C1', root)).not.toBeNull());
    const page = (await b.store.lastThreadAnswer('T1', 'C1', root))!.citations[0]!.page;
    await postEvent(b, mention('<@UBOT> which page?', { thread_ts: root }));
    await eventually(() => expect(posts()).toHaveLength(2));
    expect(posts()[1]!.body.thread_ts).toBe(root);
    expect(allText(posts()[1]!.body.blocks)).toContain(`p. ${page}`);
  });

  it('an event delivered to both replicas, and retried, is answered once', async () => {
    const { a, b, posts } = await start();
    const event = mention('<@UBOT> how good is the force at investigating crime?');
    await Promise.all([postEvent(a, event, { eventId: 'EvBoth' }), postEvent(b, event, { eventId: 'EvBoth' })]);
    await postEvent(b, event, { eventId: 'EvBoth', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await eventually(() => expect(posts()).toHaveLength(1));
    await pause(300);
    expect(posts()).toHaveLength(1);
  });
});

describe.runIf(Boolean(url))('a database that stops answering', () => {
  it('costs the user an apology with a reference and the log one line naming the database, never a stack', async () => {
    const lost = `peel_lost_${randomBytes(5).toString('hex')}`;
    a = await startHarness({ openedStore: await openPostgresStore(url!, { schema: lost }) });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA ${lost} CASCADE`); // every table gone, as if the database were lost
    await admin.end();
    await postEvent(a, mention('<@UBOT> what grade overall?'));
    await eventually(() => expect(a!.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1));
    expect(allText(a.calls[0]!.body)).toMatch(/Sorry, something went wrong.*peel-[0-9a-f]{8}/s);
    const failure = a.logs.find((l) => /app_mention failed/.test(l))!;
    expect(failure).toMatch(/\[peel-[0-9a-f]{8}\] app_mention failed: STORE_FAILED: Store: PostgreSQL at [^ ]+ \(schema peel_lost_\w+\): claimEvent failed: relation "seen_events" does not exist/);
    expect(failure.split('\n')).toHaveLength(1);
    expect(a.logs.join('\n')).not.toMatch(/^\s+at /m);
  });
});
