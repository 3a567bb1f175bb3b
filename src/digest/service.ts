/**
 * The digest assembled from config, knowledge and store: the `/peel digest` handler for the Slack
 * app, one tick of due digests (for the schedule and for `npm run digest -- --run-due`), and the
 * in-process schedule. The app and the CLI share this, so they share the exactly-once rule.
 */
import type { Knowledge } from '../library/knowledge.js';
import type { Config } from '../config.js';
import type { DigestItem } from '../render/digest.js';
import type { DigestCommandHandler } from '../slack/answering.js';
import type { Logger } from '../logger.js';
import type { DigestStore } from '../store/store.js';
import { createDigestCommand } from './command.js';
import { digestItems } from './compose.js';
import { type DigestPoster, runDueDigests, slackPoster, type TickReport, type TokenFor } from './deliver.js';
import { type DigestSchedule, startDigestSchedule } from './schedule.js';

export interface Digest {
  items: readonly DigestItem[];
  command: DigestCommandHandler;
  /** one tick at `now` (ms since the epoch) */
  runDue(now: number): Promise<TickReport>;
  /**
   * Starts the every-minute schedule; stop() it on shutdown. `housekeeping` runs on each tick
   * before the due digests (the app passes the store's sweep of expired event ids and answers).
   */
  startSchedule(housekeeping?: (now: number) => Promise<void>): DigestSchedule;
}

export interface DigestDeps {
  config: Pick<Config, 'slack' | 'digest' | 'peelCommand'>;
  kb: Knowledge;
  store: DigestStore;
  logger: Logger;
  /** defaults to chat.postMessage at SLACK_API_URL (or Slack's own) */
  poster?: DigestPoster;
  /** each workspace's bot token (many workspaces); defaults to SLACK_BOT_TOKEN for every subscription */
  tokenFor?: TokenFor;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Builds the digest for an app or a CLI run. */
export function createDigest(deps: DigestDeps): Digest {
  const { config, store, logger } = deps;
  // made when first needed, not at start-up: with many reports it reads every report's facts
  let itemsMade: DigestItem[] | null = null;
  const items = () => (itemsMade ??= digestItems(deps.kb, config.peelCommand));
  const single = config.slack.botToken;
  const tokenFor: TokenFor = deps.tokenFor ?? (async () => single);
  const poster = deps.poster ?? slackPoster({ tokenFor, apiUrl: config.slack.apiUrl });
  const runDue = (now: number) =>
    runDueDigests(
      {
        store,
        get items() {
          return items();
        },
        poster,
        logger,
        catchupHours: config.digest.catchupHours,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
      },
      now,
    );
  return {
    get items() {
      return items();
    },
    command: createDigestCommand({
      store,
      defaults: { time: config.digest.time, zone: config.digest.zone },
      catchupHours: config.digest.catchupHours,
      command: config.peelCommand,
      ...(deps.now ? { now: deps.now } : {}),
    }),
    runDue,
    startSchedule: (housekeeping) =>
      startDigestSchedule({
        tick: async (now) => {
          if (housekeeping) {
            // a failed sweep must not cost the day's digests
            await housekeeping(now).catch((err: unknown) => logger.warn('store: sweep failed:', err instanceof Error ? err.message : err));
          }
          return runDue(now);
        },
        logger,
      }),
  };
}
