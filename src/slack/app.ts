/**
 * Bolt wiring: the receiver for the mode (HTTP with /healthz, or Socket Mode), the Web API client
 * options, and one register call per surface. No answering logic lives here.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type HTTPReceiverOptions, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { Knowledge } from '../answer/knowledge.js';
import type { Config } from '../config.js';
import { PeelError } from '../errors.js';
import type { PeelStore } from '../store/sqlite.js';
import { registerActions } from './actions.js';
import type { DigestCommandHandler, SlackDeps } from './answering.js';
import { registerCommand } from './command.js';
import { registerDirectMessages } from './dm.js';
import { registerHome } from './home.js';
import type { Logger } from './logger.js';
import { registerMention } from './mention.js';

type CustomRoute = NonNullable<HTTPReceiverOptions['customRoutes']>[number];

/**
 * A few quick retries, not the client's default ten over thirty minutes: an answer is only useful
 * soon after the question, and every retry of chat.postMessage risks a duplicate. A 429's
 * Retry-After wait counts as one attempt.
 */
export const ANSWER_RETRY_POLICY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 10_000 };

export interface PeelAppOptions {
  config: Config;
  kb: Knowledge;
  store: PeelStore;
  logger: Logger;
  /** tests pass a short policy so a failing mock does not hang */
  retryConfig?: webApi.RetryOptions;
  now?: () => number;
  /** `/peel digest …` (src/digest/command.ts); main passes it */
  digest?: DigestCommandHandler;
}

export interface PeelApp {
  app: App;
  /** starts listening; `port` is the HTTP port actually bound (PORT=0 picks a free one) */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
}

/** GET /healthz → 200 {"status":"ok","reports":N,"uptime":seconds}, for load balancers and humans. */
export function healthRoute(kb: Knowledge, now: () => number): CustomRoute {
  const startedAt = now();
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const body = JSON.stringify({ status: 'ok', reports: kb.reports.length, uptime: Math.round((now() - startedAt) / 1000) });
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(body);
    },
  };
}

/** Builds the Bolt app for the configured mode with every surface registered. */
export function createPeelApp(options: PeelAppOptions): PeelApp {
  const { config, kb, store, logger } = options;
  const now = options.now ?? Date.now;
  const routes = [healthRoute(kb, now)];

  const receiver =
    config.mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.slack.appToken ?? '',
          logger,
          customRoutes: routes,
          // the health route still needs an HTTP port in Socket Mode
          installerOptions: { port: config.port },
        })
      : new HTTPReceiver({
          signingSecret: config.slack.signingSecret ?? '',
          endpoints: '/slack/events',
          customRoutes: routes,
          logger,
        });

  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger,
    convoStore: false,
    clientOptions: {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      retryConfig: options.retryConfig ?? ANSWER_RETRY_POLICY,
    },
  });

  // last line of defence: listeners are guarded, but whatever escapes is logged, not rethrown
  app.error(async (error) => {
    logger.error('Bolt: unhandled error in a listener:', error);
  });

  const deps: SlackDeps = { kb, store, logger, command: config.peelCommand, ...(options.digest ? { digest: options.digest } : {}) };
  registerMention(app, deps);
  registerDirectMessages(app, deps);
  registerCommand(app, deps);
  registerActions(app, deps);
  registerHome(app, deps);

  return {
    app,
    async start() {
      try {
        if (config.mode === 'socket') {
          await app.start();
          return { port: config.port };
        }
        const server = (await app.start(config.port)) as Server;
        return { port: (server.address() as AddressInfo).port };
      } catch (err) {
        throw new PeelError('SLACK_FAILED', `Slack: cannot start in ${config.mode} mode on port ${config.port}: ${(err as Error).message}`, { cause: err });
      }
    },
    async stop() {
      await app.stop();
    },
  };
}
