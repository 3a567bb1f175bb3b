/**
 * The Slack test harness (tests/slack/harness.ts) for fault tests: the same real app on a random
 * port with nock at the Slack edge, but auth.test is answered before the App is constructed (Bolt
 * calls it from the constructor), each test's own interceptors are registered ahead of the
 * recorders, and the HTTP limits and Slack call timeout can be made short.
 */
import nock from 'nock';
import { loadConfig } from '../../src/config.js';
import { createPeelApp, type HttpLimits } from '../../src/slack/app.js';
import { createLogger } from '../../src/slack/logger.js';
import { openStore, type StoreOptions } from '../../src/store/sqlite.js';
import { BOT_TOKEN, BOT_USER, type Harness, HOOKS, pause, realKnowledge, recordWebApi, ROOT, SECRET, SLACK_API } from '../slack/harness.js';

export interface FaultHarness extends Harness {
  /** every log line with its level */
  entries: { level: string; line: string }[];
}

export interface FaultOptions {
  /** registers this test's interceptors; they are matched before the recorders */
  setup?: () => void;
  store?: StoreOptions;
  /** a database file instead of :memory: */
  databasePath?: string;
  httpLimits?: Partial<HttpLimits>;
  slackCallTimeoutMs?: number;
  drainTimeoutMs?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/** Starts the app in HTTP mode on a free port with the test's Slack faults in place. */
export async function startFaultHarness(options: FaultOptions = {}): Promise<FaultHarness> {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  nock(SLACK_API).persist().post('/api/auth.test').reply(200, { ok: true, user_id: BOT_USER, bot_id: 'BBOT', team_id: 'T1' });
  options.setup?.();
  const calls: Harness['calls'] = [];
  const responses: Harness['responses'] = [];
  recordWebApi(calls);
  nock(HOOKS)
    .persist()
    .post(/.*/)
    .reply(function (_uri, body) {
      responses.push(body as Record<string, unknown>);
      return [200, 'ok'];
    });
  const level = options.logLevel ?? 'debug';
  const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: '0', LOG_LEVEL: level }, ROOT);
  const logs: string[] = [];
  const entries: FaultHarness['entries'] = [];
  const logger = createLogger({
    level,
    secrets: [BOT_TOKEN, SECRET],
    sink: (l, line) => {
      logs.push(line);
      entries.push({ level: l, line });
    },
  });
  const store = openStore(options.databasePath ?? ':memory:', options.store);
  const peel = createPeelApp({
    config,
    kb: realKnowledge(),
    store,
    logger,
    // short: with retries 0 a 429's wait is never followed by the call (SLACK-NOTES was wrong there)
    retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 10 },
    ...(options.httpLimits ? { httpLimits: options.httpLimits } : {}),
    ...(options.slackCallTimeoutMs ? { slackCallTimeoutMs: options.slackCallTimeoutMs } : {}),
    ...(options.drainTimeoutMs ? { drainTimeoutMs: options.drainTimeoutMs } : {}),
  });
  const { port } = await peel.start();
  return {
    peel,
    store,
    config,
    url: `http://127.0.0.1:${port}`,
    logs,
    entries,
    calls,
    responses,
    async close() {
      await pause(100);
      await peel.stop();
      store.close();
      nock.cleanAll();
    },
  };
}

/** The reference id in a text (a message to the user), or undefined. */
export function referenceIn(text: string): string | undefined {
  return text.match(/peel-[0-9a-f]{8}/)?.[0];
}
