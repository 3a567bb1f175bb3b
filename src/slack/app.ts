/**
 * Bolt wiring: the receiver for the mode (HTTP with /healthz, or Socket Mode), the Web API client
 * options, and one register call per surface. No answering logic lives here.
 */
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type HTTPReceiverOptions, type LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Knowledge } from '../answer/knowledge.js';
import type { Config } from '../config.js';
import { PeelError } from '../errors.js';
import { counted, registry } from '../metrics.js';
import type { PeelStore } from '../store/store.js';
import { registerActions } from './actions.js';
import { newReferenceId, slackErrorCode, workspaceOf, type DigestCommandHandler, type SlackDeps } from './answering.js';
import { registerCommand } from './command.js';
import { registerDirectMessages } from './dm.js';
import { registerHome } from './home.js';
import type { Logger } from './logger.js';
import { registerMention } from './mention.js';
import { BOT_SCOPES, installCallbacks, type Installations, registerUninstall } from './oauth.js';

type CustomRoute = NonNullable<HTTPReceiverOptions['customRoutes']>[number];

/**
 * A few quick retries, not the client's default ten over thirty minutes: an answer is only useful
 * soon after the question, and every retry of chat.postMessage risks a duplicate. A 429's
 * Retry-After wait counts as one attempt.
 */
export const ANSWER_RETRY_POLICY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 10_000 };

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

/** A Web API call or response_url post that has had no answer in this long is abandoned (and retried by the policy). */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

/** On stop, answers already being worked on get this long to finish before the app gives up on them. */
export const DRAIN_TIMEOUT_MS = 3_000;

/** Start-up gives Slack this long to accept the token (auth.test) before it gives up. */
export const SLACK_START_TIMEOUT_MS = 10_000;

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
export function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => counted(input, globalThis.fetch(input, init?.signal ? init : { ...init, signal: AbortSignal.timeout(ms) }));
}

/** GET /metrics: the counters of src/metrics.ts in Prometheus' text format. */
export function metricsRoute(): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (_req, res) => {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': registry.contentType });
          res.end(text);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    },
  };
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
 * GET /readyz: 200 {"status":"ready"} once Slack accepted the token and the store answers a query
 * (on PostgreSQL, the database itself); 503 with the failing check while starting, after a failed
 * check, or while shutting down. /healthz stays the liveness check.
 */
export function readyRoute(state: { slackReady: () => boolean; stopping: () => boolean; store: Pick<PeelStore, 'ping'> }): CustomRoute {
  return {
    path: '/readyz',
    method: ['GET'],
    handler: (_req, res) => {
      const reply = (status: number, body: Record<string, unknown>) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (state.stopping()) return reply(503, { status: 'stopping' });
      if (!state.slackReady()) return reply(503, { status: 'starting', slack: 'not yet verified' });
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref());
      Promise.race([state.store.ping(), timeout]).then(
        () => reply(200, { status: 'ready', slack: 'ok', store: 'ok' }),
        (err: unknown) => reply(503, { status: 'unready', slack: 'ok', store: err instanceof Error ? err.message : String(err) }),
      );
    },
  };
}

/** What went wrong asking Slack to accept the token, in one line naming the URL. */
function slackStartProblem(err: unknown, url: string, token = 'bot token'): string {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number; original?: { message?: string; code?: string; cause?: { code?: string } }; message?: string };
  if (e.code === webApi.ErrorCode.PlatformError) return `${url} refused the ${token} (${e.data?.error ?? 'error'})`;
  if (e.code === webApi.ErrorCode.HTTPError) return `${url} answered HTTP ${e.statusCode}`;
  if (e.code === webApi.ErrorCode.RequestError) {
    const cause = e.original?.cause?.code ?? e.original?.code ?? e.original?.message ?? 'request failed';
    return `cannot reach ${url} (${cause})`;
  }
  return `${url}: ${(e.message ?? String(err)).replace(/\s*\n\s*/g, ' ')}`;
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

/**
 * Asks Slack whether it accepts the bot token (auth.test, once, no retries, `timeoutMs` at most)
 * and returns the workspace's team id (null if Slack left it out); a PeelError in one line naming
 * the URL otherwise.
 */
export async function checkBotToken(token: string, apiUrl: string | null, timeoutMs = SLACK_START_TIMEOUT_MS): Promise<string | null> {
  const url = `${apiUrl ?? 'https://slack.com/api/'}auth.test`;
  const fail = (problem: string, cause?: unknown) => new PeelError('SLACK_FAILED', `Slack: ${url} ${problem}`, { cause });
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') throw fail(`gave no answer within ${timeoutMs / 1000} s`, err);
    throw fail(`cannot be reached (${e.cause?.code ?? e.cause?.message ?? (err as Error).message})`, err);
  }
  type AuthTest = { ok?: boolean; team_id?: string; error?: string };
  const body = (await res.json().catch(() => null)) as AuthTest | null;
  if (res.status >= 400 || body === null) throw fail(`answered HTTP ${res.status}${body === null ? ' without JSON' : ''}`);
  if (!body.ok) throw fail(`refused the bot token (${body.error ?? 'ok: false'})`);
  return body.team_id ?? null;
}

/**
 * Socket Mode as HTTP mode: apps.connections.open at SLACK_API_URL (Bolt does not pass the
 * client options to the Socket Mode client), a few retries rather than a hundred, and a line when
 * the socket connects.
 */
function socketModeThrough(receiver: SocketModeReceiver, config: Config, logger: Logger): void {
  const client = receiver.client as unknown as { webClient: webApi.WebClient; on(event: string, fn: () => void): void };
  client.webClient = new webApi.WebClient('', {
    logger,
    headers: { Authorization: `Bearer ${config.slack.appToken ?? ''}` },
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    timeout: SLACK_CALL_TIMEOUT_MS,
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  });
  client.on('connected', () => logger.info(`Slack: Socket Mode connected (through ${config.slack.apiUrl ?? 'https://slack.com/api/'}apps.connections.open)`));
}

/** Builds the Bolt app for the configured mode with every surface registered. */
export function createPeelApp(options: PeelAppOptions): PeelApp {
  const { config, kb, store } = options;
  const logger = withoutAuthorizationNoise(options.logger);
  const now = options.now ?? Date.now;
  let slackReady = false;
  let stopping = false;
  const routes = [healthRoute(kb, now), readyRoute({ slackReady: () => slackReady, stopping: () => stopping, store }), metricsRoute()];
  const limits: HttpLimits = { ...HTTP_LIMITS, ...options.httpLimits };
  const callTimeoutMs = options.slackCallTimeoutMs ?? SLACK_CALL_TIMEOUT_MS;

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
          bodyLimit: limits.maxBodyBytes,
          ...(config.oauth && options.installations
            ? {
                clientId: config.oauth.clientId,
                clientSecret: config.oauth.clientSecret,
                stateSecret: config.oauth.stateSecret,
                scopes: [...BOT_SCOPES],
                installationStore: options.installations,
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
  if (config.oauth && !options.installations) throw new PeelError('SLACK_FAILED', 'Slack: OAuth mode needs the installation store');
  if (receiver instanceof HTTPReceiver) limitBodies(receiver, limits.maxBodyBytes, logger);
  if (receiver instanceof SocketModeReceiver) socketModeThrough(receiver, config, logger);

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

  // last line of defence: listeners are guarded, but whatever escapes is logged, not rethrown
  app.error(async ({ error, body }: { error: Error; body: unknown }) => {
    if ((error as { code?: string }).code === 'slack_bolt_authorization_error') {
      // many workspaces: a request from one with no installation (never installed, or uninstalled)
      logger.warn(`Slack: a request from workspace ${workspaceOf({}, body) || 'unknown'} with no installation: acknowledged, not answered`);
      return;
    }
    const code = slackErrorCode(error);
    logger.error(`[${newReferenceId()}] Bolt: unhandled error in a listener:${code ? ` ${code}:` : ''}`, error);
  });

  // every listener run is tracked from the global middleware, so stop() can let answers finish
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

  const deps: SlackDeps = { kb, store, logger, command: config.peelCommand, ...(options.digest ? { digest: options.digest } : {}) };
  registerMention(app, deps);
  registerDirectMessages(app, deps);
  registerCommand(app, deps);
  registerActions(app, deps);
  registerHome(app, deps);
  if (options.installations) registerUninstall(app, { store, installations: options.installations, logger });

  return {
    app,
    async start() {
      // one workspace: Slack must accept the token before a port is bound (many: each install's is checked when made)
      const teamId = config.slack.botToken ? await checkBotToken(config.slack.botToken, config.slack.apiUrl, options.slackStartTimeoutMs) : null;
      try {
        await app.init();
      } catch (err) {
        throw new PeelError('SLACK_FAILED', `Slack: ${slackStartProblem(err, `${config.slack.apiUrl ?? 'https://slack.com/api/'}auth.test`)}`, { cause: err });
      }
      slackReady = true;
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
          const openUrl = `${config.slack.apiUrl ?? 'https://slack.com/api/'}apps.connections.open`;
          throw new PeelError('SLACK_FAILED', `Slack: cannot open a Socket Mode connection: ${slackStartProblem(err, openUrl, 'app token')}`, { cause: err });
        }
        throw new PeelError('SLACK_FAILED', `Slack: cannot start in ${config.mode} mode on port ${config.port}: ${(err as Error).message}`, { cause: err });
      }
    },
    beginShutdown() {
      stopping = true;
    },
    async stop() {
      stopping = true;
      try {
        await app.stop();
      } catch (err) {
        logger.warn('Slack: stopping the receiver failed:', err instanceof Error ? err.message : err);
      }
      if (running.size === 0) return;
      const drainMs = options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS;
      logger.info(`Slack: waiting up to ${drainMs} ms for ${running.size} answer(s) in flight`);
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), drainMs);
      });
      const outcome = await Promise.race([Promise.allSettled([...running]).then(() => 'done' as const), gaveUp]);
      clearTimeout(timer);
      if (outcome === 'timeout') logger.warn(`Slack: gave up waiting for ${running.size} answer(s) in flight`);
    },
    inFlight: () => running.size,
  };
}
