/**
 * The Slack test harness (tests/slack/harness.ts) for fault tests: the same real app on a random
 * port with nock at the Slack edge, but auth.test is answered before the App is constructed (Bolt
 * calls it from the constructor), each test's own interceptors are registered ahead of the
 * recorders, and the HTTP limits and Slack call timeout can be made short.
 */
import nock from 'nock';
import { BOT_USER, type Harness, type HarnessOptions, SLACK_API, startHarness } from '../slack/harness.js';

export type FaultHarness = Harness;
export type FaultOptions = Omit<HarnessOptions, 'record' | 'env'>;

/** Starts the app in HTTP mode on a free port with the test's Slack faults in place. */
export async function startFaultHarness(options: FaultOptions = {}): Promise<FaultHarness> {
  return startHarness({
    ...options,
    setup: () => {
      // Bolt calls auth.test from the App's constructor: answer it before anything else
      nock(SLACK_API).persist().post('/api/auth.test').reply(200, { ok: true, user_id: BOT_USER, bot_id: 'BBOT', team_id: 'T1' });
      options.setup?.();
    },
  });
}

/** The reference id in a text (a message to the user), or undefined. */
export function referenceIn(text: string): string | undefined {
  return text.match(/peel-[0-9a-f]{8}/)?.[0];
}
