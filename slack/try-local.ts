/**
 * Try peel-bot without a Slack workspace: a fake Slack Web API that prints what the bot posts,
 * and a sender of signed requests (events, /peel, buttons) like Slack's.
 *
 *   npx tsx slack/try-local.ts fake-api [port]            # terminal 1 (default port 9999)
 *   npm start                                              # terminal 2, with SLACK_API_URL=http://127.0.0.1:9999/api/
 *   npx tsx slack/try-local.ts command "judgment"          # terminal 3: /peel judgment
 *   npx tsx slack/try-local.ts mention "what grade overall?"
 *   npx tsx slack/try-local.ts dm "how many crimes per 1,000 people?"
 *
 * The sender signs with SLACK_SIGNING_SECRET and posts to http://127.0.0.1:$PORT/slack/events,
 * reading both from .env like the bot does. Replies to /peel go to the fake API's /response/ path.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readEnvironment } from '../src/config.js';

export interface FakeCall {
  path: string;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  server: Server;
  port: number;
  /** Web API base URL to put in SLACK_API_URL */
  apiUrl: string;
  /** where /peel replies go (response_url) */
  responseUrl: string;
  calls: FakeCall[];
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = contentType?.includes('application/json')
    ? (JSON.parse(raw || '{}') as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'view']) if (typeof body[key] === 'string') body[key] = JSON.parse(body[key] as string);
  return body;
}

/** Starts a fake Web API (auth.test, chat.postMessage, views.*) and response_url sink on 127.0.0.1. */
export async function startFakeSlack(
  options: {
    port?: number;
    onCall?: (call: FakeCall) => void;
    /** how long to hold chat.postMessage before answering (the call counts as made when it arrives) */
    holdPostMs?: () => number;
  } = {},
): Promise<FakeSlack> {
  const calls: FakeCall[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '/';
      const call = { path, body: parseBody(raw, req.headers['content-type']) };
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (path === '/api/auth.test') return reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'local', user: 'peel-bot' });
      calls.push(call);
      options.onCall?.(call);
      if (path.startsWith('/response/')) return reply(200, { ok: true });
      if (path === '/api/chat.postMessage') {
        const answer = () => reply(200, { ok: true, channel: call.body.channel, ts: `${(Date.now() / 1000).toFixed(6)}` });
        const hold = options.holdPostMs?.() ?? 0;
        if (hold > 0) setTimeout(answer, hold);
        else answer();
        return;
      }
      if (path.startsWith('/api/')) return reply(200, { ok: true });
      return reply(404, { ok: false, error: 'unknown_method' });
    });
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: `http://127.0.0.1:${port}/response/T1/1/local`,
    calls,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Slack's v0 signature of a request body. */
export function signSlackRequest(body: string, timestamp: number, secret: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export type LocalRequest =
  | { kind: 'command'; text: string; command?: string; responseUrl: string }
  | { kind: 'mention'; text: string; threadTs?: string }
  | { kind: 'dm'; text: string }
  | { kind: 'button'; actionId: string; value: string; responseUrl: string };

/** The body and content type Slack would send for `request`. */
export function slackRequestBody(request: LocalRequest): { body: string; contentType: string } {
  const now = Date.now() / 1000;
  const envelope = (event: Record<string, unknown>) => ({
    body: JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: `EvLocal${Math.round(now * 1000)}`,
      event_time: Math.floor(now),
      event,
    }),
    contentType: 'application/json',
  });
  switch (request.kind) {
    case 'command':
      return {
        body: new URLSearchParams({
          team_id: 'T1',
          channel_id: 'C1',
          user_id: 'U1',
          command: request.command ?? '/peel',
          text: request.text,
          response_url: request.responseUrl,
          trigger_id: '1.2.3',
        }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'mention':
      return envelope({ type: 'app_mention', user: 'U1', text: `<@UBOT> ${request.text}`, ts: now.toFixed(6), channel: 'C1', ...(request.threadTs ? { thread_ts: request.threadTs } : {}) });
    case 'dm':
      return envelope({ type: 'message', channel_type: 'im', user: 'U1', text: request.text, ts: now.toFixed(6), channel: 'D1' });
    case 'button':
      return {
        body: new URLSearchParams({
          payload: JSON.stringify({
            type: 'block_actions',
            user: { id: 'U1' },
            team: { id: 'T1' },
            api_app_id: 'A1',
            container: { type: 'message', channel_id: 'C1', is_ephemeral: true, message_ts: '1.1' },
            channel: { id: 'C1' },
            trigger_id: '9.8.7',
            response_url: request.responseUrl,
            actions: [{ type: 'button', action_id: request.actionId, value: request.value, block_id: 'b', action_ts: '1' }],
          }),
        }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
  }
}

/** Sends `request` to a running bot, signed with `secret`; returns the HTTP status and body. */
export async function sendToBot(baseUrl: string, secret: string, request: LocalRequest): Promise<{ status: number; text: string }> {
  const { body, contentType } = slackRequestBody(request);
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(body, timestamp, secret),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

async function main(): Promise<void> {
  const [mode = '', ...rest] = process.argv.slice(2);
  const env = readEnvironment();
  const fakePort = Number(env.FAKE_SLACK_PORT ?? 9999);
  if (mode === 'fake-api') {
    const fake = await startFakeSlack({
      port: rest[0] ? Number(rest[0]) : fakePort,
      onCall: (call) => process.stdout.write(`\n${call.path}\n${JSON.stringify(call.body, null, 2)}\n`),
    });
    process.stdout.write(`Fake Slack Web API on ${fake.apiUrl} (set SLACK_API_URL to it); /peel replies arrive at ${fake.responseUrl}\n`);
    return;
  }
  const secret = env.SLACK_SIGNING_SECRET ?? '';
  const baseUrl = `http://127.0.0.1:${env.PORT && env.PORT !== '' ? env.PORT : '3000'}`;
  const responseUrl = `http://127.0.0.1:${fakePort}/response/T1/1/local`;
  const text = rest.join(' ');
  const request: LocalRequest | null =
    mode === 'command'
      ? { kind: 'command', text, command: env.PEEL_COMMAND || '/peel', responseUrl }
      : mode === 'mention'
        ? { kind: 'mention', text }
        : mode === 'dm'
          ? { kind: 'dm', text }
          : mode === 'reply' && rest.length >= 2
            ? { kind: 'mention', threadTs: rest[0]!, text: rest.slice(1).join(' ') }
            : mode === 'button' && rest.length === 2
              ? { kind: 'button', actionId: rest[0]!, value: rest[1]!, responseUrl }
              : null;
  const usage =
    'usage: npx tsx slack/try-local.ts fake-api [port] | command <text> | mention <text> | dm <text>\n' +
    '       | reply <thread_ts> <text>     (a mention in the thread of an answer the fake printed: its thread_ts)\n' +
    '       | button <action_id> <value>   (click a button of an answer: action_id and value as the fake printed them,\n' +
    '                                       e.g. peel_feedback_up <value>, peel_show_source <value>, peel_more_results <value>)\n' +
    '  SLACK_SIGNING_SECRET and PORT come from .env\n';
  if (mode === '--help' || mode === '-h') {
    process.stdout.write(usage);
    return;
  }
  if (!request || secret === '') {
    process.stderr.write(usage);
    process.exit(2);
  }
  const res = await sendToBot(baseUrl, secret, request);
  process.stdout.write(`${res.status} ${res.text}\n(the answer appears in the fake API's terminal)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`try-local: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
