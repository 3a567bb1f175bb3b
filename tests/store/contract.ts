/**
 * The store's contract: what every engine must do, run against SQLite (sqlite.contract.test.ts)
 * and PostgreSQL (postgres.contract.test.ts). Each test opens a fresh database through `fresh`;
 * `again` opens another connection (another process, in effect) on the same data, which is how
 * the exactly-once claims are raced here: the app and `npm run digest`, or two replicas.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/schema.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import type { StoreOptions } from '../../src/store/open.js';
import { sealingKey } from '../../src/store/sealed.js';
import type { PeelStore } from '../../src/store/store.js';

export interface Engine {
  /** a new, empty, migrated database, a way to open more connections on it, and all it holds as text */
  fresh(options?: StoreOptions): Promise<{ store: PeelStore; again(options?: StoreOptions): Promise<PeelStore>; raw(): Promise<string> }>;
}

const ANSWER: Answer = {
  question: 'what is the crime rate?',
  intent: 'metric',
  answered: true,
  text: 'Cleveland: 76.4 per 1,000 population',
  citations: [{ report: 'r', section: 'S', page: 5, quote: '76.4' }],
};

const MINUTE = 60_000;
/** the workspace most tests work in */
const T = 'T1';
const ch = (channelId: string, teamId = T) => ({ teamId, channelId });

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

export function storeContract(name: string, engine: Engine): void {
  describe(`${name} store contract`, () => {
    const opened: PeelStore[] = [];
    const fresh = async (options?: StoreOptions) => {
      const db = await engine.fresh(options);
      opened.push(db.store);
      return {
        store: db.store,
        again: async (o?: StoreOptions) => {
          const s = await db.again(o);
          opened.push(s);
          return s;
        },
        raw: db.raw,
      };
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    describe('schema', () => {
      it('migrates to the latest version, and opening again changes nothing', async () => {
        const { store, again } = await fresh();
        expect(await store.version()).toBe(MIGRATIONS.at(-1)!.version);
        await store.subscribe({ teamId: 'T1', channelId: 'C1', time: '08:30', zone: 'UTC', userId: 'U1' });
        const second = await again();
        expect(await second.version()).toBe(MIGRATIONS.at(-1)!.version);
        expect(await second.subscription(ch('C1'))).toMatchObject({ channelId: 'C1' });
        await expect(second.ping()).resolves.toBeUndefined();
        expect(second.where).not.toMatch(/password|:\/\/[^@/]*:[^@/]*@/);
      });
    });

    describe('seen events', () => {
      it('claims an event once, remembers it longer than Slack retries (~5 min), and forgets it after the expiry', async () => {
        const c = clock();
        const { store } = await fresh({ now: c.now });
        expect(await store.claimEvent(T, 'Ev1')).toBe(true);
        expect(await store.claimEvent(T, 'Ev1')).toBe(false);
        expect(await store.claimEvent(T, 'Ev2')).toBe(true);
        c.advance(6 * MINUTE);
        expect(await store.claimEvent(T, 'Ev1')).toBe(false);
        c.advance(53 * MINUTE); // 59 minutes: still remembered
        expect(await store.claimEvent(T, 'Ev1')).toBe(false);
        c.advance(2 * MINUTE); // past the hour: expired, whether or not it has been swept
        expect(await store.claimEvent(T, 'Ev1')).toBe(true);
        expect(await store.claimEvent(T, 'Ev1')).toBe(false);
        await store.sweep();
        expect(await store.claimEvent(T, 'Ev2')).toBe(true); // swept, so new again
      });

      it('16 concurrent claims of one event across 4 connections: exactly one wins', async () => {
        const { store, again } = await fresh();
        const stores = [store, await again(), await again(), await again()];
        const results = await Promise.all(Array.from({ length: 16 }, (_, i) => stores[i % 4]!.claimEvent(T, 'EvRace')));
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('answers behind buttons', () => {
      it('keeps an answer, finds it from another connection, and expires it', async () => {
        const c = clock();
        const { store, again } = await fresh({ now: c.now, answerTtlMs: 1000 });
        const id = await store.saveAnswer(T, 'command', ANSWER);
        expect(id).toMatch(/^[A-Za-z0-9_-]{8}$/);
        const other = await again({ now: c.now, answerTtlMs: 1000 });
        expect(await other.findAnswer(T, id)).toEqual({ id, surface: 'command', answer: ANSWER });
        c.advance(1001);
        expect(await other.findAnswer(T, id)).toBeNull();
        await store.sweep();
        expect(await store.findAnswer(T, id)).toBeNull();
        expect(await store.findAnswer(T, 'nope')).toBeNull();
      });
    });

    describe('thread context', () => {
      it('keeps the last answer per thread, shared by every connection, bounded to the most recent threads', async () => {
        const c = clock();
        const { store, again } = await fresh({ now: c.now, maxThreads: 2 });
        const other = await again({ now: c.now, maxThreads: 2 });
        await store.saveThreadAnswer(T, 'C1', '1.0', ANSWER);
        c.advance(1);
        await other.saveThreadAnswer(T, 'C1', '1.0', { ...ANSWER, question: 'second' });
        expect((await store.lastThreadAnswer(T, 'C1', '1.0'))?.question).toBe('second');
        c.advance(1);
        await store.saveThreadAnswer(T, 'C1', '2.0', ANSWER);
        c.advance(1);
        await store.saveThreadAnswer(T, 'C2', '1.0', ANSWER);
        expect(await other.lastThreadAnswer(T, 'C1', '1.0')).toBeNull();
        expect(await other.lastThreadAnswer(T, 'C1', '2.0')).toEqual(ANSWER);
        expect(await other.lastThreadAnswer(T, 'C2', '1.0')).toEqual(ANSWER);
      });
    });

    describe('questions and feedback', () => {
      it('counts questions by intent, lists unanswered ones, and keeps one vote per person and answer', async () => {
        const c = clock();
        const { store } = await fresh({ now: c.now });
        await store.recordQuestion(T, 'mention', ANSWER);
        await store.recordQuestion(T, 'dm', ANSWER);
        await store.recordQuestion(T, 'command', { question: 'who is the chief constable?', intent: 'none', answered: false });
        c.advance(1);
        await store.recordQuestion(T, 'dm', { question: 'who is the chief constable?', intent: 'none', answered: false });
        await store.recordQuestion(T, 'dm', { question: 'budget?', intent: 'none', answered: false });
        await store.recordFeedback(T, 'a1', 'U1', 'down', ANSWER);
        c.advance(1);
        await store.recordFeedback(T, 'a1', 'U1', 'up', ANSWER); // changed their mind
        c.advance(1);
        await store.recordFeedback(T, 'a1', 'U2', 'down', { question: 'other', intent: 'judgment' });
        const stats = await store.stats(T);
        expect(stats.byIntent).toEqual([
          { intent: 'none', asked: 3, unanswered: 3 },
          { intent: 'metric', asked: 2, unanswered: 0 },
        ]);
        expect(stats.unanswered).toEqual([
          { question: 'who is the chief constable?', times: 2, last: c.now() - 2 },
          { question: 'budget?', times: 1, last: c.now() - 2 },
        ]);
        expect(stats.feedback.up).toBe(1);
        expect(stats.feedback.down).toBe(1);
        expect(stats.feedback.recent).toEqual([
          { vote: 'down', question: 'other', intent: 'judgment', at: c.now() },
          { vote: 'up', question: ANSWER.question, intent: 'metric', at: c.now() - 1 },
        ]);
        expect((await store.stats(T, 1)).unanswered).toHaveLength(1);
      });
    });

    describe('digest subscriptions', () => {
      it('subscribing again updates in place and clears a pause; a new time moves effectiveFrom; unsubscribing keeps the history', async () => {
        const c = clock(1000);
        const { store, again } = await fresh({ now: c.now });
        const first = await store.subscribe({ teamId: 'T1', channelId: 'C1', time: '08:30', zone: 'UTC', userId: 'U1' });
        expect(first).toEqual({
          created: true,
          subscription: {
            teamId: 'T1', channelId: 'C1', time: '08:30', zone: 'UTC', subscribedBy: 'U1',
            subscribedAt: 1000, effectiveFrom: 1000, updatedAt: 1000, pausedReason: null, pausedAt: null,
          },
        });
        c.set(2000);
        await store.pauseSubscription(ch('C1'), 'not_in_channel');
        expect(await store.subscription(ch('C1'))).toMatchObject({ pausedReason: 'not_in_channel', pausedAt: 2000 });
        c.set(5000);
        const other = await again({ now: c.now });
        const same = await other.subscribe({ teamId: 'T1', channelId: 'C1', time: '08:30', zone: 'UTC', userId: 'U2' });
        expect(same.created).toBe(false);
        expect(same.subscription).toMatchObject({ subscribedBy: 'U2', subscribedAt: 1000, effectiveFrom: 1000, updatedAt: 5000, pausedReason: null, pausedAt: null });
        c.set(9000);
        expect((await store.subscribe({ teamId: 'T1', channelId: 'C1', time: '09:00', zone: 'UTC', userId: 'U2' })).subscription.effectiveFrom).toBe(9000);
        c.set(9500);
        expect((await store.subscribe({ teamId: 'T1', channelId: 'C1', time: '09:00', zone: 'Europe/London', userId: 'U2' })).subscription.effectiveFrom).toBe(9500);
        await store.subscribe({ teamId: 'T1', channelId: 'C0', time: '07:00', zone: 'UTC', userId: 'U3' });
        await store.subscribe({ teamId: 'T1', channelId: 'Ca', time: '07:00', zone: 'UTC', userId: 'U3' });
        expect((await other.subscriptions()).map((s) => s.channelId)).toEqual(['C0', 'C1', 'Ca']); // byte order, as SQLite sorts
        await store.claimDelivery(ch('C1'), 'd1', 'k', 3);
        expect(await store.unsubscribe(ch('C1'))).toBe(true);
        expect(await store.unsubscribe(ch('C1'))).toBe(false);
        expect(await store.subscription(ch('C1'))).toBeNull();
        expect(await store.delivery(ch('C1'), 'd1')).not.toBeNull();
      });
    });

    describe('workspaces', () => {
      it('keeps each workspace apart, though their channel ids, thread ts and event ids are the same', async () => {
        const { store } = await fresh();
        expect(await store.claimEvent('T1', 'Ev1')).toBe(true);
        expect(await store.claimEvent('T2', 'Ev1')).toBe(true);
        const id = await store.saveAnswer('T1', 'mention', ANSWER);
        expect(await store.findAnswer('T2', id)).toBeNull();
        expect(await store.findAnswer('T1', id)).not.toBeNull();
        await store.saveThreadAnswer('T1', 'C1', '1.0', ANSWER);
        expect(await store.lastThreadAnswer('T2', 'C1', '1.0')).toBeNull();
        await store.subscribe({ teamId: 'T1', channelId: 'C1', time: '08:30', zone: 'UTC', userId: 'U1' });
        await store.subscribe({ teamId: 'T2', channelId: 'C1', time: '09:00', zone: 'UTC', userId: 'U2' });
        expect((await store.subscriptions()).map((x) => `${x.teamId}/${x.channelId}/${x.time}`)).toEqual(['T1/C1/08:30', 'T2/C1/09:00']);
        expect(await store.claimDelivery(ch('C1', 'T1'), 'd1', 'k', 3)).not.toBeNull();
        expect(await store.claimDelivery(ch('C1', 'T2'), 'd1', 'k', 3)).not.toBeNull();
        expect(await store.unsubscribe(ch('C1', 'T2'))).toBe(true);
        expect(await store.subscription(ch('C1', 'T1'))).not.toBeNull();
      });

      it('gives stats per workspace and in all, and lists the workspaces', async () => {
        const { store } = await fresh();
        await store.recordQuestion('T1', 'dm', ANSWER);
        await store.recordQuestion('T2', 'dm', { question: 'budget?', intent: 'none', answered: false });
        await store.recordFeedback('T2', 'a9', 'U1', 'down', ANSWER);
        expect(await store.workspaces()).toEqual(['T1', 'T2']);
        expect((await store.stats('T1')).byIntent).toEqual([{ intent: 'metric', asked: 1, unanswered: 0 }]);
        expect((await store.stats('T2')).feedback).toMatchObject({ up: 0, down: 1 });
        expect((await store.stats('T1')).feedback).toMatchObject({ up: 0, down: 0, recent: [] });
        expect((await store.stats(null)).byIntent).toEqual([
          { intent: 'metric', asked: 1, unanswered: 0 },
          { intent: 'none', asked: 1, unanswered: 1 },
        ]);
      });

      it('pauses every active subscription of one workspace, and no other', async () => {
        const c = clock(1000);
        const { store } = await fresh({ now: c.now });
        for (const [teamId, channelId] of [['T1', 'C1'], ['T1', 'C2'], ['T2', 'C1']] as const) {
          await store.subscribe({ teamId, channelId, time: '08:30', zone: 'UTC', userId: 'U1' });
        }
        await store.pauseSubscription(ch('C2', 'T1'), 'not_in_channel');
        expect(await store.pauseWorkspace('T1', 'app_uninstalled')).toBe(1);
        expect(await store.subscription(ch('C1', 'T1'))).toMatchObject({ pausedReason: 'app_uninstalled', pausedAt: 1000 });
        expect(await store.subscription(ch('C2', 'T1'))).toMatchObject({ pausedReason: 'not_in_channel' });
        expect(await store.subscription(ch('C1', 'T2'))).toMatchObject({ pausedReason: null });
      });

      it('hands rows kept before workspaces to the workspace that adopts them', async () => {
        const { store } = await fresh();
        const id = await store.saveAnswer('', 'command', ANSWER);
        await store.saveThreadAnswer('', 'C1', '1.0', ANSWER);
        await store.claimEvent('', 'EvOld');
        await store.recordQuestion('', 'dm', ANSWER);
        await store.adoptWorkspace('T9');
        await store.adoptWorkspace('T9'); // idempotent
        expect(await store.findAnswer('T9', id)).toEqual({ id, surface: 'command', answer: ANSWER });
        expect(await store.lastThreadAnswer('T9', 'C1', '1.0')).toEqual(ANSWER);
        expect(await store.claimEvent('T9', 'EvOld')).toBe(false);
        expect(await store.workspaces()).toEqual(['T9']);
      });
    });

    describe('installations', () => {
      const KEY = sealingKey('11'.repeat(32));
      const OTHER = sealingKey('22'.repeat(32));
      const install = (team: string, token: string) => ({ team: { id: team }, enterprise: undefined, isEnterpriseInstall: false, bot: { token, userId: 'UBOT', id: 'B1', scopes: ['chat:write'] } });
      const T1 = { teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false };
      const T2 = { teamId: 'T2', enterpriseId: 'E1', isEnterpriseInstall: false };
      const E1 = { teamId: null, enterpriseId: 'E1', isEnterpriseInstall: true };

      it('keeps one installation per workspace, or per enterprise when installed org-wide, sealed: no token in the database', async () => {
        const { store, raw } = await fresh({ sealingKey: KEY });
        await store.saveInstallation(T1, install('T1', 'xoxb-first-workspace-token'));
        await store.saveInstallation(T2, install('T2', 'xoxb-second-workspace-token'));
        await store.saveInstallation(E1, { ...install('', 'xoxb-org-wide-token'), isEnterpriseInstall: true });
        expect(await store.findInstallation(T1)).toMatchObject({ bot: { token: 'xoxb-first-workspace-token' } });
        expect(await store.findInstallation(T2)).toMatchObject({ bot: { token: 'xoxb-second-workspace-token' } });
        expect(await store.findInstallation(E1)).toMatchObject({ bot: { token: 'xoxb-org-wide-token' } });
        // a reinstall replaces the token
        await store.saveInstallation(T1, install('T1', 'xoxb-first-workspace-token-2'));
        expect(await store.findInstallation(T1)).toMatchObject({ bot: { token: 'xoxb-first-workspace-token-2' } });
        expect(await store.installationKeys()).toEqual([{ keyId: KEY.id, count: 3 }]);
        const text = await raw();
        expect(text).toContain(KEY.id);
        expect(text).not.toMatch(/xoxb-|xoxp-|workspace-token/);
        expect(await store.deleteInstallation(T1)).toBe(true);
        expect(await store.deleteInstallation(T1)).toBe(false);
        expect(await store.findInstallation(T1)).toBeNull();
        expect(await store.findInstallation(T2)).not.toBeNull();
      });

      it('names the key when stored installations were sealed with another one, and refuses without a key', async () => {
        const { store, again } = await fresh({ sealingKey: KEY });
        await store.saveInstallation(T1, install('T1', 'xoxb-sealed-with-key-one'));
        const wrong = await again({ sealingKey: OTHER });
        await expect(wrong.findInstallation(T1)).rejects.toThrow(`Store: installation T:T1 was sealed with key ${KEY.id}, but TOKEN_ENCRYPTION_KEY is key ${OTHER.id}`);
        const keyless = await again();
        await expect(keyless.saveInstallation(T2, install('T2', 'xoxb-x'))).rejects.toThrow('Store: installations need TOKEN_ENCRYPTION_KEY');
      });
    });

    describe('digest deliveries', () => {
      it('a failed delivery may be claimed again up to the limit; sent and uncertain never; history is newest first', async () => {
        const c = clock(1000);
        const { store } = await fresh({ now: c.now });
        expect(await store.claimDelivery(ch('C1'), 'd1', 'k', 3)).toEqual({
          teamId: T, channelId: 'C1', localDate: 'd1', state: 'claimed', itemKey: 'k', messageTs: null,
          attempts: 1, lastError: null, claimedAt: 1000, updatedAt: 1000,
        });
        c.set(2000);
        await store.finishDelivery(ch('C1'), 'd1', { state: 'failed', error: 'internal_error' });
        expect(await store.delivery(ch('C1'), 'd1')).toMatchObject({ state: 'failed', lastError: 'internal_error', updatedAt: 2000 });
        expect(await store.claimDelivery(ch('C1'), 'd1', 'k', 3)).toMatchObject({ attempts: 2, state: 'claimed' });
        await store.finishDelivery(ch('C1'), 'd1', { state: 'failed', error: 'internal_error' });
        expect(await store.claimDelivery(ch('C1'), 'd1', 'k', 3)).toMatchObject({ attempts: 3 });
        await store.finishDelivery(ch('C1'), 'd1', { state: 'failed', error: 'internal_error' });
        expect(await store.claimDelivery(ch('C1'), 'd1', 'k', 3)).toBeNull();
        await store.claimDelivery(ch('C1'), 'd2', 'k', 3);
        await store.finishDelivery(ch('C1'), 'd2', { state: 'uncertain', error: 'HTTP 502' });
        expect(await store.claimDelivery(ch('C1'), 'd2', 'k', 3)).toBeNull();
        await store.claimDelivery(ch('C1'), 'd3', 'k2', 3);
        await store.finishDelivery(ch('C1'), 'd3', { state: 'sent', messageTs: '1.2' });
        // finishing twice changes nothing: only a claimed row is finished
        await store.finishDelivery(ch('C1'), 'd3', { state: 'failed', error: 'late' });
        expect(await store.claimDelivery(ch('C1'), 'd3', 'k2', 3)).toBeNull();
        expect(await store.lastSent(ch('C1'))).toMatchObject({ localDate: 'd3', messageTs: '1.2', state: 'sent', lastError: null });
        expect(await store.lastSent(ch('C2'))).toBeNull();
        expect(await store.shownItemKeys(ch('C1'), 10)).toEqual(['k2', 'k']); // d3, then d2 (uncertain may have been shown); d1 failed
        expect(await store.shownItemKeys(ch('C1'), 1)).toEqual(['k2']);
        expect(await store.delivery(ch('C9'), 'd1')).toBeNull();
      });

      it('8 concurrent claims of one channel-day across 4 connections: exactly one', async () => {
        const { store, again } = await fresh();
        const stores = [store, await again(), await again(), await again()];
        const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => stores[i % 4]!.claimDelivery(ch('C1'), '2026-05-12', 'k1', 3)));
        expect(claims.filter((d) => d !== null)).toHaveLength(1);
        expect(await store.delivery(ch('C1'), '2026-05-12')).toMatchObject({ state: 'claimed', attempts: 1 });
      });

      it('a failed delivery retried by 8 racers: one claim; with the attempts used up: none', async () => {
        const { store, again } = await fresh();
        const stores = [store, await again(), await again(), await again()];
        await store.claimDelivery(ch('C1'), 'd1', 'k', 2);
        await store.finishDelivery(ch('C1'), 'd1', { state: 'failed', error: 'ratelimited' });
        const retries = await Promise.all(Array.from({ length: 8 }, (_, i) => stores[i % 4]!.claimDelivery(ch('C1'), 'd1', 'k', 2)));
        expect(retries.filter((d) => d !== null)).toHaveLength(1);
        expect(await store.delivery(ch('C1'), 'd1')).toMatchObject({ state: 'claimed', attempts: 2 });
        await store.finishDelivery(ch('C1'), 'd1', { state: 'failed', error: 'ratelimited' });
        const spent = await Promise.all(Array.from({ length: 8 }, (_, i) => stores[i % 4]!.claimDelivery(ch('C1'), 'd1', 'k', 2)));
        expect(spent.filter((d) => d !== null)).toHaveLength(0);
      });
    });
  });
}
