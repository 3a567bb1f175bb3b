/**
 * What the rest of peel-bot may ask of the store, as interfaces with two engines behind them:
 * SQLite (sqlite.ts, one process, the zero-set-up default) and PostgreSQL (postgres.ts, shared by
 * several replicas). Every method is async so either can serve it; `openStore` (open.ts) picks the
 * engine from the configuration, and nothing outside this room knows which one it got.
 */
import type { Answer } from '../answer/schema.js';

/** The row key of an installation ("E:<enterprise>" org-wide, else "T:<team>"), for callers that cache by it. */
export { installationKey } from './sealed.js';

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
   * Records the workspace's `eventId` as handled: true for the one caller that claims it first
   * (across every replica), false for a retry or a second delivery within the expiry.
   */
  claimEvent(teamId: string, eventId: string): Promise<boolean>;
  /** Keeps an answer for its buttons; returns its id. */
  saveAnswer(teamId: string, surface: Surface, answer: Answer): Promise<string>;
  /** The workspace's answer saved under `id`, or null when unknown, expired or another workspace's. */
  findAnswer(teamId: string, id: string): Promise<StoredAnswer | null>;
  /** Remembers the last answer in a thread, for follow-ups. */
  saveThreadAnswer(teamId: string, channel: string, threadTs: string, answer: Answer): Promise<void>;
  /** The last answer given in a thread, or null. */
  lastThreadAnswer(teamId: string, channel: string, threadTs: string): Promise<Answer | null>;
  /** Counts a question by intent; keeps its words only when the report did not answer it. */
  recordQuestion(teamId: string, surface: Surface, answer: Pick<Answer, 'question' | 'intent' | 'answered'>): Promise<void>;
  /** Stores a 👍/👎 on an answer; a second click by the same person replaces the first. */
  recordFeedback(teamId: string, answerId: string, userId: string, vote: Vote, answer: Pick<Answer, 'question' | 'intent'>): Promise<void>;
  /** Everything `npm run stats` prints, for one workspace or (null) all of them. */
  stats(teamId: string | null, limit?: number): Promise<Stats>;
  /** The workspaces that have asked questions or given feedback, for stats per workspace. */
  workspaces(): Promise<string[]>;
  /** Forgets expired event ids and answers; the minute tick calls it, so no request pays for it. */
  sweep(): Promise<void>;
  /**
   * Gives rows stored before workspaces were kept (team_id '') to `teamId`: the single-workspace
   * app calls it at start with its own workspace, so nothing stored before is lost. Idempotent.
   */
  adoptWorkspace(teamId: string): Promise<void>;
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
  teamId: string;
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
  unsubscribe(channel: ChannelRef): Promise<boolean>;
  subscription(channel: ChannelRef): Promise<Subscription | null>;
  /** Every subscription of every workspace, paused ones included, in workspace and channel order. */
  subscriptions(): Promise<Subscription[]>;
  /** Stops delivery to the channel until it subscribes again, keeping the reason for status. */
  pauseSubscription(channel: ChannelRef, reason: string): Promise<void>;
  /** Pauses every subscription of a workspace (it uninstalled the app); returns how many. */
  pauseWorkspace(teamId: string, reason: string): Promise<number>;
  delivery(channel: ChannelRef, localDate: string): Promise<Delivery | null>;
  /** The channel's most recent sent delivery, or null. */
  lastSent(channel: ChannelRef): Promise<Delivery | null>;
  /** Item keys of deliveries that were (or may have been) shown in the channel, newest first. */
  shownItemKeys(channel: ChannelRef, limit: number): Promise<string[]>;
  /**
   * Claims the channel's delivery for `localDate` before posting, atomically: a new row, or a
   * failed row with fewer than `maxAttempts` attempts. Null when another tick or process owns it,
   * it was sent, it may have been sent, or the day's attempts are used up.
   */
  claimDelivery(channel: ChannelRef, localDate: string, itemKey: string, maxAttempts: number): Promise<Delivery | null>;
  /** Records how a claimed delivery ended. */
  finishDelivery(channel: ChannelRef, localDate: string, outcome: DeliveryOutcome): Promise<void>;
}

/** A channel in a workspace: channel ids are only unique within one (Slack Connect shares them). */
export interface ChannelRef {
  teamId: string;
  channelId: string;
}

/**
 * Which installation: an org-wide (Enterprise Grid) install is keyed by its enterprise id, every
 * other install by its workspace's team id.
 */
export interface InstallationRef {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
}

/** Installations for many workspaces, sealed at rest (src/store/sealed.ts); plain only in memory. */
export interface InstallationStore {
  /** Stores (or replaces) an installation, encrypted with the current key. */
  saveInstallation(ref: InstallationRef, installation: unknown): Promise<void>;
  /** The installation, decrypted, or null when there is none. */
  findInstallation(ref: InstallationRef): Promise<unknown | null>;
  /** Deletes it; false when there was none (uninstall events arrive twice and in either order). */
  deleteInstallation(ref: InstallationRef): Promise<boolean>;
  /** How many installations there are, by the id of the key that sealed them: checked at start. */
  installationKeys(): Promise<{ keyId: string; count: number }[]>;
}

/** Everything the bot stores. */
export interface PeelStore extends AnswerStore, DigestStore, InstallationStore {
  /** Where the data lives, for a start-up line: a file path, or a database's host and name (never a password). */
  readonly where: string;
  /** Resolves when the database answers a trivial query; rejects with a one-line reason otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
