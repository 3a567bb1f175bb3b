/**
 * A summary asked of one part of a report ("tl;dr on the vulnerability side", "gist of the SOC section in
 * one line", "in a nutshell what did HMIC find on offender mgmt"): the report's own summary sentences on
 * it — the overview's summary and each main question's "Summary of findings" — never other findings.
 */
import { gradeLabel, type Report } from '../corpus/schema.js';
import { splitSentences } from '../corpus/text.js';
import { citeBlock, type FactCitation, type Judgment } from '../facts/index.js';
import { contentTerms } from '../search/content.js';
import type { RewrittenQuery } from '../search/query.js';
import type { AreaSpec } from '../search/vocabulary.js';
import type { Knowledge } from '../library/knowledge.js';
import type { Answer } from './schema.js';
import { gradeStatements, inArea, judgmentField, requoted, toCitation, WEIGHS } from './facts.js';
import { standsIn } from './scope.js';
import { RANKING } from '../search/ranking.js';

/** A paragraph of a summary, its sentences read once, and the main question it sums up (null: the whole report). */
interface SummaryParagraph {
  citation: FactCitation;
  sentences: { text: string; terms: Set<string> }[];
  judgment: Judgment | null;
  /** the overview's overall judgment: the report's verdict on each main question in a sentence of its own */
  verdict: boolean;
}

/** A sentence of the overall judgment that states the whole report's grade ("Overall, Cleveland Police requires improvement …"). */
const OVERALL_SAID = /^Overall\b/;

const summaries = new WeakMap<Report, SummaryParagraph[]>();

/** Every summary paragraph of a report: the overview's (overall judgment and summary), then each main question's findings. */
function summaryParagraphs(kb: Knowledge, report: Report, judgments: Judgment[]): SummaryParagraph[] {
  const known = summaries.get(report);
  if (known) return known;
  const read = (citation: FactCitation, judgment: Judgment | null, verdict = false): SummaryParagraph => ({
    citation,
    judgment,
    verdict,
    // (the overall judgment's sentence on the whole, "Overall, … requires improvement …": the grade of what is asked is given by its own line)
    sentences: splitSentences(citation.quote).filter((text) => !(verdict && OVERALL_SAID.test(text))).map((text) => ({ text, terms: new Set(contentTerms(text, kb.vocabulary)) })),
  });
  const overview = (kind: string) => new Set(report.sections.filter((s) => s.kind === kind && /^overview\b/i.test(s.path[0] ?? '')).map((s) => s.id));
  const paragraphsOf = (ids: Set<string>) => report.blocks.filter((b) => b.kind === 'paragraph' && ids.has(b.section));
  const verdicts = paragraphsOf(overview('judgment')).map((b) => read(citeBlock(report, b), null, true));
  const own = paragraphsOf(overview('summary')).map((b) => read(citeBlock(report, b), null));
  const findings = judgments.filter((j) => j.question !== 'overall').flatMap((j) => j.reasons.map((r) => read(r, j)));
  const all = [...verdicts, ...own, ...findings];
  summaries.set(report, all);
  return all;
}

/** How many of the topic's terms a paragraph's best sentence holds, and that sentence; `said`, how many the paragraph holds in all. */
function bestSentence(p: SummaryParagraph, topic: string[], q: RewrittenQuery): { text: string; held: number; said: number } {
  let best = { text: p.sentences[0]?.text ?? p.citation.quote, held: 0 };
  for (const s of p.sentences) {
    const held = topic.filter((t) => standsIn(t, s.terms, q)).length;
    if (held > best.held) best = { text: s.text, held };
  }
  const said = topic.filter((t) => p.sentences.some((s) => standsIn(t, s.terms, q))).length;
  return { ...best, said };
}

/**
 * The summary of what a question names (`topic`, its content words; `area`, a main question it names):
 * the main question's grade and the sentence stating it, the overall judgment's sentence on the topic, the
 * overview's summary sentence on it, and the findings' summary paragraphs that say most of it; null when
 * no summary speaks of the topic.
 */
export function answerTopicSummary(kb: Knowledge, question: string, q: RewrittenQuery, asked: string[], area: AreaSpec | null): Answer | null {
  // ("tl;dr on the vulnerability side": an area named by its alias alone is summed up by its own words)
  const topic = asked.length || !area ? asked : contentTerms(area.name, kb.vocabulary);
  const named = area ? new Set(contentTerms(`${area.name} ${area.aliases.join(' ')}`, kb.vocabulary)) : null;
  const wholePart = named !== null && topic.every((t) => named.has(t) || kb.intentCueTerms.has(t));
  const summed: Summed = { lines: [], citations: [], graded: [] };
  for (const { report, facts } of kb.byId.values()) sumUp(kb, q, summed, report, facts.judgments, topic, area, wholePart);
  if (summed.citations.length === 0) return null;
  return { question, intent: 'overview', answered: true, text: summed.lines.join('\n'), citations: summed.citations.map(toCitation), judgments: summed.graded.map(judgmentField) };
}

/** A topic summary as it is built up, report by report. */
interface Summed {
  lines: string[];
  citations: FactCitation[];
  graded: Judgment[];
}

/** One report's summary of the topic added to `summed`: its grade line, then each summary sentence on the topic, each paragraph once. */
function sumUp(kb: Knowledge, q: RewrittenQuery, summed: Summed, report: Report, judgments: Judgment[], topic: string[], area: AreaSpec | null, wholePart: boolean): void {
  const judgment = area ? (judgments.find((j) => j.question !== 'overall' && inArea(area, j.title)) ?? null) : null;
  const ranked = summaryParagraphs(kb, report, judgments)
    .map((p) => ({ p, ...bestSentence(p, topic, q) }))
    .filter((x) => x.held > 0 && (!judgment || !x.p.judgment || x.p.judgment === judgment))
    // (the paragraph that says most of what was asked, "DA, CSE, missing children", though no one sentence says it all;
    // on a tie, the one whose sentence says most, then the one that weighs a weakness against a strength: the summary's own judgment of it)
    .sort((a, b) => b.said - a.said || b.held - a.held || Number(WEIGHS.test(b.p.citation.quote)) - Number(WEIGHS.test(a.p.citation.quote)));
  // (the overall judgment's sentence on it first: the report's verdict on it in one sentence)
  const verdict = ranked.find((x) => x.p.verdict);
  const overview = ranked.find((x) => x.p.judgment === null && !x.p.verdict);
  // (a part named by its own words alone, "gist of the investigating crime & managing offenders chapter", is summed up by its whole summary of findings)
  const findings = ranked.filter((x) => x.p.judgment !== null).slice(0, wholePart ? undefined : RANKING.summaryFindings);
  const about = judgment ?? findings[0]?.p.judgment ?? null;
  if (!about && !overview && !verdict) return;
  if (about) {
    summed.lines.push(`${about.short}: ${gradeLabel(about.grade)}.`);
    summed.graded.push(about);
  }
  for (const x of [verdict, overview, ...findings]) {
    if (!x || summed.citations.some((c) => c.block === x.p.citation.block)) continue;
    summed.lines.push(x.text);
    // (the overall judgment speaks of every main question: only its sentence on this one is quoted)
    summed.citations.push(x.p.verdict ? requoted(kb, x.p.citation, x.text) : x.p.citation);
  }
  // the sentence stating the grade, unless a paragraph cited whole holds it
  const statement = about ? gradeStatements(kb, about)[0] : undefined;
  if (statement && !summed.citations.some((c) => c.block === statement.block)) summed.citations.push(statement);
}
