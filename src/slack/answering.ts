/**
 * What every surface shares: answer a question and keep it (for buttons, stats, follow-ups), and
 * run a listener's work so that a failure reaches the user as a short message with a reference id
 * and the log as the detail with the same id, and never throws into Bolt (that makes Slack retry).
 */
import { answerSeconds, questions } from '../metrics.js';
import { randomBytes } from 'node:crypto';
import type { Answer, ForcedIntent } from '../answer/schema.js';
import { answerQuestion } from '../answer/answer.js';
import type { Knowledge } from '../library/knowledge.js';
import { renderFailure, type Rendered } from '../render/blocks.js';
import type { PeelStore, Surface } from '../store/store.js';
import type { Logger } from '../logger.js';

export interface SlackDeps {
  kb: Knowledge;
  store: PeelStore;
  logger: Logger;
  /** the slash command's name, e.g. "/peel" */
  command: string;
  /** `/peel digest …`; without it the command says digests are coming */
  digest?: DigestCommandHandler;
}

export interface DigestCommandInput {
  teamId: string;
  channelId: string;
  userId: string;
  args: string[];
}

export interface DigestCommandResult {
  /** the ephemeral reply, mrkdwn lines already escaped */
  lines: string[];
  /** a visible line for the channel (someone turned the digest on) */
  announce?: Rendered;
}

/** `/peel digest …`, given meaning by src/digest (a later stage, so it is passed in, not imported). */
export type DigestCommandHandler = (input: DigestCommandInput) => Promise<DigestCommandResult>;

export interface AskOptions {
  intent?: ForcedIntent;
  offset?: number;
  previous?: Answer;
}

/** Answers `question`, records it for stats and stores the answer for its buttons. */
/**
 * The workspace a request belongs to: every stored thing is keyed by it. Bolt's context has it
 * once authorised; an org-wide install may only know the enterprise.
 */
export function workspaceOf(context: { teamId?: string | undefined; enterpriseId?: string | undefined }, body?: unknown): string {
  const b = body as { team_id?: unknown; team?: { id?: unknown } | null } | undefined;
  const fromBody = typeof b?.team_id === 'string' ? b.team_id : typeof b?.team?.id === 'string' ? b.team.id : undefined;
  return context.teamId ?? fromBody ?? context.enterpriseId ?? '';
}

export async function askAndKeep(deps: SlackDeps, teamId: string, surface: Surface, question: string, options: AskOptions = {}): Promise<{ answer: Answer; answerId: string }> {
  const opts = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as AskOptions;
  const timer = answerSeconds.startTimer();
  const answer = answerQuestion(deps.kb, question, opts);
  timer();
  questions.inc({ surface, intent: answer.intent, answered: String(answer.answered) });
  // "More results" pages through an answer already counted; count each question once
  if (options.offset === undefined) await deps.store.recordQuestion(teamId, surface, answer);
  const answerId = await deps.store.saveAnswer(teamId, surface, answer);
  return { answer, answerId };
}

/** A short id a person can quote and a maintainer can grep the log for. */
export function newReferenceId(): string {
  return `peel-${randomBytes(4).toString('hex')}`;
}

/** The Slack error code of a failed call (`channel_not_found`, `ratelimited`…), or of a response_url that refused ("response_url 404"). */
export function slackErrorCode(err: unknown): string | null {
  const e = err as { data?: { error?: unknown }; code?: unknown; statusCode?: unknown; name?: unknown } | null;
  if (e && typeof e.data?.error === 'string') return e.data.error;
  if (e && e.code === 'slack_bolt_respond_error' && typeof e.statusCode === 'number') return `response_url ${e.statusCode}`;
  if (e && typeof e.code === 'string') return e.code;
  return null;
}

/**
 * Errors after which a reply posted to the same conversation cannot arrive either: the token is
 * dead, or the bot cannot write there. Trying anyway would only fail again (and, for a rate limit,
 * wait again), so the log alone carries the reference.
 */
const CONVERSATION_UNWRITABLE = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  // channel_not_found is not here: it is also what a channel the token cannot see yet (shared,
  // just created) says, so telling the user is still tried
  'not_in_channel',
  'is_archived',
  'restricted_action',
]);

/** For failures told with chat.postMessage in the same conversation (mentions, DMs). */
export const cannotPostThere = (code: string): boolean => CONVERSATION_UNWRITABLE.has(code);

/** For failures told through the response_url: an expired or used one refuses every reply. */
export const responseUrlRefused = (code: string): boolean => /^response_url 4\d\d$/.test(code);

/**
 * Runs a listener's work. On failure: logs the error with a reference id, then tells the user
 * with `tellUser` (itself guarded) unless `cannotTell` says the reply could not arrive. Never throws.
 */
export async function guarded(
  logger: Logger,
  what: string,
  work: () => Promise<void>,
  tellUser?: (failure: Rendered) => Promise<unknown>,
  cannotTell?: (code: string) => boolean,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    const ref = newReferenceId();
    const code = slackErrorCode(err);
    logger.error(`[${ref}] ${what} failed:${code ? ` ${code}:` : ''}`, err);
    if (!tellUser) return;
    if (code && cannotTell?.(code)) {
      logger.warn(`[${ref}] ${what}: the user cannot be told (${code}); the log above has the detail`);
      return;
    }
    try {
      await tellUser(renderFailure(ref));
    } catch (second) {
      const secondCode = slackErrorCode(second);
      logger.error(`[${ref}] ${what}: could not tell the user either:${secondCode ? ` ${secondCode}:` : ''}`, second instanceof Error ? second.message : second);
    }
  }
}

/** Removes mentions of the bot (`<@UBOT>` or `<@UBOT|name>`) from a message's text. */
export function withoutBotMention(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(own, ' ').replace(/\s+/g, ' ').trim();
}
