/**
 * Answer → Slack Block Kit, as pure functions returning `{ blocks, text }` (views for the modal
 * and App Home). Block Kit is built here and nowhere else. Every piece of text that did not come
 * from this file is escaped; every limit Slack enforces is respected here, so a long report
 * paragraph is cut with "…" and the full text is one "Show source" away.
 */
import { gradeLabel } from '../corpus/schema.js';
import { pageLabel } from '../corpus/page-span.js';
import type { types } from '@slack/bolt';
import type { Answer, Citation, Grade } from '../answer/schema.js';
import { cutPlain, cutText, escapeMrkdwn } from './escape.js';

/** Slack's limits (docs.slack.dev/reference/block-kit): see ../shared/SLACK-NOTES.md. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  contextElements: 10,
  header: 150,
  buttonText: 75,
  modalTitle: 24,
  fallbackText: 3000,
} as const;

/** The action_ids of our buttons; slack/actions.ts listens on exactly these. */
export const ACTION = {
  showSource: 'peel_show_source',
  moreResults: 'peel_more_results',
  share: 'peel_share',
  feedbackUp: 'peel_feedback_up',
  feedbackDown: 'peel_feedback_down',
} as const;

/** How many quotes a message shows; the rest are counted. Areas for improvement are the answer itself, so all of them fit. */
const MAX_QUOTES = 5;
const MAX_IMPROVEMENT_QUOTES = 20;

export interface Rendered {
  blocks: types.KnownBlock[];
  /** plain fallback for notifications and clients without blocks */
  text: string;
}

export interface RenderOptions {
  /** id of the stored answer; without it no buttons are drawn (nothing to look the answer up by) */
  answerId?: string;
  /** draw "Share in channel" (ephemeral answers to /peel) */
  share?: boolean;
  /** draw 👍 / 👎 (default true when there is an answerId) */
  feedback?: boolean;
}

const BADGE: Record<Grade, string> = {
  outstanding: ':star:',
  good: ':large_green_circle:',
  'requires improvement': ':large_orange_circle:',
  inadequate: ':red_circle:',
};


/** The badge shown before a grade: an emoji and the grade in bold. */
export function gradeBadge(grade: Grade): string {
  return `${BADGE[grade]} *${gradeLabel(grade)}*`;
}

/** "Section › Sub-section · p. N" (or "pp. N–M"), escaped. */
export function citationLine(citation: Pick<Citation, 'section' | 'page' | 'lastPage'>): string {
  return `${escapeMrkdwn(citation.section)} · ${pageLabel(citation)}`;
}

/** A quote as mrkdwn block quote lines, escaped and cut to fit a section. */
function quoteMrkdwn(quote: string, max: number): { text: string; cut: boolean } {
  const escaped = escapeMrkdwn(quote.replace(/\s*\n\s*/g, ' ').trim());
  const { text, cut } = cutText(escaped, max - 2);
  return { text: `> ${text}`, cut };
}

function section(text: string, accessory?: types.Button): types.SectionBlock {
  const { text: fitted } = cutText(text, LIMITS.sectionText);
  return { type: 'section', text: { type: 'mrkdwn', text: fitted }, ...(accessory ? { accessory } : {}) };
}

function context(...texts: string[]): types.ContextBlock {
  return {
    type: 'context',
    elements: texts.slice(0, LIMITS.contextElements).map((t) => ({ type: 'mrkdwn' as const, text: cutText(t, LIMITS.fieldText).text })),
  };
}

function button(label: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: cutPlain(label, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/** A judgment's question, marked "Overall" for the overall judgment. */
function judgmentTitle(j: { question: string; title: string }): string {
  return `${/^overall$/i.test(j.question) ? '*Overall* · ' : ''}${escapeMrkdwn(j.title)}`;
}

/** The headline: a grade badge for one judgment, a grade card for several, the value for a metric. */
function headline(answer: Answer): types.KnownBlock[] {
  const judgments = answer.judgments ?? [];
  if (judgments.length === 1) {
    const j = judgments[0]!;
    return [section(`${gradeBadge(j.grade)} — ${escapeMrkdwn(j.title)}`)];
  }
  if (judgments.length > 1) {
    // a card of grades: two columns of fields, at most 10 fields a section
    const blocks: types.KnownBlock[] = [];
    for (let i = 0; i < judgments.length; i += 5) {
      const fields = judgments.slice(i, i + 5).flatMap((j) => [
        { type: 'mrkdwn' as const, text: cutText(judgmentTitle(j), LIMITS.fieldText).text },
        { type: 'mrkdwn' as const, text: gradeBadge(j.grade) },
      ]);
      blocks.push({ type: 'section', fields });
    }
    return blocks;
  }
  if (answer.metric) {
    const m = answer.metric;
    const unit = m.unit ? ` ${escapeMrkdwn(m.unit)}` : '';
    const parts = [`*${escapeMrkdwn(m.value)}*${unit} — ${escapeMrkdwn(m.label)}`];
    if (m.period) parts.push(`_${escapeMrkdwn(m.period)}_`);
    const lines = [parts.join(' · ')];
    if (m.comparator) lines.push(`${escapeMrkdwn(m.comparator.area)}: *${escapeMrkdwn(m.comparator.value)}*${unit}`);
    if (m.earlier) lines.push(`Earlier${m.earlier.when ? ` (${escapeMrkdwn(m.earlier.when)})` : ''}: *${escapeMrkdwn(m.earlier.value)}*${unit}`);
    return [section(lines.join('\n'))];
  }
  return [];
}

/** Renders an Answer as a message: headline, the answer, quotes with their citation, buttons. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): Rendered {
  const { answerId, share = false } = options;
  const feedback = options.feedback ?? answerId !== undefined;
  const blocks: types.KnownBlock[] = [];

  if (answer.question.trim() !== '') {
    blocks.push(context(`:mag: _${cutText(escapeMrkdwn(answer.question.replace(/\s+/g, ' ').trim()), 300).text}_`));
  }
  blocks.push(...headline(answer));
  const improvements = answer.improvements?.length ?? 0;
  if ((answer.judgments?.length ?? 0) > 1) {
    // a card of grades already says what the text says, line for line
  } else if (improvements > 0) {
    // each area for improvement is quoted below with its section and page: the text would repeat them
    blocks.push(section(`*${improvements} ${improvements === 1 ? 'area' : 'areas'} for improvement*`));
  } else {
    blocks.push(section(escapeMrkdwn(answer.text)));
  }

  const shown = answer.citations.slice(0, improvements > 0 ? MAX_IMPROVEMENT_QUOTES : MAX_QUOTES);
  shown.forEach((citation, i) => {
    const quote = quoteMrkdwn(citation.quote, LIMITS.sectionText);
    const source = answerId !== undefined ? button('Show source', ACTION.showSource, `${answerId}:${i}`) : undefined;
    blocks.push(section(quote.text, source));
    blocks.push(context(citationLine(citation) + (quote.cut && source ? ' · cut short: *Show source* for all of it' : '')));
  });
  if (answer.citations.length > shown.length) {
    blocks.push(context(`+${answer.citations.length - shown.length} more sources`));
  }

  if (answer.suggestions && answer.suggestions.length > 0) {
    const heading = answer.intent === 'help' ? '*You can ask, for example:*' : '*Questions I can answer:*';
    blocks.push(section([heading, ...answer.suggestions.slice(0, 10).map((s) => `• ${escapeMrkdwn(s)}`)].join('\n')));
  }

  if (answerId !== undefined) {
    const buttons: types.Button[] = [];
    if (answer.nextOffset !== undefined) buttons.push(button('More results', ACTION.moreResults, answerId));
    if (share) buttons.push(button('Share in channel', ACTION.share, answerId, 'primary'));
    if (feedback) {
      buttons.push(button('👍', ACTION.feedbackUp, answerId), button('👎', ACTION.feedbackDown, answerId));
    }
    if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'peel_answer_actions', elements: buttons });
  }

  return { blocks: fitBlocks(blocks, LIMITS.messageBlocks), text: fallbackText(answer) };
}

/** Plain text for notifications: the answer and where it stands. Escaped, since Slack parses it too. */
export function fallbackText(answer: Answer): string {
  const first = answer.citations[0];
  const where = first ? `\n— ${first.section}, ${pageLabel(first)}` : '';
  return cutText(escapeMrkdwn(`${answer.text}${where}`), LIMITS.fallbackText).text;
}

/** Keeps a list under Slack's block limit, saying that something was left out. */
function fitBlocks(blocks: types.KnownBlock[], max: number): types.KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const actions = blocks.at(-1)?.type === 'actions' ? [blocks.at(-1)!] : [];
  const room = max - 1 - actions.length;
  return [...blocks.slice(0, room), context('… more was left out to fit in one message.'), ...actions];
}

/** A short message with no buttons (notices, errors, "digests are coming"). */
export function renderNotice(text: string): Rendered {
  const escaped = escapeMrkdwn(text);
  return { blocks: [section(escaped)], text: cutText(escaped, LIMITS.fallbackText).text };
}

/** What a person sees when answering failed: short, with the reference id the log carries. */
export function renderFailure(referenceId: string): Rendered {
  return renderNotice(`Sorry, something went wrong while answering. If it keeps happening, tell the maintainers this reference: ${referenceId}`);
}

export interface SourceContext {
  section: string;
  page: number;
  /** the last page the paragraph runs onto, when it crosses a page break */
  lastPage?: number;
  before: string | null;
  text: string;
  after: string | null;
}

/** The "Show source" modal: the cited paragraph with its neighbours, section and page. */
export function renderSourceModal(input: { reportTitle: string; citation: Citation; source: SourceContext | null }): types.ModalView {
  const { reportTitle, citation, source } = input;
  const where: SourceContext = source ?? { section: citation.section, page: citation.page, ...(citation.lastPage ? { lastPage: citation.lastPage } : {}), before: null, text: citation.quote, after: null };
  const blocks: types.KnownBlock[] = [
    context(`*${escapeMrkdwn(reportTitle)}*`, citationLine(where)),
  ];
  if (where.before) blocks.push(context(cutText(escapeMrkdwn(where.before), LIMITS.fieldText).text));
  blocks.push(section(escapeMrkdwn(where.text)));
  if (where.after) blocks.push(context(cutText(escapeMrkdwn(where.after), LIMITS.fieldText).text));
  if (where.text.length > LIMITS.sectionText) {
    blocks.push(context('The paragraph is longer than Slack shows in one block; the report has it whole.'));
  }
  if (!source) blocks.push(context('_The surrounding paragraphs could not be found; this is the quote as cited._'));
  return {
    type: 'modal',
    title: { type: 'plain_text', text: cutPlain(`Source · ${pageLabel(where)}`, LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'Close' },
    blocks,
  };
}

export interface HomeReport {
  title: string;
  force: string;
  inspectorate: string;
  year: number;
  pillar: string;
  /** the overall judgment first, then the questions; empty when the report has no grades */
  judgments: NonNullable<Answer['judgments']>;
}

/** The App Home tab: a report card per report and how to ask. */
export function renderHome(input: { reports: HomeReport[]; command: string }): types.HomeView {
  const blocks: types.KnownBlock[] = [];
  const perReport = 5;
  const room = Math.floor((LIMITS.viewBlocks - 8) / perReport);
  for (const report of input.reports.slice(0, room)) {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: cutPlain(report.title, LIMITS.header) } });
    blocks.push(context(escapeMrkdwn(`${report.inspectorate} · ${report.force} · ${report.year} · ${report.pillar}`)));
    const [overall, ...rest] = report.judgments;
    if (overall) {
      blocks.push(section(`*Overall:* ${gradeBadge(overall.grade)}\n${escapeMrkdwn(overall.title)}`));
    }
    if (rest.length > 0) {
      blocks.push({
        type: 'section',
        fields: rest.slice(0, 5).flatMap((j) => [
          { type: 'mrkdwn' as const, text: cutText(escapeMrkdwn(j.title), LIMITS.fieldText).text },
          { type: 'mrkdwn' as const, text: gradeBadge(j.grade) },
        ]),
      });
    }
    blocks.push({ type: 'divider' });
  }
  if (input.reports.length > room) {
    blocks.push(context(`…and ${input.reports.length - room} more reports. Ask about them by force or year.`));
  }
  const cmd = escapeMrkdwn(input.command);
  blocks.push({ type: 'header', text: { type: 'plain_text', text: 'How to ask' } });
  blocks.push(
    section(
      [
        '• Mention me in a channel, or send me a direct message: _How good is the force at protecting vulnerable people?_',
        `• \`${cmd} judgment\` for every grade, \`${cmd} judgment <area>\` for one`,
        `• \`${cmd} improve [area]\` for the areas for improvement`,
        `• \`${cmd} metric <name>\`, e.g. \`${cmd} metric crime rate\``,
        `• \`${cmd} help\` for more examples`,
        'Every answer quotes the report with section and page; *Show source* opens the paragraph.',
      ].join('\n'),
    ),
  );
  return { type: 'home', blocks: fitBlocks(blocks, LIMITS.viewBlocks) };
}
