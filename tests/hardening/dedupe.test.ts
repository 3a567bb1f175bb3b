/**
 * Event dedupe: Slack retries an event it thinks we missed and can deliver one twice; Bolt does
 * not deduplicate. The store's seen_events (keyed on the envelope's event_id) must hold under
 * concurrent duplicates and retries, across a restart on the same database file, and must not
 * grow for ever: the minute tick sweeps expired ids, and the expiry outlasts Slack's retry window.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { eventually, pause, postEvent } from '../slack/harness.js';
import { type FaultHarness, startFaultHarness } from './harness.js';

let h: FaultHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MENTION = { type: 'app_mention', user: 'U1', text: '<@UBOT> what grade overall?', ts: '1700000000.000100', channel: 'C1' };
const DM = { type: 'message', channel_type: 'im', user: 'U1', text: 'what grade overall?', ts: '1700000001.000200', channel: 'D1' };
const posts = (hh: FaultHarness) => hh.calls.filter((c) => c.method === 'chat.postMessage');
const retry = (n: number) => ({ 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' });

function seenRows(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM seen_events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('event dedupe', () => {
  it('answers once when the same event arrives five times at once, retries included', async () => {
    h = await startFaultHarness();
    const hh = h;
    const statuses = await Promise.all([
      postEvent(hh, MENTION, { eventId: 'EvBurst' }),
      postEvent(hh, MENTION, { eventId: 'EvBurst' }),
      postEvent(hh, MENTION, { eventId: 'EvBurst', headers: retry(1) }),
      postEvent(hh, MENTION, { eventId: 'EvBurst', headers: retry(2) }),
      postEvent(hh, MENTION, { eventId: 'EvBurst', headers: retry(3) }),
    ]);
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]); // acked, so Slack stops retrying
    await eventually(() => expect(posts(hh)).toHaveLength(1));
    await pause(300);
    expect(posts(hh)).toHaveLength(1);
    expect(hh.logs.filter((l) => /already answered/.test(l))).toHaveLength(4);
  });

  it('DMs too, and a different event with the same text is still answered', async () => {
    h = await startFaultHarness();
    await postEvent(h, DM, { eventId: 'EvDm1' });
    await postEvent(h, DM, { eventId: 'EvDm1', headers: retry(1) });
    await postEvent(h, DM, { eventId: 'EvDm2' });
    await eventually(() => expect(posts(h!)).toHaveLength(2));
    await pause(300);
    expect(posts(h)).toHaveLength(2);
  });

  it('holds across a restart: a retry reaching the new process on the same database is not answered again', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'peel-dedupe-')), 'peel.sqlite');
    h = await startFaultHarness({ databasePath: path });
    await postEvent(h, MENTION, { eventId: 'EvAcrossRestart' });
    await eventually(() => expect(posts(h!)).toHaveLength(1));
    await h.close();
    h = await startFaultHarness({ databasePath: path });
    await postEvent(h, MENTION, { eventId: 'EvAcrossRestart', headers: retry(1) });
    await postEvent(h, MENTION, { eventId: 'EvNewAfterRestart' });
    await eventually(() => expect(posts(h!)).toHaveLength(1)); // only the new event
    await pause(300);
    expect(posts(h)).toHaveLength(1);
    expect(h.logs.join('\n')).toMatch(/EvAcrossRestart already answered \(retry 1\)/);
  });
});

describe('the seen-ids table', () => {
  const MINUTE = 60_000;
  // how long an id is kept (longer than Slack's retries) is in the store contract (tests/store/contract.ts)

  it('does not grow with traffic: the minute tick sweeps expired ids, and no event pays for it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'peel-prune-')), 'peel.sqlite');
    let now = 1_700_000_000_000;
    const store = openSqliteStore(path, { now: () => now, seenEventTtlMs: 10 * MINUTE });
    try {
      // a busy day: one event a second for two hours, and the sweep once a minute
      for (let i = 0; i < 7200; i++) {
        await store.claimEvent('T1', `Ev${i}`);
        now += 1000;
        if (now % MINUTE === 0) await store.sweep();
      }
      // only the last ten minutes' ids are kept, plus what came since the last sweep
      expect(seenRows(path)).toBeLessThanOrEqual(660);
      expect(seenRows(path)).toBeGreaterThanOrEqual(599);
      await store.sweep();
      expect(seenRows(path)).toBeLessThanOrEqual(601);
    } finally {
      await store.close();
    }
  });
});
