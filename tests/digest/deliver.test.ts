import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { digestWorld, type DigestWorld, postText, subscribe, tickEveryMinute } from './helpers.js';

let world: DigestWorld;
afterEach(() => world?.close());

/** The page a digest cites, from its citation line "… · p. N". */
const citedPage = (w: DigestWorld, i: number) => Number(/· p\. (\d+)/.exec(postText(w.posts[i]!))?.[1]);

describe('a subscription', () => {
  it('posts once when due, nothing more that day (later ticks, a restart), and the next item the next day', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    await subscribe(world, 'C1', '08:30', 'Europe/London');
    await tickEveryMinute(world, '2026-05-12T07:00:00Z', '2026-05-12T07:29:00Z'); // 08:29 BST
    expect(world.posts).toHaveLength(0);
    const due = await world.tick('2026-05-12T07:30:00Z');
    expect(due.results).toMatchObject([{ channelId: 'C1', localDate: '2026-05-12', outcome: 'sent' }]);
    expect(world.posts).toHaveLength(1);
    expect(world.posts[0]!.channel).toBe('C1');
    expect(citedPage(world, 0)).toBeGreaterThan(0);

    await tickEveryMinute(world, '2026-05-12T07:31:00Z', '2026-05-12T09:00:00Z');
    await world.restart();
    await tickEveryMinute(world, '2026-05-12T09:01:00Z', '2026-05-12T09:10:00Z');
    await world.tick('2026-05-12T22:59:00Z'); // 23:59 local, still the 12th
    expect(world.posts).toHaveLength(1);
    const first = await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-05-12');
    expect(first).toMatchObject({ state: 'sent', messageTs: '1700000000.000001', attempts: 1 });

    await world.tick('2026-05-13T07:30:00Z');
    expect(world.posts).toHaveLength(2);
    const second = await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-05-13');
    expect(second!.itemKey).not.toBe(first!.itemKey);
  });

  it('survives restarts: the subscription and its time are read back from the file', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    await subscribe(world, 'C1', '09:15', 'UTC');
    await world.restart();
    expect(await world.store.subscription({ teamId: 'T1', channelId: 'C1' })).toMatchObject({ time: '09:15', zone: 'UTC', pausedReason: null });
    await world.tick('2026-05-12T09:15:00Z');
    expect(world.posts).toHaveLength(1);
  });

  it('shows every item once before any repeats, in the same order each cycle', async () => {
    world = digestWorld('2026-01-01T00:00:00Z');
    await subscribe(world, 'C1', '08:30', 'UTC');
    const n = world.digest.items.length;
    let day = Date.parse('2026-01-01T08:30:00Z');
    for (let i = 0; i < 2 * n; i++, day += 86_400_000) await world.tick(day);
    const keys = await Promise.all(world.posts.map(async (_p, i) => (await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, new Date(Date.parse('2026-01-01') + i * 86_400_000).toISOString().slice(0, 10)))!.itemKey));
    expect(world.posts).toHaveLength(2 * n);
    expect(new Set(keys.slice(0, n)).size).toBe(n);
    expect(keys.slice(n)).toEqual(keys.slice(0, n));
  });
});

describe('Europe/London clock changes', () => {
  it.each([
    ['29 March 2026 (clocks go forward)', '2026-03-29', '2026-03-29T07:30:00Z'],
    ['25 October 2026 (clocks go back)', '2026-10-25', '2026-10-25T08:30:00Z'],
  ])('%s: posts at local 08:30, once', async (_name, date, expectedUtc) => {
    world = digestWorld(`${date}T00:00:00Z`);
    await subscribe(world, 'C1', '08:30', 'Europe/London');
    let postedAt: number | null = null;
    for (let t = Date.parse(`${date}T00:00:00Z`); t <= Date.parse(`${date}T20:00:00Z`); t += 60_000) {
      const before = world.posts.length;
      await world.tick(t);
      if (world.posts.length > before) postedAt ??= t;
    }
    expect(world.posts).toHaveLength(1);
    expect(new Date(postedAt!).toISOString()).toBe(new Date(expectedUtc).toISOString());
    expect(postText(world.posts[0]!)).toMatch(/PEEL digest · Sunday.* (29 March|25 October) 2026/);
  });

  it('a time skipped by the spring change (01:30) posts when the clock jumps past it; a repeated one (01:30 in October) posts the first time', async () => {
    world = digestWorld('2026-03-28T12:00:00Z');
    await subscribe(world, 'C1', '01:30', 'Europe/London');
    await tickEveryMinute(world, '2026-03-29T00:00:00Z', '2026-03-29T03:00:00Z');
    expect(world.posts).toHaveLength(1);
    expect((await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-03-29'))!.claimedAt).toBe(Date.parse('2026-03-29T01:00:00Z'));
    await tickEveryMinute(world, '2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z');
    expect(world.posts).toHaveLength(2);
    expect((await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-10-25'))!.claimedAt).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });
});

describe('failures', () => {
  it('a 429 is waited out (Retry-After) and the digest posted once', async () => {
    world = digestWorld('2026-05-12T08:00:00Z', { replies: [[429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '7' }]] });
    await subscribe(world, 'C1', '08:30', 'UTC');
    const report = await world.tick('2026-05-12T08:30:00Z');
    expect(world.slept).toEqual([7000]);
    expect(world.posts).toHaveLength(2); // the 429 and the post after the wait
    expect(report.results).toMatchObject([{ outcome: 'sent' }]);
    await tickEveryMinute(world, '2026-05-12T08:31:00Z', '2026-05-12T08:40:00Z');
    expect(world.posts).toHaveLength(2);
    expect(await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-05-12')).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('a 500 leaves the delivery uncertain: no second post that day, logged, and the next day posts', async () => {
    world = digestWorld('2026-05-12T08:00:00Z', { replies: [[500, 'oops']] });
    await subscribe(world, 'C1', '08:30', 'UTC');
    const report = await world.tick('2026-05-12T08:30:00Z');
    expect(report.results).toMatchObject([{ outcome: 'uncertain', error: 'HTTP 500' }]);
    await tickEveryMinute(world, '2026-05-12T08:31:00Z', '2026-05-12T14:30:00Z');
    await world.restart();
    await world.tick('2026-05-12T14:31:00Z');
    expect(world.posts).toHaveLength(1);
    expect(await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-05-12')).toMatchObject({ state: 'uncertain', lastError: 'HTTP 500' });
    expect(world.logs.join('\n')).toMatch(/ERROR .*digest: C1 for 2026-05-12: HTTP 500 after the request may have reached Slack/);
    await world.tick('2026-05-13T08:30:00Z');
    expect(world.posts).toHaveLength(2);
  });

  // nock's replyWithError does not reach fetch as a network error (it surfaces as a TypeError from
  // nock itself), so these two use real sockets on 127.0.0.1 through SLACK_API_URL
  it('a connection dropped after the request went out is uncertain too: never re-sent that day', async () => {
    let requests = 0;
    const server = createServer((req) => {
      requests++;
      req.socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      world = digestWorld('2026-05-12T08:00:00Z', { env: { SLACK_API_URL: `http://127.0.0.1:${port}/api/` } });
      await subscribe(world, 'C1', '08:30', 'UTC');
      const report = await world.tick('2026-05-12T08:30:00Z');
      expect(report.results).toMatchObject([{ outcome: 'uncertain' }]);
      await tickEveryMinute(world, '2026-05-12T08:31:00Z', '2026-05-12T08:40:00Z');
      expect(requests).toBe(1);
      expect((await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-05-12'))!.state).toBe('uncertain');
    } finally {
      server.close();
    }
  });

  it('a connection refused (the request never left) is a failed attempt, retried on later ticks up to 3', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r())); // nothing listens there now
    world = digestWorld('2026-05-12T08:00:00Z', { env: { SLACK_API_URL: `http://127.0.0.1:${port}/api/` } });
    await subscribe(world, 'C1', '08:30', 'UTC');
    const first = await world.tick('2026-05-12T08:30:00Z');
    expect(first.results).toMatchObject([{ outcome: 'failed' }]);
    expect(first.results[0]!.error).toContain('ECONNREFUSED');
    await tickEveryMinute(world, '2026-05-12T08:31:00Z', '2026-05-12T08:40:00Z');
    expect(await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-05-12')).toMatchObject({ state: 'failed', attempts: 3 });
  });

  it('not_in_channel pauses the subscription: no retry storm, status says why, "on" resumes it', async () => {
    world = digestWorld('2026-05-12T08:00:00Z', { replies: [[200, { ok: false, error: 'not_in_channel' }]] });
    await subscribe(world, 'C1', '08:30', 'UTC');
    const report = await world.tick('2026-05-12T08:30:00Z');
    expect(report.results).toMatchObject([{ outcome: 'paused', error: 'not_in_channel' }]);
    await tickEveryMinute(world, '2026-05-12T08:31:00Z', '2026-05-12T10:30:00Z');
    await world.tick('2026-05-13T08:30:00Z');
    expect(world.posts).toHaveLength(1);
    expect(await world.store.subscription({ teamId: 'T1', channelId: 'C1' })).toMatchObject({ pausedReason: 'not_in_channel' });
    const status = await world.digest.command({ teamId: 'T1', channelId: 'C1', userId: 'U1', args: ['status'] });
    expect(status.lines.join('\n')).toContain('*Paused* since');
    expect(status.lines.join('\n')).toContain('`not_in_channel`');
    // invited, someone turns it on again: today's digest (13th) is still owed within the window
    world.clock.now = Date.parse('2026-05-13T09:00:00Z');
    await subscribe(world, 'C1', '08:30', 'UTC');
    await world.tick('2026-05-13T09:01:00Z');
    expect(world.posts).toHaveLength(2);
  });

  it.each(['channel_not_found', 'is_archived', 'account_inactive', 'invalid_auth'])('%s pauses too', async (error) => {
    world = digestWorld('2026-05-12T08:00:00Z', { replies: [[200, { ok: false, error }]] });
    await subscribe(world, 'C1', '08:30', 'UTC');
    await tickEveryMinute(world, '2026-05-12T08:30:00Z', '2026-05-12T08:35:00Z');
    expect(world.posts).toHaveLength(1);
    expect((await world.store.subscription({ teamId: 'T1', channelId: 'C1' }))!.pausedReason).toBe(error);
  });

  it('other errors retry on later ticks, at most 3 attempts a day', async () => {
    const fail: [number, unknown] = [200, { ok: false, error: 'internal_error' }];
    world = digestWorld('2026-05-12T08:00:00Z', { replies: [fail, fail, fail, fail] });
    await subscribe(world, 'C1', '08:30', 'UTC');
    await tickEveryMinute(world, '2026-05-12T08:30:00Z', '2026-05-12T09:30:00Z');
    expect(world.posts).toHaveLength(3);
    expect(await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-05-12')).toMatchObject({ state: 'failed', attempts: 3, lastError: 'internal_error' });
    await world.tick('2026-05-13T08:30:00Z'); // the 4th scripted failure
    await world.tick('2026-05-13T08:31:00Z');
    expect(world.posts).toHaveLength(5);
    expect(await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-05-13')).toMatchObject({ state: 'sent', attempts: 2 });
  });
});

describe('catch-up after downtime', () => {
  it('posts a missed digest once when back the same day within DIGEST_CATCHUP_HOURS', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    await subscribe(world, 'C1', '08:30', 'UTC');
    // down from 08:00 to 14:00; back at 14:00, 5½ hours late (window 6)
    await tickEveryMinute(world, '2026-05-12T14:00:00Z', '2026-05-12T14:30:00Z');
    expect(world.posts).toHaveLength(1);
    expect((await world.store.delivery({ teamId: 'T1', channelId: 'C1' }, '2026-05-12'))!.claimedAt).toBe(Date.parse('2026-05-12T14:00:00Z'));
  });

  it('posts nothing beyond the window, nor for a past day, and is back on time the next day', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    await subscribe(world, 'C1', '08:30', 'UTC');
    const late = await world.tick('2026-05-12T14:31:00Z'); // 6 h 1 min late
    expect(late.missed).toEqual(['C1']);
    await tickEveryMinute(world, '2026-05-12T14:32:00Z', '2026-05-12T15:00:00Z');
    await world.tick('2026-05-13T00:10:00Z'); // the 12th's digest is never posted on the 13th
    expect(world.posts).toHaveLength(0);
    await world.tick('2026-05-13T08:30:00Z');
    expect(world.posts).toHaveLength(1);
  });

  it('honours a shorter DIGEST_CATCHUP_HOURS', async () => {
    world = digestWorld('2026-05-12T06:00:00Z', { env: { DIGEST_CATCHUP_HOURS: '1' } });
    await subscribe(world, 'C1', '08:30', 'UTC');
    await world.tick('2026-05-12T09:31:00Z');
    expect(world.posts).toHaveLength(0);
  });

  it('a channel subscribing after its time today gets its first digest tomorrow', async () => {
    world = digestWorld('2026-05-12T10:00:00Z');
    await subscribe(world, 'C1', '08:30', 'UTC');
    await tickEveryMinute(world, '2026-05-12T10:00:00Z', '2026-05-12T10:05:00Z');
    expect(world.posts).toHaveLength(0);
    await world.tick('2026-05-13T08:30:00Z');
    expect(world.posts).toHaveLength(1);
  });
});
