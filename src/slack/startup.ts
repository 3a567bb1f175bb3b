/**
 * Start-up against Slack: the bot token is checked before a port is bound, Socket Mode is sent
 * through SLACK_API_URL, and a failure is one line naming the URL and the problem.
 */
import { type SocketModeReceiver, webApi } from '@slack/bolt';
import { type Config, slackMethodUrl } from '../config.js';
import { PeelError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Start-up gives Slack this long to accept the token (auth.test) before it gives up. */
const SLACK_START_TIMEOUT_MS = 10_000;

/**
 * Asks Slack whether it accepts the bot token (auth.test, once, no retries, `timeoutMs` at most)
 * and returns the workspace's team id (null if Slack left it out); a PeelError in one line naming
 * the URL otherwise.
 */
export async function checkBotToken(token: string, apiUrl: string | null, timeoutMs = SLACK_START_TIMEOUT_MS): Promise<string | null> {
  const url = slackMethodUrl(apiUrl, 'auth.test');
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

/** What went wrong asking Slack to accept the token, in one line naming the URL. */
export function slackStartProblem(err: unknown, url: string, token = 'bot token'): string {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number; original?: { message?: string; code?: string; cause?: { code?: string } }; message?: string };
  if (e.code === webApi.ErrorCode.PlatformError) return `${url} refused the ${token} (${e.data?.error ?? 'error'})`;
  if (e.code === webApi.ErrorCode.HTTPError) return `${url} answered HTTP ${e.statusCode}`;
  if (e.code === webApi.ErrorCode.RequestError) {
    const cause = e.original?.cause?.code ?? e.original?.code ?? e.original?.message ?? 'request failed';
    return `cannot reach ${url} (${cause})`;
  }
  return `${url}: ${(e.message ?? String(err)).replace(/\s*\n\s*/g, ' ')}`;
}

/** A Web API call or response_url post that has had no answer in this long is abandoned (and retried by the policy). */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

/**
 * Socket Mode as HTTP mode: apps.connections.open at SLACK_API_URL (Bolt does not pass the
 * client options to the Socket Mode client), a few retries rather than a hundred, and a line when
 * the socket connects.
 */
export function socketModeThrough(receiver: SocketModeReceiver, config: Config, logger: Logger): void {
  const client = receiver.client as unknown as { webClient: webApi.WebClient; on(event: string, fn: () => void): void };
  client.webClient = new webApi.WebClient('', {
    logger,
    headers: { Authorization: `Bearer ${config.slack.appToken ?? ''}` },
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    timeout: SLACK_CALL_TIMEOUT_MS, // each attempt, as the app's other Web API calls
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  });
  client.on('connected', () => logger.info(`Slack: Socket Mode connected (through ${slackMethodUrl(config.slack.apiUrl, 'apps.connections.open')})`));
}
