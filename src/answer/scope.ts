/**
 * Which reports a question is about (the force it names, else every report, else "which force?"),
 * its rewrite against their words, and the key terms an answer must cover: what every answer kind
 * (metric, passages, follow-ups) shares.
 */
import { wordsOf } from '../search/phrases.js';
import { phrasalVerb } from '../search/grammar.js';
import { rewriteQuery, type RewrittenQuery } from '../search/query.js';
import { stripSlackMarkup } from '../search/markup.js';
import { termOf } from '../words/terms.js';
import { RANKING } from '../search/ranking.js';
import { type Classification } from './classify.js';
import type { Scored } from '../search/scorer.js';
import type { Knowledge, ReportEntry } from '../library/knowledge.js';
import type { Answer, Intent } from './schema.js';

export function scopeProblem(kb: Knowledge, cls: Classification, intent: Intent, topical = false): string | null {
  if (cls.otherForce && intent !== 'passage' && intent !== 'help') {
    // (the forces listed only when told: at 100× the corpus they are hundreds)
    const forces = kb.reports.map((r) => r.force).join(', ');
    return `The reports here cover ${forces} only; they do not grade or measure ${cls.otherForce}.`;
  }
  if (cls.otherPillar && (intent === 'judgment' || intent === 'overview')) {
    return `The reports here are about police ${[...new Set(kb.reports.map((r) => r.pillar))].join(', ')}; they give no ${cls.otherPillar} grade.`;
  }
  // ("better or worse than 2011?" about a topic, not a grade, is checked against the passages instead)
  if (cls.otherYear && (intent === 'judgment' || intent === 'overview' || intent === 'improvement') && !topical) {
    return `None of the reports here is of the year asked about.`;
  }
  return null;
}

interface ScopedResult {
  id: string;
  score: number;
  entry: ReportEntry;
}

/** Searches each report in scope and merges the results, best first. */
export function searchScope(kb: Knowledge, search: (entry: ReportEntry) => Scored[]): ScopedResult[] {
  const out: ScopedResult[] = [];
  for (const entry of kb.byId.values()) for (const r of search(entry)) out.push({ id: String(r.id), score: r.score, entry });
  return kb.byId.size === 1 ? out : out.sort((a, b) => b.score - a.score);
}

/** A part of a message with the topic of the part before it: searched together; the topic's words required only when the part has none of its own. */
export function withTopic(kb: Knowledge, q: RewrittenQuery, topic: RewrittenQuery): RewrittenQuery {
  // (a part that names only a doing, "how many did they hand out?", counts what the topic names)
  const words = q.normalised.split(' ');
  const keys = keyTerms(kb, q);
  const doing = keys.filter((t) => phrasalVerb(words, q.said.get(t) ?? t, kb.vocabulary.english));
  const ownKeys = keys.some((t) => !q.verbs.has(t) && !doing.includes(t));
  const optional = new Set([...q.optional, ...(ownKeys ? topic.terms.filter((t) => !q.terms.includes(t)) : [])]);
  const alternatives = new Map([...topic.alternatives, ...q.alternatives]);
  // what the topic names that the reports never use ("the budget") stays unknown: the part is about it too
  const unknown = [...new Set([...q.unknown, ...topic.unknown])];
  for (const t of topic.unknown) optional.delete(t);
  // what each word says (its IDF, a name typed inside) goes with it: the evidence check weighs the topic's words as its own
  const idf = new Map([...(topic.idf ?? []), ...(q.idf ?? [])]);
  const names = new Set([...topic.names, ...q.names]);
  return { ...q, expanded: `${q.expanded} ${topic.expanded}`, terms: [...new Set([...q.terms, ...topic.terms])], optional, verbs: new Set([...q.verbs, ...topic.verbs, ...doing]), alternatives, unknown, said: new Map([...topic.said, ...q.said]), idf, names };
}

/** A text read against the reports in scope: their words are the ones a typo is mended towards and an abbreviation spelt out from. */
export function rewrite(kb: Knowledge, entries: ReportEntry[], text: string): RewrittenQuery {
  const spellOut = (a: string) => entries.map((e) => e.search.spellOut(a)).find((x) => x !== null) ?? null;
  const q = rewriteQuery(text, kb.vocabulary, knownTerms(entries), termsBySize(entries), kb.cueTerms, spellOut);
  return { ...q, idf: inverseFrequencies(entries, q) };
}

/** Each term's IDF over the passages of the reports in scope; a term they never use, that of the commonest thing it stands for. */
function inverseFrequencies(entries: ReportEntry[], q: RewrittenQuery): Map<string, number> {
  const passages = entries.reduce((n, e) => n + e.search.passageTerms.size, 0);
  const df = (t: string) => entries.reduce((n, e) => n + (e.search.documentFrequency.get(t) ?? 0), 0);
  const out = new Map<string, number>();
  for (const t of q.terms) {
    // (a phrase it stands for is in no more passages than its rarest word)
    const standing = (q.alternatives.get(t) ?? []).filter((a) => a.length > 0).map((a) => Math.min(...a.map(df)));
    out.set(t, Math.log((passages + 1) / (Math.max(df(t), ...standing) + 1)));
  }
  return out;
}

function knownTerms(entries: ReportEntry[]): Set<string> {
  if (entries.length === 1) return entries[0]!.search.terms;
  return new Set(entries.flatMap((e) => [...e.search.terms]));
}

function termsBySize(entries: ReportEntry[]): Map<number, string[]> {
  if (entries.length === 1) return entries[0]!.termsByLength;
  const out = new Map<number, string[]>();
  for (const e of entries) for (const [n, terms] of e.termsByLength) out.set(n, [...(out.get(n) ?? []), ...terms]);
  return out;
}

function withReports(kb: Knowledge, ids: Set<string>): Knowledge {
  if (ids.size === kb.byId.size) return kb;
  const byId = new Map<string, ReportEntry>();
  for (const id of [...ids].sort()) {
    const entry = kb.byId.get(id);
    if (entry) byId.set(id, entry);
  }
  return { ...kb, reports: kb.reports.filter((r) => ids.has(r.id)), byId, facts: (id) => (ids.has(id) ? kb.facts(id) : undefined) };
}

/**
 * The reports a question is about: those whose force it names, else all of them when there is
 * one. With several reports and no force named, null: the answer asks which force.
 */
export function scopeFor(kb: Knowledge, question: string): Knowledge | null {
  const words = wordsOf(stripSlackMarkup(question));
  const named = new Set(kb.forces.findLongest(words).flatMap((m) => m.value));
  if (named.size === 0) return kb.reports.length === 1 ? kb : null;
  return withReports(kb, named);
}

/** A follow-up in a thread is about the reports the last answer cited. */
export function scopeOfAnswer(kb: Knowledge, previous: Answer): Knowledge | null {
  const ids = new Set([...previous.citations.map((c) => c.report), ...(previous.judgments ?? []).map((j) => j.report)]);
  return ids.size ? withReports(kb, ids) : null;
}

/** With several reports and no force named: which force? (answered=false, with questions naming some). */
export function whichForce(kb: Knowledge, question: string): Answer {
  const forces = [...new Set(kb.reports.map((r) => r.force))];
  const listed = forces.length > 10 ? `${forces.slice(0, 10).join(', ')} and others` : forces.join(', ');
  return {
    question,
    intent: 'none',
    answered: false,
    text: `Which force? I have reports on ${listed}. Name the force in your question.`,
    citations: [],
    suggestions: forces.slice(0, 3).map((f) => `What grades did ${f} get?`),
  };
}

// --- evidence --------------------------------------------------------------------------------

/**
 * What a question asks about, for picking among the report's own summaries and areas for
 * improvement: its required words less the intents' cue words, the force's name and numbers.
 */
export function topicTerms(kb: Knowledge, q: RewrittenQuery): string[] {
  return q.terms.filter((t) => !q.optional.has(t) && !kb.intentCueTerms.has(t) && !kb.forceTerms.has(t) && !/\d/.test(t));
}

/**
 * The question's content words that must be found in an answer: not the force's name, not the
 * intents' cue words, and for a passage not an area's alias either (the area steers the search).
 */
export function keyTerms(kb: Knowledge, q: RewrittenQuery, cues: Set<string> = kb.cueTerms): string[] {
  // (a month, like a year, says when, not what: "between the yr to June 2010 and yr to June 2015")
  const keys = q.terms.filter((t) => !cues.has(t) && !kb.forceTerms.has(t) && !q.optional.has(t) && !/\d/.test(t) && !MONTH_TERMS.has(t));
  // the verbs count only when the question names nothing else ("is the charge rate better?")
  const nouns = keys.filter((t) => !q.verbs.has(t));
  return nouns.length ? nouns : keys;
}

const MONTH_TERMS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map(termOf));

/** True when a term stands in a text's terms, or all the words of something it stands for do (an acronym's expansion, a synonym). */
export function standsIn(t: string, have: Set<string>, q: RewrittenQuery): boolean {
  if (have.has(t)) return true;
  return (q.alternatives.get(t) ?? []).some((alt) => alt.length > 0 && alt.every((a) => have.has(a)));
}

/**
 * Share of `terms` found in a text's terms (the evidence check); a figure's paragraph may spell an acronym out around its number.
 * `weighed`, the best of that and two shares weighed by what each word says: one in which a name typed inside the question
 * counts `RANKING.nameWeight` times ("the THRIVE thing the control room uses"), one in which each counts its IDF in the
 * reports. A passage holding the question's name, or its rarest words, and some of the rest covers it.
 */
export function coverage(terms: string[], have: Set<string>, q: RewrittenQuery, context?: Set<string>, weighed = false): number {
  const known = terms.filter((t) => !q.unknown.includes(t));
  if (known.length === 0) return terms.length === 0 ? 1 : 0;
  const held = known.filter((t) => standsIn(t, have, q) || (context && q.alternatives.has(t) && standsIn(t, context, q)));
  if (!weighed) return held.length / known.length;
  // (a word in every passage weighs nothing by its IDF: when all do, that share says nothing)
  const share = (weight: (t: string) => number) => {
    const all = sum(known, weight);
    return all > 0 ? sum(held, weight) / all : 0;
  };
  const plain = held.length / known.length;
  if (plain < RANKING.minPlainCoverage) return plain;
  return Math.max(plain, share((t) => (q.names.has(t) ? RANKING.nameWeight : 1)), share((t) => q.idf?.get(t) ?? 1));
}

function sum(terms: string[], weight: (t: string) => number): number {
  return terms.reduce((n, t) => n + weight(t), 0);
}

// --- metric ----------------------------------------------------------------------------------

const searches = new WeakMap<RewrittenQuery, Map<string, ScopedResult[]>>();

/**
 * A question's passage search, run once however many ways it is answered (a figure question falls
 * back to its passages, a comparison to any passage): the same query with the same boosts gives the
 * same results, and the search is most of an answer's time. Forgotten with the question.
 */
export function searchedOnce(q: RewrittenQuery, boosts: string, search: () => ScopedResult[]): ScopedResult[] {
  let byBoosts = searches.get(q);
  if (!byBoosts) searches.set(q, (byBoosts = new Map()));
  let results = byBoosts.get(boosts);
  if (!results) byBoosts.set(boosts, (results = search()));
  return results;
}
