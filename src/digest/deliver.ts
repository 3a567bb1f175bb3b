/**
 * Posting due digests, exactly once per channel per local date. The delivery row is claimed before
 * posting and marked sent with the message ts after. Posts go through a client that never retries
 * blindly: a 429 is waited out (Retry-After) and tried again; a 5xx, a timeout or a connection lost
 * after the request went out leaves the row "uncertain" — never posted again that day, since one
 * lost digest beats two. Errors that will not fix themselves pause the subscription.
 */
import { SLACK_API_DEFAULT } from '../config.js';
import { counted, digests } from '../metrics.js';
import type { Rendered } from '../render/blocks.js';
import { renderDigest, type DigestItem } from '../render/digest.js';
import type { Logger } from '../logger.js';
import type { ChannelRef, DigestStore, Subscription } from '../store/store.js';
import { chooseItem, historyNeeded } from './compose.js';
import { describeDate, localDateTime, zonedInstant } from './time.js';

/** Slack errors that retrying every minute cannot fix: the subscription pauses with the reason. */
const PAUSING_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth', 'token_revoked', 'team_access_not_granted', 'not_installed']);
/** Attempts a channel gets on one local date (failed posts that definitely did not reach the channel). */
export const MAX_ATTEMPTS_PER_DAY = 3;

export type PostResult =
  | { ok: true; ts: string }
  /** 429: nothing was posted; Slack says when to try again */
  | { ok: false; kind: 'rate_limited'; retryAfterSeconds: number }
  /** Slack answered ok:false: nothing was posted */
  | { ok: false; kind: 'platform'; error: string }
  /** the request never reached Slack (refused, no such host): nothing was posted */
  | { ok: false; kind: 'unreachable'; error: string }
  /** the request may have reached Slack (5xx, timeout, connection lost, an unreadable answer) */
  | { ok: false; kind: 'uncertain'; error: string };

/** Posts one message to a channel of a workspace, once: no retries of its own. */
export interface DigestPoster {
  post(channel: ChannelRef, message: Rendered): Promise<PostResult>;
}

/**
 * The bot token to post with in a workspace: the one configured token, or (many workspaces) the
 * workspace's installation's; null when the workspace has no installation (it uninstalled).
 */
export type TokenFor = (teamId: string) => Promise<string | null>;

/** Error codes of a connection that was never made: the request did not leave this machine. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** chat.postMessage over fetch, one request per call, so a 5xx or a lost connection is never re-sent. */
export function slackPoster(options: { tokenFor: TokenFor; apiUrl: string | null; timeoutMs?: number }): DigestPoster {
  const base = options.apiUrl ?? SLACK_API_DEFAULT;
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    async post({ teamId, channelId }, message) {
      let token: string | null;
      try {
        token = await options.tokenFor(teamId);
      } catch (err) {
        // the installation could not be read (the store failed): nothing was sent, try again later
        return { ok: false, kind: 'unreachable', error: `no token for ${teamId}: ${err instanceof Error ? err.message : String(err)}` };
      }
      if (token === null) return { ok: false, kind: 'platform', error: 'not_installed' };
      let res: Response;
      try {
        res = await counted(`${base}chat.postMessage`, fetch(`${base}chat.postMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
          body: JSON.stringify({ channel: channelId, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false }),
          signal: AbortSignal.timeout(timeoutMs),
        }));
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        const code = cause?.code ?? (err as Error).name;
        const detail = `${code}: ${cause?.message ?? (err as Error).message}`;
        return NOT_SENT_CODES.has(code) ? { ok: false, kind: 'unreachable', error: detail } : { ok: false, kind: 'uncertain', error: detail };
      }
      if (res.status === 429) {
        const after = Number(res.headers.get('retry-after'));
        await res.body?.cancel();
        return { ok: false, kind: 'rate_limited', retryAfterSeconds: Number.isFinite(after) && after >= 0 ? after : 30 };
      }
      if (res.status >= 500) {
        await res.body?.cancel();
        return { ok: false, kind: 'uncertain', error: `HTTP ${res.status}` };
      }
      let body: { ok?: boolean; ts?: string; error?: string };
      try {
        body = (await res.json()) as typeof body;
      } catch {
        return res.ok ? { ok: false, kind: 'uncertain', error: `HTTP ${res.status} with a body that is not JSON` } : { ok: false, kind: 'platform', error: `http_${res.status}` };
      }
      if (body.ok === true && typeof body.ts === 'string') return { ok: true, ts: body.ts };
      if (body.ok === true) return { ok: false, kind: 'uncertain', error: 'ok without a ts' };
      return { ok: false, kind: 'platform', error: body.error ?? `http_${res.status}` };
    },
  };
}

export interface DigestRunDeps {
  store: DigestStore;
  items: readonly DigestItem[];
  poster: DigestPoster;
  logger: Logger;
  /** hours after its time a missed digest is still posted, the same local day only */
  catchupHours: number;
  /** how long to wait for a Retry-After; tests pass one that only advances a fake clock */
  sleep?: (ms: number) => Promise<void>;
  /** 429s waited out per post before leaving it to a later tick (default 3) */
  maxRateLimitWaits?: number;
  /** a Retry-After longer than this (seconds) is left to a later tick instead of waited out in this one */
  maxRetryAfterSeconds?: number;
}

export type TickOutcome = 'sent' | 'failed' | 'uncertain' | 'paused';

export interface TickReport {
  /** channels posted to, and how each ended */
  results: { channelId: string; localDate: string; outcome: TickOutcome; itemKey: string; ts?: string; error?: string }[];
  /** channels whose digest today was missed beyond the catch-up window */
  missed: string[];
}

/** Why a subscription is or is not owed a digest at `now`, and on which local date. */
function dueState(
  sub: Subscription,
  now: number,
  catchupHours: number,
): { due: true; localDate: string } | { due: false; localDate: string; why: 'paused' | 'not yet' | 'subscribed after' | 'missed' } {
  const { date } = localDateTime(now, sub.zone);
  if (sub.pausedReason !== null) return { due: false, localDate: date, why: 'paused' };
  const slot = zonedInstant(date, sub.time, sub.zone);
  if (now < slot) return { due: false, localDate: date, why: 'not yet' };
  // the time was set after today's slot had passed: the first digest is tomorrow's
  if (slot < Math.floor(sub.effectiveFrom / 60_000) * 60_000) return { due: false, localDate: date, why: 'subscribed after' };
  if (now - slot > catchupHours * 3_600_000) return { due: false, localDate: date, why: 'missed' };
  return { due: true, localDate: date };
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Posts once, waiting out 429s (up to the limits); never re-sends after any other failure. */
async function postOnce(deps: DigestRunDeps, channel: ChannelRef, message: Rendered): Promise<PostResult> {
  const sleep = deps.sleep ?? realSleep;
  const maxWaits = deps.maxRateLimitWaits ?? 3;
  const maxAfter = deps.maxRetryAfterSeconds ?? 120;
  for (let waits = 0; ; waits++) {
    const result = await deps.poster.post(channel, message);
    if (result.ok || result.kind !== 'rate_limited') return result;
    if (waits >= maxWaits || result.retryAfterSeconds > maxAfter) return result;
    deps.logger.info(`digest: ${channel.channelId} rate limited, waiting ${result.retryAfterSeconds}s as Slack asks`);
    await sleep(result.retryAfterSeconds * 1000);
  }
}

/** One tick: posts every due digest, one channel after another, and reports what happened. */
export async function runDueDigests(deps: DigestRunDeps, now: number): Promise<TickReport> {
  const report: TickReport = { results: [], missed: [] };
  for (const sub of await deps.store.subscriptions()) {
    const state = dueState(sub, now, deps.catchupHours);
    if (!state.due) {
      if (state.why === 'missed' && !(await deps.store.delivery(sub, state.localDate))) report.missed.push(sub.channelId);
      continue;
    }
    // the items are read only once something is due (with many reports they take a while to make)
    if (deps.items.length === 0) return report;
    const { localDate } = state;
    const existing = await deps.store.delivery(sub, localDate);
    if (existing && (existing.state !== 'failed' || existing.attempts >= MAX_ATTEMPTS_PER_DAY)) continue;

    const shown = await deps.store.shownItemKeys(sub, historyNeeded(deps.items));
    const item = chooseItem(deps.items, sub.channelId, shown)!;
    const claim = await deps.store.claimDelivery(sub, localDate, item.key, MAX_ATTEMPTS_PER_DAY);
    if (!claim) continue; // another tick or process owns it

    const message = renderDigest({ item, dateLabel: describeDate(localDate) });
    const result = await postOnce(deps, sub, message);
    const base = { channelId: sub.channelId, localDate, itemKey: item.key };
    if (result.ok) {
      await deps.store.finishDelivery(sub, localDate, { state: 'sent', messageTs: result.ts });
      deps.logger.info(`digest: posted to ${sub.channelId} for ${localDate} (${item.key}), ts ${result.ts}`);
      report.results.push({ ...base, outcome: 'sent', ts: result.ts });
      digests.inc({ outcome: 'sent' });
    } else if (result.kind === 'uncertain') {
      await deps.store.finishDelivery(sub, localDate, { state: 'uncertain', error: result.error });
      deps.logger.error(`digest: ${sub.channelId} for ${localDate}: ${result.error} after the request may have reached Slack; not posting again today`);
      report.results.push({ ...base, outcome: 'uncertain', error: result.error });
      digests.inc({ outcome: 'uncertain' });
    } else {
      const error = result.kind === 'rate_limited' ? `ratelimited (Retry-After ${result.retryAfterSeconds}s)` : result.error;
      await deps.store.finishDelivery(sub, localDate, { state: 'failed', error });
      if (result.kind === 'platform' && PAUSING_ERRORS.has(result.error)) {
        await deps.store.pauseSubscription(sub, result.error);
        deps.logger.warn(`digest: ${sub.channelId} paused: ${result.error} (shown by /peel digest status; /peel digest on resumes it)`);
        report.results.push({ ...base, outcome: 'paused', error });
        digests.inc({ outcome: 'paused' });
      } else {
        deps.logger.warn(`digest: ${sub.channelId} for ${localDate}: attempt ${claim.attempts} of ${MAX_ATTEMPTS_PER_DAY} failed: ${error}`);
        report.results.push({ ...base, outcome: 'failed', error });
        digests.inc({ outcome: 'failed' });
      }
    }
  }
  return report;
}
