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
import { gradeStatements, inArea, judgmentField, toCitation, WEIGHS } from './facts.js';
import { standsIn } from './scope.js';
import { RANKING } from '../search/ranking.js';

/** A paragraph of a summary, its sentences read once, and the main question it sums up (null: the whole report). */
interface SummaryParagraph {
  citation: FactCitation;
  sentences: { text: string; terms: Set<string> }[];
  judgment: Judgment | null;
}

const summaries = new WeakMap<Report, SummaryParagraph[]>();

/** Every summary paragraph of a report: the overview's (overall judgment and summary), then each main question's findings. */
function summaryParagraphs(kb: Knowledge, report: Report, judgments: Judgment[]): SummaryParagraph[] {
  const known = summaries.get(report);
  if (known) return known;
  const read = (citation: FactCitation, judgment: Judgment | null): SummaryParagraph => ({
    citation,
    judgment,
    sentences: splitSentences(citation.quote).map((text) => ({ text, terms: new Set(contentTerms(text, kb.vocabulary)) })),
  });
  // (the overview's summary, not its overall judgment: the grade of what is asked is given by its own line)
  const overviewIds = new Set(report.sections.filter((s) => s.kind === 'summary' && /^overview\b/i.test(s.path[0] ?? '')).map((s) => s.id));
  const own = report.blocks.filter((b) => b.kind === 'paragraph' && overviewIds.has(b.section)).map((b) => read(citeBlock(report, b), null));
  const findings = judgments.filter((j) => j.question !== 'overall').flatMap((j) => j.reasons.map((r) => read(r, j)));
  const all = [...own, ...findings];
  summaries.set(report, all);
  return all;
}

/** How many of the topic's terms a paragraph's best sentence holds, and that sentence. */
function bestSentence(p: SummaryParagraph, topic: string[], q: RewrittenQuery): { text: string; held: number } {
  let best = { text: p.sentences[0]?.text ?? p.citation.quote, held: 0 };
  for (const s of p.sentences) {
    const held = topic.filter((t) => standsIn(t, s.terms, q)).length;
    if (held > best.held) best = { text: s.text, held };
  }
  return best;
}

/**
 * The summary of what a question names (`topic`, its content words; `area`, a main question it names):
 * the main question's grade and the sentence stating it, the overview's summary sentence on the topic,
 * and the findings' summary paragraphs that say most of it; null when no summary speaks of the topic.
 */
export function answerTopicSummary(kb: Knowledge, question: string, q: RewrittenQuery, asked: string[], area: AreaSpec | null): Answer | null {
  // ("tl;dr on the vulnerability side": an area named by its alias alone is summed up by its own words)
  const topic = asked.length || !area ? asked : contentTerms(area.name, kb.vocabulary);
  const named = area ? new Set(contentTerms(`${area.name} ${area.aliases.join(' ')}`, kb.vocabulary)) : null;
  const wholePart = named !== null && topic.every((t) => named.has(t) || kb.intentCueTerms.has(t));
  const lines: string[] = [];
  const citations: FactCitation[] = [];
  const graded: Judgment[] = [];
  for (const { report, facts } of kb.byId.values()) {
    const judgment = area ? (facts.judgments.find((j) => j.question !== 'overall' && inArea(area, j.title)) ?? null) : null;
    const ranked = summaryParagraphs(kb, report, facts.judgments)
      .map((p) => ({ p, ...bestSentence(p, topic, q) }))
      .filter((x) => x.held > 0 && (!judgment || !x.p.judgment || x.p.judgment === judgment))
      // (on a tie, the paragraph that weighs a weakness against a strength: the summary's own judgment of it)
      .sort((a, b) => b.held - a.held || Number(WEIGHS.test(b.p.citation.quote)) - Number(WEIGHS.test(a.p.citation.quote)));
    const overview = ranked.find((x) => x.p.judgment === null);
    // (a part named by its own words alone, "gist of the investigating crime & managing offenders chapter", is summed up by its whole summary of findings)
    const findings = ranked.filter((x) => x.p.judgment !== null).slice(0, wholePart ? undefined : RANKING.summaryFindings);
    const about = judgment ?? findings[0]?.p.judgment ?? null;
    if (!about && !overview) continue;
    if (about) {
      lines.push(`${about.short}: ${gradeLabel(about.grade)}.`);
      graded.push(about);
    }
    for (const x of [overview, ...findings]) {
      if (!x || citations.some((c) => c.block === x.p.citation.block)) continue;
      lines.push(x.text);
      citations.push(x.p.citation);
    }
    // the sentence stating the grade, unless a paragraph cited whole holds it
    const statement = about ? gradeStatements(kb, about)[0] : undefined;
    if (statement && !citations.some((c) => c.block === statement.block)) citations.push(statement);
  }
  if (citations.length === 0) return null;
  return { question, intent: 'overview', answered: true, text: lines.join('\n'), citations: citations.map(toCitation), judgments: graded.map(judgmentField) };
}
