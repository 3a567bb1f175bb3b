/**
 * Prose: the passages that cover the question's key terms, the sentence in each that carries the
 * answer type (a date for "when", a name for "who", a reason for "why", where the report defines a
 * term), a lead-in with its list, and a decline that names the nearest section when none does.
 */
import { GRADES } from '../corpus/schema.js';
import { type Passage, withoutCommonTerms } from '../search/index.js';
import { RANKING } from '../search/ranking.js';
import { searchOr } from '../search/scorer.js';
import { wordsOf } from '../search/phrases.js';
import { contentTerms } from '../search/content.js';
import { stripSlackMarkup } from '../search/markup.js';
import { type RewrittenQuery } from '../search/query.js';
import { type Classification } from './classify.js';
import { expansionIn } from '../words/acronyms.js';
import { termOf } from '../words/terms.js';
import { type AnswerType, carriesType, definesTerm, MEANING_ASKED } from './types.js';
import { definingSentence } from './defining.js';
import { passageCitation } from './facts.js';
import { pagesOf } from '../corpus/page-span.js';
import type { Knowledge } from '../library/knowledge.js';
import type { Answer, Citation, Intent } from './schema.js';
import { coverage, keyTerms, searchScope, searchedOnce, standsIn } from './scope.js';
import { none, saidOf, unknownReason } from './replies.js';

/** A prose question answered: the passages that cover its key terms, each shown by the sentence that carries the answer type, or a decline. */
export function answerPassages(kb: Knowledge, question: string, q: RewrittenQuery, cls: Classification, offset: number, intent: Intent, onlyCompared = false): Answer {
  // what a definition asks about is its subject ("what does SAR mean in the OCG bit" → SAR), which may be a cue word itself ("requires improvement")
  // (the grading scale is found by the grades it names, whatever else the question says: "hands out", "explainer")
  const keys = cls.answerType === 'definition' ? definitionSubject(kb, q) : cls.answerType === 'grades' ? [] : keyTerms(kb, q);
  if (cls.answerType === 'expansion') return answerExpansion(kb, question, q);
  const unasked = declineUnknownTopic(kb, question, q, keys, cls.area === null && cls.answerType !== 'grades');
  if (unasked) return unasked;
  const results = searchPassages(kb, q, cls);
  const nearest = results[0] && results[0].score >= RANKING.minPassageScore ? results[0].entry.search.passages.get(results[0].id)! : null;
  const { good, untyped } = evidence(kb, q, cls, keys, results);
  if (good.length === 0) {
    // a comparison with other forces is preferred, not required: the passage on the topic still answers
    if (cls.answerType === 'compare' && !onlyCompared) return answerPassages(kb, question, q, { ...cls, answerType: 'any' }, offset, intent);
    // the report speaks of it, but not in the way asked: say so, and where it does speak of it
    if (untyped) return none(kb, question, q, `The report does not say ${TYPE_PHRASE[cls.answerType]} “${saidOf(q, keys) || 'that'}”.${nearby(kb, untyped)}`);
    return none(kb, question, q, `${unknownReason(q, keys)}${nearby(kb, nearest)}`);
  }
  if (cls.answerType === 'definition' || cls.answerType === 'grades') definitionsFirst(good, cls.answerType === 'grades');
  return passagesAnswer(kb, question, good, offset, intent, q);
}

/** A passage that answers, with the sentence of it shown first. */
interface Evidence {
  passage: Passage;
  score: number;
  lead: string;
}

/**
 * A question about something the reports do not speak of: a third of its content words never used,
 * or most of what it names absent with one word left ("the troubled families programme"), or, naming no
 * area (`topicless`), only words the reports never use beside cue words ("hate crime"); null otherwise.
 */
function declineUnknownTopic(kb: Knowledge, question: string, q: RewrittenQuery, keys: string[], topicless: boolean): Answer | null {
  const unknownShare = keys.length ? keys.filter((k) => q.unknown.includes(k)).length / keys.length : 0;
  if (q.terms.length === 0 || unknownShare >= RANKING.maxUnknownShare) return none(kb, question, q, unknownReason(q, keys));
  // (a verb of saying or hearing, "<@U…> mentioned a uni did a study", frames what is asked; a word set aside
  // as saying how that the report uses, "on time", "day to day", is not absent from it)
  const used = (w: string) => [...kb.byId.values()].some((e) => e.search.terms.has(termOf(w)));
  const absent = q.dropped.filter((w) => !kb.vocabulary.english.isStopword(w) && !SAYING.test(w) && !used(w));
  // ("anything on hate crime?": with "hate" set aside, no area and nothing else is left to ask about but the cue word "crime")
  // (a key word left that names something specific, "ROCU", still says what is asked: "seems odd for a force w/ thirty-odd groups" is an aside)
  const thin = keys.length <= RANKING.thinKeys && keys.every((k) => kb.vocabulary.english.kind(q.said.get(k) ?? k) === 'general');
  if ((thin && absent.length >= RANKING.thinAbsent) || (topicless && keys.length === 0 && absent.length > 0)) return none(kb, question, q, `The report does not mention “${absent.join(' ')}”.`);
  return null;
}

/** The question's passage search (once per question and scope), favouring the area it names and, for a definition, footnotes and Annex A. */
function searchPassages(kb: Knowledge, q: RewrittenQuery, cls: Classification): ReturnType<typeof searchScope> {
  const areaQuestion = cls.area && cls.area !== 'overall' ? cls.area.matches.toLowerCase() : null;
  const defining = cls.answerType === 'definition' || cls.answerType === 'grades';
  const searched = cls.answerType === 'grades' ? `${q.expanded} ${GRADE_NAMES}` : q.expanded;
  return searchedOnce(q, `${areaQuestion}|${defining}|${cls.answerType === 'grades'}|${kb.reports.map((r) => r.id).join(',')}`, () => searchScope(kb, (e) =>
    searchOr(e.search.passageIndex, searched, {
      ...withoutCommonTerms(e.search, kb.vocabulary, searched),
      boostDocument: (id) => {
        const p = e.search.passages.get(String(id));
        if (!p || p.kind === 'source') return RANKING.sourceBoost;
        // a definition stands in a footnote or Annex A more often than in the findings
        const defines = defining && (p.kind === 'footnote' || p.chapter.startsWith('annex'));
        // an area named in the question favours its own chapter
        return (areaQuestion && p.chapter.includes(areaQuestion) ? RANKING.areaBoost : 1) * (defines ? RANKING.definitionBoost : 1);
      },
    }),
  ));
}

/**
 * The best-scored passages that cover the key terms (and the year asked), each once, with the sentence
 * carrying the answer type; `untyped` is the first that covers them but has no such sentence.
 */
function evidence(kb: Knowledge, q: RewrittenQuery, cls: Classification, keys: string[], results: ReturnType<typeof searchScope>): { good: Evidence[]; untyped: Passage | null } {
  const asked = new Set(wordsOf(q.normalised));
  const good: Evidence[] = [];
  const seenText = new Set<string>();
  let untyped: Passage | null = null;
  // the evidence check reads only the best-scored few: beyond them no passage would be shown
  for (const r of results.slice(0, RANKING.candidates)) {
    const passage = r.entry.search.passages.get(r.id)!;
    if (r.score < RANKING.minPassageScore) break;
    if (coverageWithFigures(keys, r.entry.search.spelt(r.entry.search.passageTerms.get(passage.id)!), q) < RANKING.minCoverage) continue;
    // a year no report is of must stand in the evidence ("the 2016 inspection")
    // (or in the paragraph before it, which "over this same period" points back to)
    if (cls.otherYear && !passage.text.includes(cls.otherYear) && !(POINTS_BACK.test(passage.text) && blockBefore(kb, passage).includes(cls.otherYear))) continue;
    const key = passage.text.slice(0, 80);
    if (seenText.has(key)) continue;
    seenText.add(key);
    // (a lead-in carries its list: "The judgment categories are:" names the grades in the bullets after it)
    const carries = (s: string) => carriesType(cls.answerType, s, asked, kb.forceWords) || (s.trimEnd().endsWith(':') && carriesType(cls.answerType, listAfter(kb, passage).map((b) => b.text).join(' '), asked, kb.forceWords));
    const sentences = r.entry.search.sentences(passage.id);
    const asks = cls.answerType === 'grades' ? { ...q, terms: [] } : q;
    const typed = cls.answerType === 'any' ? undefined : carries;
    // (the year asked, "what did the 2014 inspection recommend …", is shown where the passage names it)
    const lead = (cls.otherYear ? keySentence(sentences, asks, (s) => s.includes(cls.otherYear!) && (!typed || typed(s))) : null) ?? keySentence(sentences, asks, typed);
    if (lead === null) {
      untyped ??= passage;
      continue;
    }
    good.push({ passage, score: r.score, lead });
  }
  // "why can't they …": passages that give a cause in so many words come before those that merely mention a weakness
  // (each group in the search order)
  if (cls.answerType === 'why') good.sort((a, b) => Number(CAUSE_SAID.test(b.passage.text)) - Number(CAUSE_SAID.test(a.passage.text)));
  return { good, untyped };
}

/**
 * The evidence check with the numbers the question gives that the report writes ("cut from 280 to 140"): each
 * counts as a word the passage must hold, so one that holds them all covers a question whose own word for the
 * thing ("cohort") is not the report's ("managed offenders").
 */
function coverageWithFigures(keys: string[], have: Set<string>, q: RewrittenQuery): number {
  const known = keys.filter((t) => !q.unknown.includes(t)).length;
  // (not a year, which says when; and only a passage holding every one: "in like 10 yrs" is a claim to check, not evidence)
  const figures = q.figures.filter((f) => !/^(?:19|20)\d\d$/.test(f));
  if (figures.length === 0 || known === 0 || !figures.every((f) => have.has(f))) return coverage(keys, have, q, undefined, true);
  return (coverage(keys, have, q, undefined, true) * known + figures.length) / (known + figures.length);
}

/** Words that give a cause: "because", "as a result", "is restricted by", "which is affecting", "unable to". */
const CAUSE_SAID = /\b(?:because|due to|as a result|result(?:s|ed)? in|owing to|(?:restricted|limited|hampered|constrained) by|affect(?:s|ed|ing) adversely|adversely affect\w*|unable to|led to|leads? to|caus(?:e|ed|es|ing))\b/i;

/**
 * Where the report defines comes first, the search order kept otherwise (a sentence that sends the reader
 * elsewhere, "see Annex A for definitions", after one that says it); where it defines, passages that merely
 * use the term are dropped: they add nothing to a definition.
 */
function definitionsFirst(good: Evidence[], scale: boolean): void {
  // (the grading scale is shown first where a sentence names it whole; a lead-in to a list of it comes after)
  const listed = (g: Evidence) => (scale && g.lead.trimEnd().endsWith(':') ? 1.5 : 0);
  const rank = (g: Evidence) => (definesTerm(g.lead, g.passage.kind, g.passage.section) ? Math.max(/\bsee\b/i.test(g.lead) ? 1 : 0, listed(g)) : 2);
  good.sort((a, b) => rank(a) - rank(b));
  if (rank(good[0]!) < 2) good.splice(0, good.length, ...good.filter((g) => rank(g) < 2));
}

/** One page of passages: the first one's sentence (with the list it introduces) as the text, each cited. */
function passagesAnswer(kb: Knowledge, question: string, good: Evidence[], offset: number, intent: Intent, q: RewrittenQuery): Answer {
  const page = good.slice(offset, offset + RANKING.pageSize);
  if (page.length === 0) return none(kb, question, q, 'There are no more passages on that.');
  const first = page[0]!;
  // a sentence that introduces a list carries its list
  const list = first.lead.trimEnd().endsWith(':') ? listAfter(kb, first.passage) : [];
  return {
    question,
    intent,
    answered: true,
    text: list.length ? `${first.lead}\n${list.map((b) => `• ${b.text}`).join('\n')}` : first.lead,
    citations: [quoted(kb, first.passage), ...list.map((b) => b.citation), ...page.slice(1).map(({ passage }) => quoted(kb, passage))],
    ...(good.length > offset + RANKING.pageSize ? { nextOffset: offset + RANKING.pageSize } : {}),
  };
}

/**
 * A passage's citation; a part of a long paragraph that opens by pointing back ("They also work on an appointment
 * car …", "These abstractions …") is quoted with the part before it, which says who or what it is about.
 */
function quoted(kb: Knowledge, passage: Passage): Citation {
  const m = /^(.*)\.(\d+)$/.exec(passage.id);
  const before = m && Number(m[2]) > 1 && POINTS_TO_BEFORE.test(passage.text) ? kb.byId.get(passage.report)?.search.passages.get(`${m[1]}.${Number(m[2]) - 1}`) : undefined;
  if (!before) return passageCitation(passage);
  // the two parts' pages: from where the part before starts to where this one ends
  const { lastPage, ...citation } = passageCitation(passage, `${before.text} ${passage.text}`);
  const last = lastPage ?? passage.page;
  return { ...citation, page: before.page, ...(last > before.page ? { lastPage: last } : {}) };
}

/** A sentence that opens with a word pointing back to the one before: a pronoun or a demonstrative. */
const POINTS_TO_BEFORE = /^(?:They|These|This|It|Its|Their|Those|Such|He|She|Both)\b/;

/** Verbs of saying, hearing and reading: how a person came to ask, never what they ask about. */
const SAYING = /^(?:mention(?:s|ed|ing)?|sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|ask(?:s|ed|ing)?|hear(?:s|d|ing)?|s(?:aw|een)|read(?:s|ing)?|wonder(?:s|ed|ing)?|reckon(?:s|ed|ing)?|suggest(?:s|ed|ing)?|claim(?:s|ed|ing)?|rumou?r(?:s|ed)?)$/;

/** Words that point back to the period of the paragraph before: "over this same period", "during that time". */
export const POINTS_BACK = /\b(?:(?:this|that|the) same (?:period|time)|(?:over|during|in|for) (?:this|that) (?:period|time))\b/i;

/** The text of the block before a passage's in the same section ("Over this same period …" points back to it), or "". */
export function blockBefore(kb: Knowledge, passage: Pick<Passage, 'report' | 'block'>): string {
  const report = kb.byId.get(passage.report)?.report;
  const i = report ? report.blocks.findIndex((b) => b.id === passage.block) : -1;
  const before = i > 0 ? report!.blocks[i - 1]! : null;
  return before && before.section === report!.blocks[i]!.section ? before.text : '';
}

/** The grades of an inspection, searched for when the grading scale is asked about. */
const GRADE_NAMES = GRADES.join(' ');

/** The key words of what a definition question asks about: the words between "what does" and "mean", after "define", … or all its key words. */
function definitionSubject(kb: Knowledge, q: RewrittenQuery): string[] {
  const all = keyTerms(kb, q, new Set());
  const m = /\bwhat (?:exactly |actually |precisely )?(?:does|do|is) (.+?) (?:actually |really )?mean\b|\bdefin(?:e|ition of|ition for) (.+)|\b(?:what is meant by|what counts as|meaning of) (.+)|^\W*(?:what|wth|wtf)(?:'s| is| are)\s+(?:an? )?([a-z&-]+(?: [a-z&-]+)?)\b/.exec(q.plain);
  // a term put in quotes is what is defined ("define 'requires improvement' - does that mean they're failing?")
  const quoted = [...q.plain.matchAll(/(?:^|[\s(])['"“‘]([^'"”’]{2,40})['"”’](?=$|[\s?,.;:)-])/g)].map((x) => x[1]!).join(' ');
  const subject = quoted || (m ? (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '') : '');
  const wanted = new Set(contentTerms(subject.replace(/['‘’"“”]/g, ' '), kb.vocabulary));
  const keys = all.filter((t) => wanted.has(t) || [...wanted].some((w) => (q.alternatives.get(t) ?? []).some((alt) => alt.includes(w))));
  return keys.length ? keys : all;
}

/** How a decline says what kind of answer the report lacks: "The report does not say who … “chief constable”". */
const TYPE_PHRASE: Record<AnswerType, string> = {
  person: 'who holds the post asked about:',
  who: 'who, for',
  when: 'when, for',
  why: 'why, for',
  where: 'where, for',
  definition: 'what is meant by',
  expansion: 'what stands for',
  grades: 'which grades can be given, for',
  future: 'what will happen, for',
  compare: 'how it compares with other forces, for',
  any: 'more on',
};

/** Where the report comes nearest a declined question: " p. 21 is about how well …" (a page reference, not a figure). */
function nearby(kb: Knowledge, passage: Passage | null): string {
  return passage ? ` The nearest it comes is p. ${passage.page}, on ${topicOf(kb, passage)}.` : '';
}

/** What a passage is about, for a decline that points to it: its section's last heading. */
export function topicOf(kb: Knowledge, p: { report: string; block: string }): string {
  if (p.block.startsWith('fn')) return 'a footnote';
  const report = kb.byId.get(p.report)?.report;
  const sectionId = report?.blocks.find((b) => b.id === p.block)?.section;
  const path = report?.sections.find((s) => s.id === sectionId)?.path ?? [];
  // a heading with a number in it ("Figure 4 …") would put a number in the text that no quote holds
  const heading = [...path].reverse().find((h) => !/\d/.test(h)) ?? 'that part of the report';
  return `“${heading.replace(/\?$/, '')}”`;
}

/** The bullets that follow a passage's block in its section: the list its last sentence introduces. */
function listAfter(kb: Knowledge, passage: Passage): { text: string; citation: Citation }[] {
  const report = kb.byId.get(passage.report)?.report;
  if (!report) return [];
  const i = report.blocks.findIndex((b) => b.id === passage.block);
  const out: { text: string; citation: Citation }[] = [];
  for (let j = i + 1; i >= 0 && j < report.blocks.length; j++) {
    const b = report.blocks[j]!;
    if (b.kind !== 'bullet' || b.section !== report.blocks[i]!.section) break;
    const { page, lastPage } = pagesOf(b);
    out.push({ text: b.text, citation: { report: report.id, section: passage.section, page, ...(lastPage > page ? { lastPage } : {}), quote: b.text, block: b.id } });
  }
  return out;
}

/** "What does PEEL stand for?": the words of the report that spell the abbreviation out, or a decline that says it is not spelt out. */
function answerExpansion(kb: Knowledge, question: string, q: RewrittenQuery): Answer {
  const raw = stripSlackMarkup(question);
  const abbreviation =
    raw.match(/\b([A-Z][A-Z&]{1,9}s?)\b/)?.[1] ?? q.normalised.match(/\b(?:does|do|is)\s+(?:an?\s+|the\s+)?([a-z&]{2,10})\s+(?:stand|short)/)?.[1] ?? null;
  if (!abbreviation) return none(kb, question, q, 'Which abbreviation? Write it as the report does, e.g. "what does PEEL stand for?"');
  const bare = abbreviation.replace(/s$/, '').toUpperCase();
  let used: Passage | null = null;
  const written = new RegExp(`\\b${bare}s?\\b`);
  for (const entry of kb.byId.values()) {
    for (const passage of entry.search.passages.values()) {
      if (!written.test(passage.text)) continue;
      used ??= passage;
      for (const { text: sentence } of entry.search.sentences(passage.id)) {
        const expansion = sentence.includes(bare) ? expansionIn(bare, sentence) : null;
        if (!expansion) continue;
        const spelt = { question, intent: 'passage' as const, answered: true, text: `${bare}: ${expansion}.`, citations: [passageCitation(passage, sentence)] };
        // ("what does the acronym SAR mean?": what it is, where a footnote or Annex A says so, follows its letters)
        const defined = MEANING_ASKED.test(q.plain.replace(/[’]/g, "'")) ? definingSentence(kb, bare, expansion) : null;
        return defined ? { ...spelt, text: `${spelt.text}\n${defined.sentence}`, citations: [...spelt.citations, passageCitation(defined.passage, defined.sentence)] } : spelt;
      }
    }
  }
  if (used) return none(kb, question, q, `The report uses ${bare} (p. ${used.page}) but does not spell it out.`);
  return none(kb, question, q, `The report does not use ${bare}.`);
}

/** The sentence of a passage that carries most of the question's words (the earliest on a tie), among those `accept` takes; null when it takes none. */
export function keySentence(sentences: { text: string; terms: Set<string> }[], q: RewrittenQuery, accept?: (sentence: string) => boolean): string | null {
  const typed = accept !== undefined;
  let best: string | null = null;
  let bestScore = -1;
  for (const { text, terms } of sentences) {
    if (accept && !accept(text)) continue;
    const score = q.terms.filter((t) => standsIn(t, terms, q)).length;
    // a sentence taken for its answer type must also be about what was asked
    if (typed && score === 0 && q.terms.length > 0) continue;
    if (score > bestScore) {
      best = text;
      bestScore = score;
    }
  }
  return best;
}
