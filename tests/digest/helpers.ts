/**
 * The digest under test: a real SQLite file in a temp folder, the real report's items, a fake clock,
 * and nock at the Web API edge recording every chat.postMessage.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { loadConfig, type Config } from '../../src/config.js';
import { createDigest, type Digest } from '../../src/digest/service.js';
import { createLogger } from '../../src/logger.js';
import type { Logger } from '../../src/logger.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { PeelStore } from '../../src/store/store.js';
import { realKnowledge, ROOT } from '../slack/harness.js';

export const API = 'https://slack.test';
export const POST = '/api/chat.postMessage';

export interface Post {
  channel: string;
  text: string;
  blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
}

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'peel-digest-')), 'db', 'peel.sqlite');
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig(
    { SLACK_BOT_TOKEN: 'xoxb-digest-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: `${API}/api/`, DATABASE_PATH: tempDbPath(), ...env },
    ROOT,
  );
}

export interface DigestWorld {
  config: Config;
  store: PeelStore;
  digest: Digest;
  logger: Logger;
  logs: string[];
  /** the fake clock, ms since the epoch */
  clock: { now: number };
  /** what the sleep for a Retry-After was asked to wait */
  slept: number[];
  /** every chat.postMessage that reached the edge, in order */
  posts: Post[];
  tick(at?: string | number): ReturnType<Digest['runDue']>;
  /** a restart: closes the store and builds everything again on the same file */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a world at `start`. `replies` scripts the Web API's answers to posts, in order
 * (status, body, headers); once they run out every post gets ok with a fresh ts.
 */
export function digestWorld(
  start: string,
  options: { env?: Record<string, string>; replies?: [number, unknown, Record<string, string>?][]; firstInterceptors?: () => void } = {},
): DigestWorld {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  // nock tries interceptors in the order they were added: one-off ones (errors) go before the recorder
  options.firstInterceptors?.();
  const config = testConfig(options.env);
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', secrets: [], sink: (_l, line) => logs.push(line) });
  const clock = { now: Date.parse(start) };
  const slept: number[] = [];
  const posts: Post[] = [];
  const replies = [...(options.replies ?? [])];
  let n = 0;
  nock(API)
    .persist()
    .post(POST)
    .reply(function (_uri, body) {
      posts.push(body as Post);
      const next = replies.shift();
      if (next) return [next[0], next[1] as nock.Body, next[2] ?? {}];
      return [200, { ok: true, channel: (body as Post).channel, ts: `1700000000.${String(++n).padStart(6, '0')}` }];
    });
  const build = () => {
    const store = openSqliteStore(config.databasePath, { now: () => clock.now });
    const digest = createDigest({
      config,
      kb: realKnowledge(),
      store,
      logger,
      now: () => clock.now,
      sleep: async (ms) => {
        slept.push(ms);
        clock.now += ms;
      },
    });
    return { store, digest };
  };
  let built = build();
  const world: DigestWorld = {
    config,
    get store() {
      return built.store;
    },
    get digest() {
      return built.digest;
    },
    logger,
    logs,
    clock,
    slept,
    posts,
    tick(at) {
      if (at !== undefined) clock.now = typeof at === 'number' ? at : Date.parse(at);
      return built.digest.runDue(clock.now);
    },
    async restart() {
      await built.store.close();
      built = build();
    },
    async close() {
      await built.store.close();
      nock.cleanAll();
    },
  };
  return world;
}

/** Subscribes a channel through the command handler, as `/peel digest on …` would. */
export async function subscribe(world: DigestWorld, channelId: string, ...args: string[]) {
  return world.digest.command({ teamId: 'T1', channelId, userId: 'U1', args: ['on', ...args] });
}

/** Ticks once a minute from `from` to `to` (inclusive, ISO), returning how many ticks ran. */
export async function tickEveryMinute(world: DigestWorld, from: string, to: string): Promise<number> {
  let ticks = 0;
  for (let t = Date.parse(from); t <= Date.parse(to); t += 60_000) {
    await world.tick(t);
    ticks++;
  }
  return ticks;
}

/** All the text of a posted message. */
export function postText(post: Post): string {
  return JSON.stringify(post.blocks) + post.text;
}
