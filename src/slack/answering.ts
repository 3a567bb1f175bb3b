/**
 * What every surface shares: answer a question and keep it (for buttons, stats, follow-ups), and
 * run a listener's work so that a failure reaches the user as a short message with a reference id
 * and the log as the detail with the same id, and never throws into Bolt (that makes Slack retry).
 */
import { randomBytes } from 'node:crypto';
import type { Answer } from '../answer/schema.js';
import { answerQuestion } from '../answer/answer.js';
import type { Knowledge } from '../answer/knowledge.js';
import { renderFailure, type Rendered } from '../render/blocks.js';
import type { PeelStore, Surface } from '../store/sqlite.js';
import type { Logger } from './logger.js';

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

export type ForcedIntent = 'judgment' | 'improvement' | 'metric' | 'help' | 'overview';

export interface AskOptions {
  intent?: ForcedIntent;
  offset?: number;
  previous?: Answer;
}

/** Answers `question`, records it for stats and stores the answer for its buttons. */
export function askAndKeep(deps: SlackDeps, surface: Surface, question: string, options: AskOptions = {}): { answer: Answer; answerId: string } {
  const opts = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as AskOptions;
  const answer = answerQuestion(deps.kb, question, opts);
  // "More results" pages through an answer already counted; count each question once
  if (options.offset === undefined) deps.store.recordQuestion(surface, answer);
  const answerId = deps.store.saveAnswer(surface, answer);
  return { answer, answerId };
}

/** A short id a person can quote and a maintainer can grep the log for. */
export function newReferenceId(): string {
  return `peel-${randomBytes(4).toString('hex')}`;
}

/**
 * Runs a listener's work. On failure: logs the error with a reference id, then tells the user
 * with `tellUser` (itself guarded). Never throws.
 */
export async function guarded(
  logger: Logger,
  what: string,
  work: () => Promise<void>,
  tellUser?: (failure: Rendered) => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    const ref = newReferenceId();
    logger.error(`[${ref}] ${what} failed:`, err);
    if (!tellUser) return;
    try {
      await tellUser(renderFailure(ref));
    } catch (second) {
      logger.error(`[${ref}] ${what}: could not tell the user either:`, second instanceof Error ? second.message : second);
    }
  }
}

/** Removes mentions of the bot (`<@UBOT>` or `<@UBOT|name>`) from a message's text. */
export function withoutBotMention(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(own, ' ').replace(/\s+/g, ' ').trim();
}
