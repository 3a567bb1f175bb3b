/**
 * What the rest of peel-bot may ask of the store, as interfaces with two engines behind them:
 * SQLite (sqlite.ts, one process, the zero-set-up default) and PostgreSQL (postgres.ts, shared by
 * several replicas). Every method is async so either can serve it; `openStore` (open.ts) picks the
 * engine from the configuration, and nothing outside this room knows which one it got.
 */
import type { Answer } from '../answer/schema.js';

export type Surface = 'mention' | 'dm' | 'command' | 'action';
export type Vote = 'up' | 'down';

export interface Stats {
  byIntent: { intent: string; asked: number; unanswered: number }[];
  unanswered: { question: string; times: number; last: number }[];
  feedback: { up: number; down: number; recent: { vote: Vote; question: string; intent: string; at: number }[] };
}

export interface StoredAnswer {
  id: string;
  surface: Surface;
  answer: Answer;
}

/** Answers behind buttons, thread context, seen events, questions and feedback. */
export interface AnswerStore {
  /** The schema version after migrations. */
  version(): Promise<number>;
  /**
   * Records `eventId` as handled: true for the one caller that claims it first (across every
   * replica), false for a retry or a second delivery within the expiry.
   */
  claimEvent(eventId: string): Promise<boolean>;
  /** Keeps an answer for its buttons; returns its id. */
  saveAnswer(surface: Surface, answer: Answer): Promise<string>;
  /** The answer saved under `id`, or null when unknown or expired. */
  findAnswer(id: string): Promise<StoredAnswer | null>;
  /** Remembers the last answer in a thread, for follow-ups. */
  saveThreadAnswer(channel: string, threadTs: string, answer: Answer): Promise<void>;
  /** The last answer given in a thread, or null. */
  lastThreadAnswer(channel: string, threadTs: string): Promise<Answer | null>;
  /** Counts a question by intent; keeps its words only when the report did not answer it. */
  recordQuestion(surface: Surface, answer: Pick<Answer, 'question' | 'intent' | 'answered'>): Promise<void>;
  /** Stores a 👍/👎 on an answer; a second click by the same person replaces the first. */
  recordFeedback(answerId: string, userId: string, vote: Vote, answer: Pick<Answer, 'question' | 'intent'>): Promise<void>;
  /** Everything `npm run stats` prints. */
  stats(limit?: number): Promise<Stats>;
  /** Forgets expired event ids and answers; the minute tick calls it, so no request pays for it. */
  sweep(): Promise<void>;
}

/** A channel's daily digest subscription. */
export interface Subscription {
  teamId: string;
  channelId: string;
  /** HH:MM, local to `zone` */
  time: string;
  /** IANA name */
  zone: string;
  subscribedBy: string;
  subscribedAt: number;
  /** when time or zone last changed: a slot before this is not owed */
  effectiveFrom: number;
  updatedAt: number;
  /** why delivery stopped (a Slack error such as not_in_channel), or null when active */
  pausedReason: string | null;
  pausedAt: number | null;
}

/**
 * claimed: being posted (or the process died while posting — treated as possibly posted);
 * sent: posted, with its ts; failed: definitely not posted, may be tried again (up to the day's
 * limit); uncertain: the request may have reached Slack, so it is never posted again that day.
 */
export type DeliveryState = 'claimed' | 'sent' | 'failed' | 'uncertain';

/** One channel's digest on one local date. */
export interface Delivery {
  channelId: string;
  localDate: string;
  state: DeliveryState;
  itemKey: string | null;
  messageTs: string | null;
  attempts: number;
  lastError: string | null;
  claimedAt: number;
  updatedAt: number;
}

export type DeliveryOutcome = { state: 'sent'; messageTs: string } | { state: 'failed' | 'uncertain'; error: string };

/** Subscriptions and deliveries of the daily digest. */
export interface DigestStore {
  /** Creates or updates the channel's subscription (clearing any pause); `created` is false for an update. */
  subscribe(input: { teamId: string; channelId: string; time: string; zone: string; userId: string }): Promise<{ subscription: Subscription; created: boolean }>;
  /** Removes the channel's subscription (its delivery history stays); false when there was none. */
  unsubscribe(channelId: string): Promise<boolean>;
  subscription(channelId: string): Promise<Subscription | null>;
  /** Every subscription, paused ones included, in channel order. */
  subscriptions(): Promise<Subscription[]>;
  /** Stops delivery to the channel until it subscribes again, keeping the reason for status. */
  pauseSubscription(channelId: string, reason: string): Promise<void>;
  delivery(channelId: string, localDate: string): Promise<Delivery | null>;
  /** The channel's most recent sent delivery, or null. */
  lastSent(channelId: string): Promise<Delivery | null>;
  /** Item keys of deliveries that were (or may have been) shown in the channel, newest first. */
  shownItemKeys(channelId: string, limit: number): Promise<string[]>;
  /**
   * Claims the channel's delivery for `localDate` before posting, atomically: a new row, or a
   * failed row with fewer than `maxAttempts` attempts. Null when another tick or process owns it,
   * it was sent, it may have been sent, or the day's attempts are used up.
   */
  claimDelivery(channelId: string, localDate: string, itemKey: string, maxAttempts: number): Promise<Delivery | null>;
  /** Records how a claimed delivery ended. */
  finishDelivery(channelId: string, localDate: string, outcome: DeliveryOutcome): Promise<void>;
}

/** Everything the bot stores. */
export interface PeelStore extends AnswerStore, DigestStore {
  /** Where the data lives, for a start-up line: a file path, or a database's host and name (never a password). */
  readonly where: string;
  /** Resolves when the database answers a trivial query; rejects with a one-line reason otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
