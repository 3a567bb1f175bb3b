/**
 * The daily digest as Block Kit: one finding from a report (a grade, an area for improvement or a
 * number of the day) with its quote, section and page, and how to ask more. Pure: the item comes
 * in already chosen, the date as text. The replies to `/peel digest …` are built here too.
 */
import type { types } from '@slack/bolt';
import type { Grade } from '../answer/schema.js';
import { gradeLabel } from '../corpus/schema.js';
import { pageLabel } from '../corpus/page-span.js';
import { citationLine, gradeBadge, LIMITS, type Rendered } from './blocks.js';
import { cutPlain, cutText, escapeMrkdwn } from './escape.js';

interface ItemBase {
  /** stable id of the item within the rotation: "<report>:judgment:<question>", … */
  key: string;
  reportTitle: string;
  /** verbatim from the report */
  quote: string;
  citation: { section: string; page: number; lastPage?: number };
  /** what to type to ask more, e.g. "/peel judgment Investigating crime and managing offenders" */
  ask: string;
}

export type DigestItem =
  | (ItemBase & { kind: 'judgment'; title: string; overall: boolean; grade: Grade })
  | (ItemBase & { kind: 'improvement'; area: string })
  | (ItemBase & {
      kind: 'metric';
      label: string;
      value: string;
      unit: string;
      comparator: { area: string; value: string } | null;
      period: string | null;
    });

export interface DigestInput {
  item: DigestItem;
  /** "Tuesday 12 May 2026": the subscriber's local date */
  dateLabel: string;
}

const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: cutText(text, LIMITS.sectionText).text } });
const context = (...texts: string[]): types.ContextBlock => ({
  type: 'context',
  elements: texts.slice(0, LIMITS.contextElements).map((t) => ({ type: 'mrkdwn' as const, text: cutText(t, LIMITS.fieldText).text })),
});

/** A unit as read after a value; counts need none. */
function unitText(unit: string): string {
  return unit === '' || unit === 'count' || unit === 'rate' ? '' : ` ${unit}`;
}

/** The item's headline as mrkdwn (escaped) and as plain text for the fallback. */
function headline(item: DigestItem): { mrkdwn: string; plain: string } {
  switch (item.kind) {
    case 'judgment': {
      const title = `${item.overall ? 'Overall: ' : ''}${item.title}`;
      return {
        mrkdwn: `:scales: *Grade of the day*\n${gradeBadge(item.grade)} — ${escapeMrkdwn(title)}`,
        plain: `Grade of the day: ${gradeLabel(item.grade)} — ${title}`,
      };
    }
    case 'improvement':
      return {
        mrkdwn: `:pushpin: *Area for improvement* · ${escapeMrkdwn(item.area)}`,
        plain: `Area for improvement · ${item.area}`,
      };
    case 'metric': {
      const unit = unitText(item.unit);
      const lines = [`:1234: *Number of the day*`, `*${escapeMrkdwn(item.value)}*${escapeMrkdwn(unit)} — ${escapeMrkdwn(item.label)}`];
      if (item.comparator) lines.push(`${escapeMrkdwn(item.comparator.area)}: *${escapeMrkdwn(item.comparator.value)}*${escapeMrkdwn(unit)}`);
      if (item.period) lines.push(`_${escapeMrkdwn(item.period)}_`);
      const cmp = item.comparator ? `; ${item.comparator.area}: ${item.comparator.value}${unit}` : '';
      return { mrkdwn: lines.join('\n'), plain: `Number of the day: ${item.value}${unit} — ${item.label}${cmp}` };
    }
  }
}

/** Renders one day's digest message. */
export function renderDigest(input: DigestInput): Rendered {
  const { item } = input;
  const head = headline(item);
  const quote = cutText(escapeMrkdwn(item.quote.replace(/\s*\n\s*/g, ' ').trim()), LIMITS.sectionText - 2).text;
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cutPlain(`PEEL digest · ${input.dateLabel}`, LIMITS.header), emoji: true } },
    context(`*${escapeMrkdwn(item.reportTitle)}*`),
    section(head.mrkdwn),
    section(`> ${quote}`),
    context(citationLine(item.citation)),
    context(`:speech_balloon: Ask more: \`${escapeMrkdwn(item.ask)}\`, or mention me with a question.`),
  ];
  const text = `PEEL digest: ${head.plain} — ${item.citation.section}, ${pageLabel(item.citation)}`;
  return { blocks, text: cutText(escapeMrkdwn(text), LIMITS.fallbackText).text };
}

/** An ephemeral reply to `/peel digest …`: a few lines of mrkdwn built by the caller from escaped parts. */
export function renderDigestReply(lines: string[]): Rendered {
  const text = lines.join('\n');
  return { blocks: [section(text)], text: cutText(text, LIMITS.fallbackText).text };
}

/** The one visible line posted in a channel when someone turns the digest on. */
export function renderDigestAnnouncement(input: { userId: string; time: string; zone: string; command: string }): Rendered {
  // a user id as Slack sends it (U…/W…) becomes a mention; anything else is shown as text
  const who = /^[UW][A-Z0-9]+$/.test(input.userId) ? `<@${input.userId}>` : escapeMrkdwn(input.userId);
  const text =
    `:newspaper: ${who} turned on the daily PEEL digest here: one cited finding from the inspection reports ` +
    `each day at ${escapeMrkdwn(input.time)} (${escapeMrkdwn(input.zone)}). \`${escapeMrkdwn(input.command)} digest off\` stops it.`;
  return { blocks: [section(text)], text };
}
