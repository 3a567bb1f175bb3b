import { GRADES, gradeLabel, type Report } from '../corpus/schema.js';
import { citeBlock, type FactCitation, type Improvement, type Judgment, type Metric } from '../facts/index.js';
import type { Passage } from '../search/index.js';
import type { AreaSpec } from '../search/vocabulary.js';
import type { Classification } from './classify.js';
import type { Knowledge } from '../library/knowledge.js';
import type { Answer, Citation, Grade } from './schema.js';
import { splitSentences } from '../corpus/text.js';
import { pagesOf } from '../corpus/page-span.js';
import { contentTerms } from '../search/content.js';

/** Answers for the fact intents — judgment, improvement, overview — built from extracted facts, never paraphrased. */

export function toCitation(c: FactCitation): Citation {
  return { report: c.report, section: c.section, page: c.page, ...(c.lastPage ? { lastPage: c.lastPage } : {}), quote: c.quote, block: c.block };
}

/** A citation of a block quoting one part of it instead, at the pages that part stands on. */
export function requoted<C extends Citation | FactCitation>(kb: Knowledge, c: C, quote: string): C {
  const block = kb.byId.get(c.report)?.report.blocks.find((b) => b.id === c.block);
  const { lastPage: _whole, ...rest } = c;
  if (!block) return { ...rest, quote } as C;
  const { page, lastPage } = pagesOf(block, quote);
  return { ...rest, page, ...(lastPage > page ? { lastPage } : {}), quote } as C;
}

/** A passage's citation, at the pages the quote stands on (a quote that is not the passage's own words is cited at the passage's pages). */
export function passageCitation(p: Passage, quote = p.text): Citation {
  const { page, lastPage } = pagesOf(p, quote);
  return { report: p.report, section: p.section, page, ...(lastPage > page ? { lastPage } : {}), quote, block: p.block };
}


function allJudgments(kb: Knowledge): Judgment[] {
  return [...kb.byId.values()].flatMap((e) => e.facts.judgments);
}

/** The main question an area names, by the word of its heading given in areas.json. */
export function inArea(area: AreaSpec, title: string): boolean {
  return title.toLowerCase().includes(area.matches.toLowerCase());
}

const stated = new WeakMap<Judgment, FactCitation[]>();

/**
 * The sentence of a grade's summary that states the grade of what the question asks about: of those
 * with the grade's words, the one sharing most words with the question's title ("good at tackling
 * serious and organised crime", beside "good at identifying … the threat"), the earliest on a tie, then the
 * summary's own first statement of the grade when that is another sentence.
 */
export function gradeStatements(kb: Knowledge, j: Judgment): FactCitation[] {
  const known = stated.get(j);
  if (known) return known;
  const title = new Set(contentTerms(j.title, kb.vocabulary));
  const grade = new RegExp(`\\b${j.grade}\\b`, 'i');
  let best: { citation: FactCitation; shared: number } | null = null;
  for (const paragraph of j.reasons) {
    for (const sentence of splitSentences(paragraph.quote)) {
      if (!grade.test(sentence)) continue;
      const shared = contentTerms(sentence, kb.vocabulary).filter((t) => title.has(t)).length;
      if (!best || shared > best.shared) best = { citation: { ...paragraph, quote: sentence }, shared };
    }
  }
  const own = best && best.citation.quote !== j.citation.quote ? [best.citation, j.citation] : [j.citation];
  stated.set(j, own);
  return own;
}

export const judgmentField = (j: Judgment) => ({ report: j.report, question: j.question, title: j.title, grade: j.grade, page: j.page });

/** What a question says of a grade: the grade it claims ("we got good, right?"), and whether it asks why. */
export interface GradeAsk {
  claimed: Grade | null;
  why: boolean;
}

/** The grade for the named area (or overall), or all grades when none is named; a claimed grade is confirmed or corrected, and "why" is given the summary's reasons. */
export function answerJudgment(kb: Knowledge, question: string, area: Classification['area'], ask: GradeAsk = { claimed: null, why: false }): Answer {
  const all = allJudgments(kb);
  const chosen =
    area === 'overall' ? all.filter((j) => j.question === 'overall') : area ? all.filter((j) => j.question !== 'overall' && inArea(area, j.title)) : all;
  const judgments = chosen.length ? chosen : all;
  const force = (j: Judgment) => kb.reports.find((r) => r.id === j.report)?.force ?? j.report;
  const one = judgments.length === 1 ? judgments[0]! : null;
  let text =
    one
      ? // the sentence stating the grade is the citation's quote: shown there, not twice
        `${force(one)} — ${one.short === 'Overall' ? 'overall' : one.short.toLowerCase()}: ${gradeLabel(one.grade)}.`
      : judgments.map((j) => `${j.short}: ${gradeLabel(j.grade)}`).join('\n');
  if (one && ask.claimed) {
    text = ask.claimed === one.grade ? `Yes. ${text}` : `No: not ${gradeLabel(ask.claimed).toLowerCase()}. ${text}`;
  } else if (ask.claimed) {
    // "they got inadequate on one of the questions?": checked against every grade listed
    const given = judgments.filter((j) => j.grade === ask.claimed);
    text = given.length ? `Yes: ${given.map((j) => j.short.toLowerCase()).join('; ')}.\n${text}` : `No: none is graded ${gradeLabel(ask.claimed).toLowerCase()}.\n${text}`;
  }
  // "and why?", "better than last year?": the summary's paragraphs, whole, give the reasons (and say when no
  // comparison can be made); the one stating the grade comes again whole, as it holds more than that sentence
  const reasons = one && ask.why ? one.reasons : [];
  // where the overview states the same grade in its own words
  const overview = one?.overview ? [one.overview] : [];
  return {
    question,
    intent: 'judgment',
    answered: true,
    text,
    // every grade at once: the overall judgment's paragraph, whole, is the report's own summary of them
    // (what it does well and what it must improve), as in an overview
    citations: [...judgments.flatMap((j) => (!one && j.question === 'overall' ? [j.reasons[0] ?? j.citation] : gradeStatements(kb, j)).map(toCitation)), ...overview.map(toCitation), ...reasons.map(toCitation)],
    judgments: judgments.map(judgmentField),
  };
}

/** Which end of the grading scale a question asks about ("which area did they do best in?", "their weakest bit"), or null. */
export function gradeExtremeAsked(plain: string): 'best' | 'worst' | null {
  // (an area is asked for, not a figure: "which crime type is cleveland worst on compared with the national average" is a rate)
  if (!/\b(?:which|what)\s+(?:\w+\s+){0,3}(?:areas?|bits?|parts?|strands?|questions?|pillars?|sections?|aspects?|sides?)\b/.test(plain) || FIGURE_WORDS.test(plain)) return null;
  if (/\b(?:best|strongest|strongly|top|highest)\b/.test(plain)) return 'best';
  if (/\b(?:worst|weakest|poorest|lowest)\b/.test(plain)) return 'worst';
  return null;
}

const FIGURE_WORDS = /\b(?:rates?|figures?|numbers?|types?|percent(?:age)?|proportion|share|per|how many|how much)\b|%|\d/;

/** The areas graded highest (or lowest) of the report's questions, each with the sentences stating its grade. */
export function answerGradeExtreme(kb: Knowledge, question: string, end: 'best' | 'worst'): Answer {
  const areas = allJudgments(kb).filter((j) => j.question !== 'overall');
  const rank = (j: Judgment) => GRADES.indexOf(j.grade);
  const target = end === 'best' ? Math.min(...areas.map(rank)) : Math.max(...areas.map(rank));
  const chosen = areas.filter((j) => rank(j) === target);
  const force = (j: Judgment) => kb.reports.find((r) => r.id === j.report)?.force ?? j.report;
  return {
    question,
    intent: 'judgment',
    answered: true,
    text: `${end === 'best' ? 'Graded highest' : 'Graded lowest'}: ${chosen.map((j) => `${force(j)} — ${j.short.toLowerCase()}: ${gradeLabel(j.grade)}`).join('; ')}.`,
    citations: chosen.flatMap((j) => [...gradeStatements(kb, j), ...(j.overview ? [j.overview] : [])]).map(toCitation),
    judgments: chosen.map(judgmentField),
  };
}

/** The areas for improvement for the named question, or all of them; only those `about` takes when it is given. */
export function answerImprovement(kb: Knowledge, question: string, area: Classification['area'], about?: (text: string) => boolean): Answer | null {
  const all: Improvement[] = [...kb.byId.values()].flatMap((e) => e.facts.improvements);
  const chosen = (area && area !== 'overall' ? all.filter((i) => inArea(area, i.title)) : all).filter((i) => !about || about(i.text));
  if (chosen.length === 0) return null;
  const byQuestion = new Map<string, Improvement[]>();
  for (const i of chosen) byQuestion.set(i.short, [...(byQuestion.get(i.short) ?? []), i]);
  const text = [...byQuestion]
    .map(([short, items]) => `${short}:\n${items.map((i) => `• ${i.text}`).join('\n')}`)
    .join('\n\n');
  return {
    question,
    intent: 'improvement',
    answered: true,
    text,
    citations: chosen.map((i) => toCitation(i.citation)),
    improvements: chosen.map((i) => ({ question: i.short, text: i.text, page: i.page })),
  };
}

/** What the report is: title, force, inspectorate, when, and its grades at a glance. */
export function answerOverview(kb: Knowledge, question: string): Answer {
  const lines: string[] = [];
  const citations: Citation[] = [];
  const judgments: NonNullable<Answer['judgments']> = [];
  for (const { report, facts } of kb.byId.values()) {
    const m = report.manifest;
    // the inspection period is quoted from the text that states it
    const periodBlock =
      report.blocks.find((b) => b.text.includes(m.inspectionPeriod)) ?? null;
    const periodFootnote = periodBlock ? null : (report.footnotes.find((f) => f.text.includes(m.inspectionPeriod)) ?? null);
    const periodSentence = (periodBlock?.text ?? periodFootnote?.text ?? '').split(/(?<=\.)\s+/).find((s) => s.includes(m.inspectionPeriod));
    lines.push(`${m.title} — ${m.inspectorate}'s inspection of ${m.force}, ${m.inspectionPeriod}.`);
    if (periodSentence) {
      citations.push(
        periodBlock
          ? citeBlock(report, periodBlock, periodSentence)
          : { report: report.id, section: `Footnote ${periodFootnote!.n}`, page: periodFootnote!.page, quote: periodSentence, block: `fn${periodFootnote!.n}` },
      );
    }
    // what the inspection looked at: the sentence that introduces the numbered list of its questions
    const scope = report.blocks.findIndex((b, i) => b.kind === 'paragraph' && b.text.trimEnd().endsWith(':') && /^1\.\s/.test(report.blocks[i + 1]?.text ?? ''));
    if (scope >= 0) {
      const b = report.blocks[scope]!;
      citations.push(citeBlock(report, b));
    }
    // the report's own summary in one sentence: its first that weighs a weakness against a strength
    const weighed = weighingSentence(report);
    if (weighed) citations.push(weighed);
    for (const j of facts.judgments) {
      lines.push(`${j.short}: ${gradeLabel(j.grade)}`);
      // the overall judgment's paragraph is the report's own summary: cited whole
      citations.push(...(j.question === 'overall' ? [j.reasons[0] ?? j.citation] : gradeStatements(kb, j)).map(toCitation));
      judgments.push(judgmentField(j));
    }
  }
  return { question, intent: 'overview', answered: true, text: lines.join('\n'), citations, judgments };
}

/** Words that weigh one thing against another: a summary's judgment ("… is limited, but, when crimes occur, …"). */
export const WEIGHS = /\b(?:but|however|although|though|while)\b/i;

/**
 * The first sentence of a report's overview summary that weighs a weakness against a strength ("The force's
 * ability to prevent crime … is limited, but, when crimes occur, it investigates them well …"), or null.
 */
function weighingSentence(report: Report): Citation | null {
  const summary = report.sections.find((s) => s.kind === 'summary' && s.path.length === 2 && /^overview$/i.test(s.path[0] ?? ''));
  for (const b of report.blocks) {
    if (b.section !== summary?.id || b.kind !== 'paragraph') continue;
    const sentence = splitSentences(b.text).find((x) => WEIGHS.test(x));
    if (sentence) return citeBlock(report, b, sentence);
  }
  return null;
}

/** A metric as a line: the value with its unit (and, for a count, what it counts), the comparator, the earlier value, the period. */
export function metricText(m: Metric, force: string, quotes: string[]): string {
  const unit = m.unit === 'count' ? '' : m.unit === 'percent' ? ' percent' : m.unit === 'rate' ? ' (rate)' : ` ${m.unit}`;
  // a part naming a number goes in only if a quote holds that number
  const inQuotes = (s: string) => digitsOf(s).every((d) => quotes.some((q) => digitsOf(q).includes(d)));
  const headline =
    m.from === 'figure'
      ? `${m.name}: ${m.value.text}${unit} in ${force}`
      : `${m.value.text}${unit}${m.unit === 'count' && m.label !== 'value' ? ` ${m.label}` : ''}`;
  const parts = [headline];
  if (m.comparator) parts.push(`${m.comparator.area}: ${m.comparator.text}${unit}`);
  if (m.earlier) parts.push(`earlier: ${m.earlier.text}${m.earlier.when ? ` (${m.earlier.when})` : ''}`);
  const text = parts.join('; ');
  return m.period && inQuotes(m.period) ? `${text} (${m.period})` : text;
}

/** The numbers in a text, as digit strings ("9,705" → "9705"). */
export function digitsOf(text: string): string[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0].replace(/,/g, '').replace(/\.$/, ''));
}
