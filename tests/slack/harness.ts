/**
 * A real peel-bot app on a random local port, driven by signed HTTP requests, with every Slack
 * Web API and response_url call caught by nock. Only the process edge is faked: the answers come
 * from the real report through the real loadKnowledge/answerQuestion.
 */
import type { AnswererState } from '../../src/slack/routes.js';
import { createHmac } from 'node:crypto';
import { resolve } from 'node:path';
import nock from 'nock';
import { loadKnowledge, type Knowledge } from '../../src/library/knowledge.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createPeelApp, type HttpLimits, type PeelApp } from '../../src/slack/app.js';
import { createLogger } from '../../src/logger.js';
import type { StoreOptions } from '../../src/store/open.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { PeelStore } from '../../src/store/store.js';

export const SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-bot-token';
export const BOT_USER = 'UBOT';
export const SLACK_API = 'https://slack.com';
export const HOOKS = 'https://hooks.slack.com';
export const ROOT = resolve(import.meta.dirname, '../..');

let knowledge: Knowledge | null = null;
/** The real knowledge base, loaded once for all tests (it is read-only). */
export function realKnowledge(): Knowledge {
  knowledge ??= loadKnowledge({ corpusDir: resolve(ROOT, 'corpus'), intentsDir: resolve(ROOT, 'intents') });
  return knowledge;
}

export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
}

export interface Harness {
  peel: PeelApp;
  store: PeelStore;
  config: Config;
  url: string;
  logs: string[];
  /** every log line with its level */
  entries: { level: string; line: string }[];
  /** Web API calls seen, in order (method name and parsed body, blocks parsed from JSON) */
  calls: SlackCall[];
  /** bodies posted to response_url */
  responses: Record<string, unknown>[];
  close(): Promise<void>;
}

function parseWebApiBody(raw: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> =
    typeof raw === 'string' ? Object.fromEntries(new URLSearchParams(raw)) : { ...(raw as Record<string, unknown>) };
  for (const key of ['blocks', 'view']) {
    if (typeof fields[key] === 'string') fields[key] = JSON.parse(fields[key] as string);
  }
  return fields;
}

/** Registers a persistent recorder for every Web API method (after any interceptors a test set up first). */
export function recordWebApi(calls: SlackCall[]): void {
  nock(SLACK_API)
    .persist()
    .post(/^\/api\/[\w.]+$/)
    .reply(function (uri, body) {
      const method = uri.replace('/api/', '');
      if (method === 'auth.test') return [200, { ok: true, user_id: BOT_USER, bot_id: 'BBOT', team_id: 'T1' }];
      calls.push({ method, body: parseWebApiBody(body) });
      return [200, { ok: true, channel: 'C1', ts: `${Date.now() / 1000}` }];
    });
}

export interface HarnessOptions {
  /** false: no catch-all recorder of Web API calls (the test registers its own) */
  record?: boolean;
  store?: StoreOptions;
  env?: Record<string, string>;
  /** registers the test's own interceptors before the recorders, so they are matched first */
  setup?: () => void;
  /** a database file instead of :memory: */
  databasePath?: string;
  /** a store the test opened (another engine, or one shared with a second harness); closed with the harness */
  openedStore?: PeelStore;
  httpLimits?: Partial<HttpLimits>;
  slackCallTimeoutMs?: number;
  drainTimeoutMs?: number;
  /** where main's warm-up of the answerer is; absent, ready */
  answers?: () => AnswererState;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/** Starts the app in HTTP mode on a free port. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  options.setup?.();
  const calls: SlackCall[] = [];
  const responses: Record<string, unknown>[] = [];
  if (options.record !== false) recordWebApi(calls);
  // start() checks the token with auth.test before it binds a port (a test's own interceptor, set up first, wins)
  else nock(SLACK_API).persist().post('/api/auth.test').reply(200, { ok: true, user_id: BOT_USER, bot_id: 'BBOT', team_id: 'T1' });
  nock(HOOKS)
    .persist()
    .post(/.*/)
    .reply(function (_uri, body) {
      responses.push(body as Record<string, unknown>);
      return [200, 'ok'];
    });
  const level = options.logLevel ?? 'debug';
  const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: '0', LOG_LEVEL: level, ...options.env }, ROOT);
  const logs: string[] = [];
  const entries: Harness['entries'] = [];
  const logger = createLogger({
    level,
    secrets: [BOT_TOKEN, SECRET],
    sink: (l, line) => {
      logs.push(line);
      entries.push({ level: l, line });
    },
  });
  const store = options.openedStore ?? openSqliteStore(options.databasePath ?? ':memory:', options.store);
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
    ...(options.answers ? { answers: options.answers } : {}),
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
      // listeners keep working after the ack (saving thread context, …): let them finish
      await pause(100);
      await peel.stop();
      await store.close();
      nock.cleanAll();
    },
  };
}

/** The v0 signature Slack sends: hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function sign(body: string, timestamp: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  timestamp?: number;
  secret?: string;
  signature?: string | null;
  headers?: Record<string, string>;
}

/** POSTs a body to /slack/events signed like Slack does (or not, as the options say). */
export async function postSigned(h: Harness, body: string, contentType: string, options: PostOptions = {}): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    ...options.headers,
  };
  const signature = options.signature === undefined ? sign(body, timestamp, options.secret) : options.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  const res = await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

let eventCounter = 0;
/** An Events API envelope around `event`. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${Date.now()}${eventCounter++}`): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: 'T1', user_id: BOT_USER, is_bot: true }],
  });
}

export async function postEvent(h: Harness, event: Record<string, unknown>, options: PostOptions & { eventId?: string } = {}) {
  return postSigned(h, eventEnvelope(event, options.eventId), 'application/json', options);
}

/** A slash command as Slack posts it (form-encoded). */
export async function postCommand(h: Harness, text: string, options: PostOptions = {}) {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'test',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: 'U1',
    user_name: 'analyst',
    command: h.config.peelCommand,
    text,
    api_app_id: 'A1',
    response_url: `${HOOKS}/commands/T1/1/abc`,
    trigger_id: '1.2.3',
  }).toString();
  return postSigned(h, body, 'application/x-www-form-urlencoded', options);
}

/** A block_actions payload for a button click. */
export async function postButton(
  h: Harness,
  actionId: string,
  value: string,
  extra: { ephemeral?: boolean; message?: Record<string, unknown> } = {},
) {
  const payload = {
    type: 'block_actions',
    user: { id: 'U1', username: 'analyst', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    team: { id: 'T1', domain: 'test' },
    container: { type: 'message', message_ts: '1.1', channel_id: 'C1', is_ephemeral: extra.ephemeral ?? true },
    channel: { id: 'C1', name: 'general' },
    trigger_id: '9.8.7',
    response_url: `${HOOKS}/actions/T1/1/xyz`,
    ...(extra.message ? { message: extra.message } : {}),
    actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1.2' }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(h, body, 'application/x-www-form-urlencoded', {});
}

/** Waits until `check` stops throwing (the listener runs after the HTTP ack). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 4000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every mrkdwn/plain text in a payload, joined, for "the answer contains …" assertions. */
export function allText(node: unknown): string {
  if (Array.isArray(node)) return node.map(allText).join('\n');
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    return Object.entries(o)
      .map(([k, v]) => (k === 'text' && typeof v === 'string' ? v : allText(v)))
      .join('\n');
  }
  return '';
}
