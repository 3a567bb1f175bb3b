/**
 * What both engines share: their settings and how a database row becomes the interface's shape
 * (the column names and types are the same on SQLite and PostgreSQL).
 */
import { PeelError } from '../errors.js';
import { installationKey, type SealingKey, seal, unseal } from './sealed.js';
import type { Delivery, InstallationRef, Subscription } from './store.js';

/** The tables whose rows from before workspaces were kept (team_id '') the single workspace adopts. */
export const ADOPTED = ['answers', 'questions', 'feedback', 'seen_events', 'thread_context', 'digest_deliveries'] as const;
export type AdoptedTable = (typeof ADOPTED)[number];

export interface StoreOptions {
  /** milliseconds since the epoch; tests pass a fake clock */
  now?: () => number;
  /** how long an event id is remembered; Slack's last retry comes about 5 minutes after the first try */
  seenEventTtlMs?: number;
  /** how many threads keep follow-up context; the oldest are forgotten first */
  maxThreads?: number;
  /** how long the answers behind buttons are kept */
  answerTtlMs?: number;
  /** seals installations (TOKEN_ENCRYPTION_KEY); without it installations cannot be saved or read */
  sealingKey?: SealingKey | null;
}

const HOUR = 3_600_000;

/** The options with their defaults filled in. */
export function storeSettings(options: StoreOptions): Required<StoreOptions> {
  return {
    now: options.now ?? Date.now,
    seenEventTtlMs: options.seenEventTtlMs ?? HOUR,
    maxThreads: options.maxThreads ?? 5000,
    answerTtlMs: options.answerTtlMs ?? 30 * 24 * HOUR,
    sealingKey: options.sealingKey ?? null,
  };
}

/** An installation row as both engines write it: plain ids for lookup, everything else sealed. */
export interface InstallationRow {
  installation_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  key_id: string;
  sealed: string;
}

function needKey(key: SealingKey | null): SealingKey {
  if (!key) throw new PeelError('STORE_FAILED', 'Store: installations need TOKEN_ENCRYPTION_KEY to be sealed and opened');
  return key;
}

export function sealInstallation(ref: InstallationRef, installation: unknown, key: SealingKey | null): InstallationRow {
  const k = needKey(key);
  const rowKey = installationKey(ref);
  return {
    installation_key: rowKey,
    team_id: ref.teamId,
    enterprise_id: ref.enterpriseId,
    key_id: k.id,
    sealed: seal(JSON.stringify(installation), rowKey, k),
  };
}

export function openInstallation(row: Pick<InstallationRow, 'installation_key' | 'sealed'>, key: SealingKey | null): unknown {
  return JSON.parse(unseal(row.sealed, row.installation_key, needKey(key))) as unknown;
}

export interface SubscriptionRow {
  team_id: string;
  channel_id: string;
  local_time: string;
  time_zone: string;
  subscribed_by: string;
  subscribed_at: number;
  effective_from: number;
  updated_at: number;
  paused_reason: string | null;
  paused_at: number | null;
}

export function toSubscription(r: SubscriptionRow): Subscription {
  return {
    teamId: r.team_id,
    channelId: r.channel_id,
    time: r.local_time,
    zone: r.time_zone,
    subscribedBy: r.subscribed_by,
    subscribedAt: r.subscribed_at,
    effectiveFrom: r.effective_from,
    updatedAt: r.updated_at,
    pausedReason: r.paused_reason,
    pausedAt: r.paused_at,
  };
}

export interface DeliveryRow {
  team_id: string;
  channel_id: string;
  local_date: string;
  state: Delivery['state'];
  item_key: string | null;
  message_ts: string | null;
  attempts: number;
  last_error: string | null;
  claimed_at: number;
  updated_at: number;
}

export function toDelivery(r: DeliveryRow): Delivery {
  return {
    teamId: r.team_id,
    channelId: r.channel_id,
    localDate: r.local_date,
    state: r.state,
    itemKey: r.item_key,
    messageTs: r.message_ts,
    attempts: r.attempts,
    lastError: r.last_error,
    claimedAt: r.claimed_at,
    updatedAt: r.updated_at,
  };
}
