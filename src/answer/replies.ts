/**
 * The replies that are not found in one search: help, a decline in the person's own words, and a
 * follow-up in a thread ("and England and Wales?", "which page?") answered from the previous answer.
 */
import { contentTerms } from '../search/content.js';
import { type RewrittenQuery } from '../search/query.js';
import { findArea, type Classification } from './classify.js';
import { answerImprovement, answerJudgment } from './facts.js';
import type { Knowledge } from '../library/knowledge.js';
import type { Answer } from './schema.js';

/** Terms as the person wrote them, numbers left out (a number in an answer must be quoted). */
export function saidOf(q: RewrittenQuery, terms: string[]): string {
  const words = [...new Set(terms.map((t) => q.said.get(t) ?? t).filter((w) => !/\d/.test(w)))];
  // "shake-up" was also read as "shake": say it once, as written
  return words.filter((w) => !words.some((o) => o !== w && o.includes('-') && o.split('-').includes(w))).join(' ');
}

/** Why a question is declined, in the person's words (never its numbers: a number in an answer must be quoted). */
export function unknownReason(q: RewrittenQuery, keys: string[] = q.terms): string {
  const unknown = saidOf(q, q.unknown);
  if (unknown) return `The report does not mention “${unknown}”.`;
  const asked = saidOf(q, keys.length ? keys : q.terms);
  if (asked) return `The report does not say that about “${asked}”.`;
  const other = q.dropped.filter((w) => !/\d/.test(w)).join(' ');
  return other ? `The report does not mention “${other}”.` : 'That is not a question the report can answer.';
}

// --- help, none, follow-ups ------------------------------------------------------------------

export function help(kb: Knowledge, question: string): Answer {
  const lines = kb.vocabulary.intents.filter((i) => i.name !== 'help').map((i) => `• ${i.description} e.g. “${i.examples[0]}”`);
  return {
    question,
    intent: 'help',
    answered: true,
    // no numbers of our own in the text: every number shown must be quoted from a report
    text: `Ask me about the ${kb.reports.map((r) => `${r.inspectorate} ${r.pillar} report on ${r.force}`).join('; ')}. I answer from the report's own words, with section and page.\n${lines.join('\n')}`,
    citations: [],
    suggestions: kb.vocabulary.intents.filter((i) => i.name !== 'help').map((i) => i.examples[0]!),
  };
}

/** answered=false: why, and three questions it can answer, close to what was asked. */
export function none(kb: Knowledge, question: string, q: RewrittenQuery, reason: string): Answer {
  const examples = kb.vocabulary.intents.filter((i) => i.name !== 'help').flatMap((i) => i.examples);
  const asked = new Set(q.terms);
  const ranked = examples
    .map((e, i) => ({ e, i, overlap: contentTerms(e, kb.vocabulary).filter((t) => asked.has(t)).length }))
    .sort((a, b) => b.overlap - a.overlap || a.i - b.i);
  const suggestions = [...new Set(ranked.map((r) => r.e))].slice(0, 3);
  return { question, intent: 'none', answered: false, text: `${reason} Try one of these instead.`, citations: [], suggestions };
}

export const COMPARATOR_FOLLOW_UP = /\b(?:england and wales|e&w|national(?:ly)?|average|compared?)\b/;

const PAGE_FOLLOW_UP = /\b(?:which|what) page\b|\bwhere (?:is|does|did) (?:that|this|it)\b|\bsource\b|\bcitation\b/;

/** A follow-up in a thread: the comparator of the last number, where the last answer stands, the same question for another area. */
export function answerFollowUp(kb: Knowledge, question: string, q: RewrittenQuery, cls: Classification, previous: Answer): Answer | null {
  const text = q.normalised;
  const short = text.split(/\s+/).length <= 8;
  if (!short) return null;
  if (previous.metric && COMPARATOR_FOLLOW_UP.test(text)) {
    const c = previous.metric.comparator;
    return {
      question,
      intent: 'metric',
      answered: c !== null,
      text: c ? `${c.area}: ${c.value}${previous.metric.unit === 'percent' ? ' percent' : ''} (${previous.metric.name ?? previous.metric.label /* an answer stored before `name` was */}: ${previous.metric.value})` : 'The report gives no England and Wales figure for that.',
      citations: c ? previous.citations : [],
      ...(c ? { metric: previous.metric } : { suggestions: [] }),
    };
  }
  if (PAGE_FOLLOW_UP.test(text) && previous.citations.length) {
    return {
      question,
      intent: previous.intent,
      answered: true,
      text: previous.citations.map((c) => `${c.section}: “${c.quote}”`).join('\n'),
      citations: previous.citations,
    };
  }
  const area = findArea(text.split(' ').filter(Boolean), kb.vocabulary);
  if (area && (previous.intent === 'judgment' || previous.intent === 'improvement' || previous.intent === 'metric') && cls.intent === 'passage') {
    if (previous.intent === 'judgment') return answerJudgment(kb, question, area);
    if (previous.intent === 'improvement') return answerImprovement(kb, question, area);
  }
  return null;
}
