import { afterEach, describe, expect, it } from 'vitest';
import { parsePeelCommand } from '../../src/slack/command.js';
import { digestWorld, type DigestWorld, subscribe } from './helpers.js';

let world: DigestWorld;
afterEach(() => world?.close());

const run = (w: DigestWorld, text: string, channelId = 'C1') => {
  const parsed = parsePeelCommand(text);
  if (parsed.kind !== 'digest') throw new Error(`not a digest command: ${text}`);
  return w.digest.command({ teamId: 'T1', channelId, userId: 'U1', args: parsed.args });
};

describe('/peel digest', () => {
  it('on with defaults from config (08:30 Europe/London), with the next digest and an announcement', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    const r = await run(world, 'digest on');
    expect(r.lines.join('\n')).toContain('*Daily digest on:* every day at 08:30 (Europe/London)');
    expect(r.lines.join('\n')).toContain('Next digest: Tue, 12 May 2026, 08:30 (Europe/London)');
    expect(r.announce!.text).toContain('<@U1> turned on the daily PEEL digest here');
    expect(r.announce!.text).toContain('08:30 (Europe/London)');
  });

  it('takes DIGEST_TIME and DIGEST_TZ as the defaults', async () => {
    world = digestWorld('2026-05-12T06:00:00Z', { env: { DIGEST_TIME: '7:05', DIGEST_TZ: 'europe/dublin' } });
    await run(world, 'digest on');
    expect(await world.store.subscription({ teamId: 'T1', channelId: 'C1' })).toMatchObject({ time: '07:05', zone: 'Europe/Dublin' });
  });

  it.each([
    ['digest on 25:99', '`25:99` is not a time I can use: write HH:MM on a 24-hour clock, e.g. 08:30.'],
    ['digest on 08:30 Mars/Olympus', '`Mars/Olympus` is not a time zone I know: write an IANA time zone such as Europe/London'],
    ['digest on Mars/Olympus', '`Mars/Olympus` is not a time zone I know'],
    ['digest on 8h30', '`8h30` is not a time I can use'],
    ['digest on 08:30 <!channel>', '`&lt;!channel&gt;` is not a time zone I know'],
  ])('%s is refused, naming the value and the accepted form; nothing is stored', async (text, expected) => {
    world = digestWorld('2026-05-12T06:00:00Z');
    const r = await run(world, text);
    expect(r.lines.join('\n')).toContain(expected);
    expect(r.lines.join('\n')).toContain('Nothing changed');
    expect(r.announce).toBeUndefined();
    expect(await world.store.subscription({ teamId: 'T1', channelId: 'C1' })).toBeNull();
  });

  it('subscribing again updates the one subscription; the same settings again announce nothing', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    await run(world, 'digest on 08:30 UTC');
    const update = await run(world, 'digest on 17:45 europe/paris');
    expect(update.lines[0]).toContain('*Daily digest updated:* every day at 17:45 (Europe/Paris)');
    expect(update.announce).toBeDefined();
    const same = await run(world, 'digest on 17:45 Europe/Paris');
    expect(same.announce).toBeUndefined();
    expect(await world.store.subscriptions()).toHaveLength(1);
    expect(await world.store.subscription({ teamId: 'T1', channelId: 'C1' })).toMatchObject({ time: '17:45', zone: 'Europe/Paris' });
  });

  it('status: time, zone, next digest, last delivered; off stops it', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    expect((await run(world, 'digest status')).lines[0]).toBe('*Daily digest:* off in this channel.');
    await subscribe(world, 'C1', '08:30', 'UTC');
    let status = (await run(world, 'digest status')).lines.join('\n');
    expect(status).toContain('on, every day at 08:30 (UTC)');
    expect(status).toContain('Next digest: Tue, 12 May 2026, 08:30 (UTC)');
    expect(status).toContain('Last delivered: none yet.');
    await world.tick('2026-05-12T08:30:00Z');
    status = (await run(world, 'digest status')).lines.join('\n');
    expect(status).toContain('Next digest: Wed, 13 May 2026, 08:30 (UTC)');
    expect(status).toContain('Last delivered: Tue, 12 May 2026, 08:30 (UTC)');
    expect((await run(world, 'digest off')).lines[0]).toContain('off in this channel');
    expect(await world.store.subscription({ teamId: 'T1', channelId: 'C1' })).toBeNull();
    await world.tick('2026-05-13T08:30:00Z');
    expect(world.posts).toHaveLength(1);
  });

  it('unknown words get the usage', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    const r = await run(world, 'digest weekly');
    expect(r.lines[0]).toBe('I do not know `digest weekly`.');
    expect(r.lines.join('\n')).toContain('`/peel digest on [HH:MM] [time zone]`');
  });
});
