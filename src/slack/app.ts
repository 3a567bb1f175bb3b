/**
 * Bolt wiring: the receiver for the mode (HTTP with /healthz, or Socket Mode), the Web API client
 * options, and one register call per surface. No answering logic lives here.
 */
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type LogLevel, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { Knowledge } from '../library/knowledge.js';
import { type Config, slackMethodUrl } from '../config.js';
import { isPeelError, PeelError } from '../errors.js';
import { counted } from '../metrics.js';
import type { Logger } from '../logger.js';
import type { PeelStore } from '../store/store.js';
import { registerActions } from './actions.js';
import { newReferenceId, slackErrorCode, workspaceOf, type DigestCommandHandler, type SlackDeps } from './answering.js';
import { registerCommand } from './command.js';
import { registerDirectMessages } from './dm.js';
import { registerHome } from './home.js';
import { registerMention } from './mention.js';
import { BOT_SCOPES, installCallbacks, type Installations, registerUninstall } from './oauth.js';
import { type AnswererState, type CustomRoute, healthRoute, metricsRoute, readyRoute } from './routes.js';
import { checkBotToken, SLACK_CALL_TIMEOUT_MS, slackStartProblem, socketModeThrough } from './startup.js';

/**
 * A few quick retries, not the client's default ten over thirty minutes: an answer is only useful
 * soon after the question, and every retry of chat.postMessage risks a duplicate. A 429's
 * Retry-After wait counts as one attempt.
 */
const ANSWER_RETRY_POLICY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 10_000 };

/**
 * Limits at the HTTP edge. Slack's requests are a few kilobytes and Slack gives up after 3 s, so
 * anything much bigger or slower is not Slack: refuse it before it holds memory or a socket.
 */
export interface HttpLimits {
  /** bodies above this get 413, decided from Content-Length before reading, or as soon as a chunked body passes it */
  maxBodyBytes: number;
  /** the headers must arrive within this */
  headersTimeoutMs: number;
  /** the whole request must arrive within this (Node answers 408 and closes) */
  requestTimeoutMs: number;
  /** an idle keep-alive connection is closed after this */
  keepAliveTimeoutMs: number;
  /** how often Node checks the two timeouts above (they fire up to this much late) */
  checkIntervalMs: number;
}

export const HTTP_LIMITS: HttpLimits = {
  maxBodyBytes: 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 2_000,
};

/** On stop, answers already being worked on get this long to finish before the app gives up on them. */
const DRAIN_TIMEOUT_MS = 3_000;

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
  /** many workspaces (OAuth mode): the installations, also used by the digest for each workspace's token */
  installations?: Installations;
  /** tests pass short ones */
  httpLimits?: Partial<HttpLimits>;
  slackCallTimeoutMs?: number;
  drainTimeoutMs?: number;
  /** how long start() waits for Slack to accept the token; tests pass a short one */
  slackStartTimeoutMs?: number;
  /** where main's warm-up of the answerer is (/readyz says "starting" until ready); absent, the app is warm */
  answers?: () => AnswererState;
}

export interface PeelApp {
  app: App;
  /**
   * Checks the token with Slack (auth.test, within 10 s) and only then starts listening, so a bad
   * token or an unreachable Slack never binds a port; `port` is the HTTP port actually bound.
   */
  start(): Promise<{ port: number | null; teamId: string | null }>;
  /** From now on /readyz answers 503 (the load balancer stops sending); call before stop(). */
  beginShutdown(): void;
  /**
   * Stops accepting (the HTTP server closes, idle keep-alive connections with it), then waits up
   * to the drain timeout for listeners still answering. Resolves either way; never throws.
   */
  stop(): Promise<void>;
  /** listeners still running (answers being composed or posted) */
  inFlight(): number;
}

/**
 * A fetch that gives up after `ms` unless the caller brought its own signal: respond() (the
 * response_url) has no timeout of its own, so a hung Slack edge would hold a listener forever.
 * Looks up globalThis.fetch per call so test interceptors (nock) still see it.
 */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => counted(input, globalThis.fetch(input, init?.signal ? init : { ...init, signal: AbortSignal.timeout(ms) }));
}

/**
 * After a refused body the connection is closed, not drained, but only after a moment: closing a
 * socket the client is still writing to resets it, and the client would lose the 413.
 */
const LINGER_MS = 500;
function closeSoon(req: IncomingMessage): void {
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
  timer.unref();
  req.socket.once('close', () => clearTimeout(timer));
}

/**
 * Wraps the receiver's request listener: a body whose Content-Length is over the limit gets 413
 * before a byte of it is read (signature checking needs the whole body, so the check must come
 * first), and a connection whose body was refused is closed rather than read to its end.
 */
function limitBodies(receiver: HTTPReceiver, maxBodyBytes: number, logger: Logger): void {
  const bolt = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const declared = Number(req.headers['content-length']);
    if (req.method === 'POST' && Number.isFinite(declared) && declared > maxBodyBytes) {
      logger.warn(`HTTP: refused a ${declared}-byte body to ${req.url} (limit ${maxBodyBytes}) with 413`);
      res.writeHead(413, { Connection: 'close', 'Content-Type': 'text/plain' });
      res.end('Payload Too Large\n', () => closeSoon(req));
      return;
    }
    // Bolt's bodyLimit stops a chunked body at the limit and answers 413; do not read the rest
    res.once('finish', () => {
      if (res.statusCode === 413 && !req.complete) closeSoon(req);
    });
    bolt(req, res);
  };
}

/**
 * Bolt warns in general words when a request's workspace has no installation, then hands the error
 * to app.error, which names the workspace: one line is enough, so the general one is dropped.
 */
function withoutAuthorizationNoise(logger: Logger): Logger {
  return {
    ...logger,
    warn: (...parts: unknown[]) => {
      if (typeof parts[0] === 'string' && parts[0].startsWith('Authorization of incoming event did not succeed')) return;
      logger.warn(...parts);
    },
  };
}

/** Builds the Bolt app for the configured mode with every surface registered. */
export function createPeelApp(options: PeelAppOptions): PeelApp {
  const { config, kb, store } = options;
  const logger = withoutAuthorizationNoise(options.logger);
  const now = options.now ?? Date.now;
  let slackReady = false;
  let stopping = false;
  const routes = [healthRoute(kb, now), readyRoute({ slackReady: () => slackReady, answers: options.answers ?? (() => 'ready'), stopping: () => stopping, store }), metricsRoute()];
  const limits: HttpLimits = { ...HTTP_LIMITS, ...options.httpLimits };
  const callTimeoutMs = options.slackCallTimeoutMs ?? SLACK_CALL_TIMEOUT_MS;
  if (config.oauth && !options.installations) throw new PeelError('SLACK_FAILED', 'Slack: OAuth mode needs the installation store');
  const receiver = receiverFor(config, options.installations, routes, limits, logger);

  const app = new App({
    // one workspace: its token; many: each request's token comes from its installation
    ...(config.slack.botToken ? { token: config.slack.botToken } : {}),
    receiver,
    logger,
    // without it Bolt sets our logger to INFO, silently overriding LOG_LEVEL (debug and warn alike)
    logLevel: config.logLevel as LogLevel,
    convoStore: false,
    // the error handler gets the request's body, to name the workspace of a refused request
    extendedErrorHandler: true,
    // auth.test runs in start(), where a refusal is one line and no port has been bound yet
    deferInitialization: true,
    clientOptions: {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      retryConfig: options.retryConfig ?? ANSWER_RETRY_POLICY,
      // each attempt: a hung connection to Slack fails and is retried instead of holding a listener
      timeout: callTimeoutMs,
      // Bolt's respond() posts to the response_url with this fetch
      fetch: fetchWithTimeout(callTimeoutMs),
    },
  });
  app.error(unhandledErrors(logger));
  const running = trackListeners(app);

  const deps: SlackDeps = { kb, store, logger, command: config.peelCommand, ...(options.digest ? { digest: options.digest } : {}) };
  registerMention(app, deps);
  registerDirectMessages(app, deps);
  registerCommand(app, deps);
  registerActions(app, deps);
  registerHome(app, deps);
  if (options.installations) registerUninstall(app, { store, installations: options.installations, logger });

  return {
    app,
    start: () => startApp(app, config, limits, options.slackStartTimeoutMs, () => (slackReady = true)),
    beginShutdown() {
      stopping = true;
    },
    async stop() {
      stopping = true;
      await stopApp(app, running, options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS, logger);
    },
    inFlight: () => running.size,
  };
}

/** The receiver of the configured mode: Socket Mode, or HTTP (with the OAuth install pages when installations are given). */
function receiverFor(config: Config, installations: PeelAppOptions['installations'], routes: CustomRoute[], limits: HttpLimits, logger: Logger): HTTPReceiver | SocketModeReceiver {
  if (config.mode === 'socket') {
    const receiver = new SocketModeReceiver({
      appToken: config.slack.appToken ?? '',
      logger,
      customRoutes: routes,
      // the health route still needs an HTTP port in Socket Mode
      installerOptions: { port: config.port },
    });
    socketModeThrough(receiver, config, logger);
    return receiver;
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret ?? '',
    endpoints: '/slack/events',
    customRoutes: routes,
    logger,
    bodyLimit: limits.maxBodyBytes,
    ...(config.oauth && installations
      ? {
          clientId: config.oauth.clientId,
          clientSecret: config.oauth.clientSecret,
          stateSecret: config.oauth.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore: installations,
          installerOptions: {
            installPath: '/slack/install',
            redirectUriPath: '/slack/oauth_redirect',
            // straight to Slack's consent screen, no page of ours in between
            directInstall: true,
            stateVerification: true,
            // oauth.v2.access and auth.test go where the rest of the Web API goes
            clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
            callbackOptions: installCallbacks(logger, config.peelCommand),
          },
        }
      : {}),
  });
  limitBodies(receiver, limits.maxBodyBytes, logger);
  return receiver;
}

/** The last line of defence: listeners are guarded, but whatever escapes is logged in one line, not rethrown. */
function unhandledErrors(logger: Logger) {
  return async ({ error, body }: { error: Error; body: unknown }) => {
    if ((error as { code?: string }).code === 'slack_bolt_authorization_error') {
      const team = workspaceOf({}, body) || 'unknown';
      // Bolt wraps the installer's error, which wraps the store's: find ours in the chain
      let cause: unknown = error;
      for (let i = 0; i < 4 && cause && !isPeelError(cause); i++) cause = (cause as { original?: unknown }).original;
      // the store failed, or the installation would not open: not the same as never installed
      if (isPeelError(cause)) logger.error(`Slack: a request from workspace ${team} could not be authorised: ${cause.message}`);
      // many workspaces: a request from one with no installation (never installed, or uninstalled)
      else logger.warn(`Slack: a request from workspace ${team} with no installation: acknowledged, not answered`);
      return;
    }
    const code = slackErrorCode(error);
    logger.error(`[${newReferenceId()}] Bolt: unhandled error in a listener:${code ? ` ${code}:` : ''}`, error);
  };
}

/** Every listener run, tracked from the global middleware, so stop() can let answers finish. */
function trackListeners(app: App): Set<Promise<void>> {
  const running = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const run = next();
    running.add(run);
    try {
      await run;
    } finally {
      running.delete(run);
    }
  });
  return running;
}

/** Checks the token, initialises Bolt and binds the port; any failure is one PeelError line. */
async function startApp(app: App, config: Config, limits: HttpLimits, startTimeoutMs: number | undefined, ready: () => void): Promise<{ port: number; teamId: string | null }> {
  // one workspace: Slack must accept the token before a port is bound (many: each install's is checked when made)
  const teamId = config.slack.botToken ? await checkBotToken(config.slack.botToken, config.slack.apiUrl, startTimeoutMs) : null;
  try {
    await app.init();
  } catch (err) {
    throw new PeelError('SLACK_FAILED', `Slack: ${slackStartProblem(err, slackMethodUrl(config.slack.apiUrl, 'auth.test'))}`, { cause: err });
  }
  ready();
  try {
    if (config.mode === 'socket') {
      await app.start();
      return { port: config.port, teamId };
    }
    const serverOptions: ServerOptions = {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    };
    const server = (await app.start(config.port, serverOptions)) as Server;
    return { port: (server.address() as AddressInfo).port, teamId };
  } catch (err) {
    if (config.mode === 'socket') {
      const openUrl = slackMethodUrl(config.slack.apiUrl, 'apps.connections.open');
      throw new PeelError('SLACK_FAILED', `Slack: cannot open a Socket Mode connection: ${slackStartProblem(err, openUrl, 'app token')}`, { cause: err });
    }
    throw new PeelError('SLACK_FAILED', `Slack: cannot start in ${config.mode} mode on port ${config.port}: ${(err as Error).message}`, { cause: err });
  }
}

/** Stops the receiver, then waits up to `drainMs` for the answers in flight. */
async function stopApp(app: App, running: Set<Promise<void>>, drainMs: number, logger: Logger): Promise<void> {
  try {
    await app.stop();
  } catch (err) {
    logger.warn('Slack: stopping the receiver failed:', err instanceof Error ? err.message : err);
  }
  if (running.size === 0) return;
  logger.info(`Slack: waiting up to ${drainMs} ms for ${running.size} answer(s) in flight`);
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), drainMs);
  });
  const outcome = await Promise.race([Promise.allSettled([...running]).then(() => 'done' as const), gaveUp]);
  clearTimeout(timer);
  if (outcome === 'timeout') logger.warn(`Slack: gave up waiting for ${running.size} answer(s) in flight`);
}
