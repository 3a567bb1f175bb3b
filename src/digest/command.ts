/**
 * `/peel digest on [HH:MM] [zone]`, `off`, `status`: what each does to the store and what the
 * person is told. Bad values are named with the accepted form. Returns lines for an ephemeral
 * reply and, when a channel newly gets the digest (or its time changes), a visible announcement.
 */
import { escapeMrkdwn } from '../render/escape.js';
import { renderDigestAnnouncement } from '../render/digest.js';
import type { DigestCommandHandler, DigestCommandResult } from '../slack/answering.js';
import type { ChannelRef, DigestStore, Subscription } from '../store/store.js';
import { MAX_ATTEMPTS_PER_DAY } from './deliver.js';
import { addDays, canonicalZone, describeInstant, localDateTime, parseClockTime, TIME_FORM, zonedInstant, ZONE_FORM } from './time.js';

export interface DigestCommandDeps {
  store: DigestStore;
  /** DIGEST_TIME and DIGEST_TZ */
  defaults: { time: string; zone: string };
  catchupHours: number;
  /** the slash command's name, e.g. "/peel" */
  command: string;
  now?: () => number;
}

/** A value typed by a person, safe to show in backticks. */
const shown = (value: string) => `\`${escapeMrkdwn(value.replace(/`/g, "'").slice(0, 80))}\``;

/** When the channel's next digest is due: today's slot if still owed, else tomorrow's. Null while paused. */
async function nextDigestAt(store: DigestStore, sub: Subscription, now: number, catchupHours: number): Promise<number | null> {
  if (sub.pausedReason !== null) return null;
  const { date } = localDateTime(now, sub.zone);
  const slot = zonedInstant(date, sub.time, sub.zone);
  const today = await store.delivery(sub, date);
  const owed = !today || (today.state === 'failed' && today.attempts < MAX_ATTEMPTS_PER_DAY);
  const inWindow = now <= slot || now - slot <= catchupHours * 3_600_000;
  if (owed && inWindow && slot >= Math.floor(sub.effectiveFrom / 60_000) * 60_000) return slot;
  return zonedInstant(addDays(date, 1), sub.time, sub.zone);
}

/** What the subcommands share: the store and settings, the clock, the command's name and its usage lines. */
interface Context {
  deps: DigestCommandDeps;
  now: () => number;
  cmd: string;
  usage: string[];
}

/** Builds the handler the Slack command listener calls for `digest …`. */
export function createDigestCommand(deps: DigestCommandDeps): DigestCommandHandler {
  const cmd = deps.command;
  const ctx: Context = {
    deps,
    now: deps.now ?? Date.now,
    cmd,
    usage: [
      `\`${cmd} digest on [HH:MM] [time zone]\` posts one cited finding from the report here every day (default ${deps.defaults.time} ${escapeMrkdwn(deps.defaults.zone)}), e.g. \`${cmd} digest on 09:00 Europe/London\``,
      `\`${cmd} digest status\` shows the time, the next digest and the last one; \`${cmd} digest off\` stops it.`,
    ],
  };
  return async (input) => {
    const [first = 'status', ...rest] = input.args;
    switch (first.toLowerCase()) {
      case 'on':
      case 'subscribe':
      case 'start':
        return on(ctx, input, rest);
      case 'off':
      case 'unsubscribe':
      case 'stop': {
        const removed = await deps.store.unsubscribe(input);
        return { lines: [removed ? '*Daily digest:* off in this channel. No more digests here.' : '*Daily digest:* was not on in this channel.'] };
      }
      case 'status':
        return status(ctx, input);
      case 'help':
        return { lines: ctx.usage };
      default:
        return { lines: [`I do not know ${shown(`digest ${input.args.join(' ')}`)}.`, ...ctx.usage] };
    }
  };
}

const describe = (instant: number, zone: string) => `${describeInstant(instant, zone)} (${escapeMrkdwn(zone)})`;

/** `digest status`: on or off, the time, the next digest (or why it is paused) and the last one. */
async function status({ deps, now, cmd, usage }: Context, channel: ChannelRef): Promise<DigestCommandResult> {
  const sub = await deps.store.subscription(channel);
  if (!sub) return { lines: ['*Daily digest:* off in this channel.', ...usage] };
  const at = now();
  const lines = [`*Daily digest:* on, every day at ${sub.time} (${escapeMrkdwn(sub.zone)}).`];
  if (sub.pausedReason !== null) {
    lines.push(
      `*Paused* since ${describe(sub.pausedAt ?? at, sub.zone)}: Slack said ${shown(sub.pausedReason)}. ` +
        `Invite me to the channel if I am not in it, then \`${cmd} digest on\` to resume.`,
    );
  } else {
    const next = await nextDigestAt(deps.store, sub, at, deps.catchupHours);
    lines.push(`Next digest: ${next !== null && next <= at ? 'any minute now' : describe(next!, sub.zone)}.`);
  }
  const last = await deps.store.lastSent(channel);
  lines.push(`Last delivered: ${last ? describe(last.updatedAt, sub.zone) : 'none yet'}.`);
  return { lines };
}

/** The time and zone of `digest on [HH:MM] [zone]`, or what is wrong with them. */
function readTimeAndZone(values: string[]): { time: string | null; zone: string | null; problems: string[] } {
  let time: string | null = null;
  let zone: string | null = null;
  const problems: string[] = [];
  for (const value of values) {
    if (/^\d/.test(value)) {
      const t = parseClockTime(value);
      if (t === null || time !== null) problems.push(`${shown(value)} is not a time I can use: write ${TIME_FORM}.`);
      else time = t;
    } else {
      const z = canonicalZone(value);
      if (z === null || zone !== null) problems.push(`${shown(value)} is not a time zone I know: write ${ZONE_FORM}.`);
      else zone = z;
    }
  }
  return { time, zone, problems };
}

/** `digest on`: subscribes the channel (or changes its time), and announces it when something changed. */
async function on({ deps, now, cmd }: Context, input: { teamId: string; channelId: string; userId: string }, values: string[]): Promise<DigestCommandResult> {
  const asked = readTimeAndZone(values);
  if (asked.problems.length > 0) return { lines: [...asked.problems, `Nothing changed. For example: \`${cmd} digest on 08:30 Europe/London\``] };
  const time = asked.time ?? deps.defaults.time;
  const zone = asked.zone ?? deps.defaults.zone;
  const before = await deps.store.subscription(input);
  const { subscription, created } = await deps.store.subscribe({ ...input, time, zone });
  const at = now();
  const next = await nextDigestAt(deps.store, subscription, at, deps.catchupHours);
  const changed = created || before?.time !== time || before?.zone !== zone || before?.pausedReason !== null;
  const lines = [
    `*Daily digest ${created ? 'on' : 'updated'}:* every day at ${time} (${escapeMrkdwn(zone)}), one finding from the report with its quote, section and page.`,
    `Next digest: ${next !== null && next <= at ? 'any minute now' : describe(next!, zone)}. \`${cmd} digest off\` stops it.`,
  ];
  return changed ? { lines, announce: renderDigestAnnouncement({ userId: input.userId, time, zone, command: cmd }) } : { lines };
}
