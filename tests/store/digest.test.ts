import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/sqlite.js';

const path = () => join(mkdtempSync(join(tmpdir(), 'peel-digest-store-')), 'peel.sqlite');

describe('digest store', () => {
  it('one claim per channel and date, even from two connections on one file (the app and the CLI)', async () => {
    const file = path();
    const app = openStore(file);
    const cli = openStore(file);
    expect(await app.claimDelivery('C1', '2026-05-12', 'k1', 3)).toMatchObject({ state: 'claimed', attempts: 1 });
    expect(await cli.claimDelivery('C1', '2026-05-12', 'k1', 3)).toBeNull();
    expect(await cli.claimDelivery('C1', '2026-05-13', 'k2', 3)).toMatchObject({ state: 'claimed' });
    app.close();
    cli.close();
  });

  it('a failed delivery may be claimed again up to the limit; sent and uncertain never', async () => {
    const store = openStore(path());
    await store.claimDelivery('C1', 'd1', 'k', 3);
    await store.finishDelivery('C1', 'd1', { state: 'failed', error: 'internal_error' });
    expect(await store.claimDelivery('C1', 'd1', 'k', 3)).toMatchObject({ attempts: 2 });
    await store.finishDelivery('C1', 'd1', { state: 'failed', error: 'internal_error' });
    expect(await store.claimDelivery('C1', 'd1', 'k', 3)).toMatchObject({ attempts: 3 });
    await store.finishDelivery('C1', 'd1', { state: 'failed', error: 'internal_error' });
    expect(await store.claimDelivery('C1', 'd1', 'k', 3)).toBeNull();
    await store.claimDelivery('C1', 'd2', 'k', 3);
    await store.finishDelivery('C1', 'd2', { state: 'uncertain', error: 'HTTP 502' });
    expect(await store.claimDelivery('C1', 'd2', 'k', 3)).toBeNull();
    await store.claimDelivery('C1', 'd3', 'k2', 3);
    await store.finishDelivery('C1', 'd3', { state: 'sent', messageTs: '1.2' });
    expect(await store.claimDelivery('C1', 'd3', 'k2', 3)).toBeNull();
    expect(await store.lastSent('C1')).toMatchObject({ localDate: 'd3', messageTs: '1.2' });
    expect(await store.shownItemKeys('C1', 10)).toEqual(['k2', 'k']); // d3 then d2 (uncertain may have been shown)
    store.close();
  });

  it('subscribing again updates in place and clears a pause; unsubscribing keeps the history', async () => {
    let t = 1000;
    const store = openStore(path(), { now: () => t });
    expect((await store.subscribe({ teamId: 'T1', channelId: 'C1', time: '08:30', zone: 'UTC', userId: 'U1' })).created).toBe(true);
    await store.pauseSubscription('C1', 'not_in_channel');
    t = 5000;
    const again = await store.subscribe({ teamId: 'T1', channelId: 'C1', time: '08:30', zone: 'UTC', userId: 'U2' });
    expect(again.created).toBe(false);
    expect(again.subscription).toMatchObject({ subscribedBy: 'U2', subscribedAt: 1000, effectiveFrom: 1000, pausedReason: null });
    t = 9000;
    expect((await store.subscribe({ teamId: 'T1', channelId: 'C1', time: '09:00', zone: 'UTC', userId: 'U2' })).subscription.effectiveFrom).toBe(9000);
    await store.claimDelivery('C1', 'd1', 'k', 3);
    expect(await store.unsubscribe('C1')).toBe(true);
    expect(await store.unsubscribe('C1')).toBe(false);
    expect(await store.subscriptions()).toEqual([]);
    expect(await store.delivery('C1', 'd1')).not.toBeNull();
    store.close();
  });
});
