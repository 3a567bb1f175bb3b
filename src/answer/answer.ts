import { GRADES } from '../corpus/schema.js';
import { splitSentences } from '../corpus/text.js';
import type { Metric } from '../facts/index.js';
import { type Passage, withoutCommonTerms } from '../search/index.js';
import { RANKING } from '../search/ranking.js';
import { wordsOf } from '../search/phrases.js';
import { contentTerms, phrasalVerb, rewriteQuery, stripSlackMarkup, type RewrittenQuery } from '../search/query.js';
import { termOf } from '../words/terms.js';
import { classifyQuestion, findArea, REFERENCE, type Classification } from './classify.js';
import { expansionIn } from '../words/acronyms.js';
import { type AnswerType, answerTypeOf, asksWhy, carriesType, claimedGrade, definesTerm, isYesNo, OPINION, PREDICTED } from './types.js';
import { answerImprovement, answerJudgment, answerOverview, digitsOf, metricText, passageCitation, toCitation } from './facts.js';
import type { SearchResult } from 'minisearch';
import type { Knowledge, ReportEntry } from '../library/knowledge.js';
import type { Answer, Citation, ForcedIntent, Intent } from './schema.js';

/** Questions longer than this are declined at the door, before any work: one question is a sentence or two. */
export const MAX_QUESTION = RANKING.maxQuestion;

export interface AnswerOptions {
  /** force the intent (slash subcommands) */
  intent?: ForcedIntent;
  /** skip this many passages ("More results") */
  offset?: number;
  /** the thread's last answer, for follow-ups ("and England and Wales?", "which page?") */
  previous?: Answer;
}

/**
 * Answers a question from the reports: classify, pick facts or passages, cite them. A message
 * that asks two things ("the rate? and when was it brought in") gets each part answered and
 * cited. Never throws on user text.
 */
export function answerQuestion(kb: Knowledge, rawQuestion: string, opts: AnswerOptions = {}): Answer {
  if (rawQuestion.length > MAX_QUESTION || opts.intent || opts.offset) return answerOne(kb, rawQuestion, opts);
  // what a person adds after their question ("need it for an explainer box", "feels like we're
  // invisible lol") says why they ask, not what: the question is answered, the remark left aside
  const asked = withoutRemarks(rawQuestion);
  const parts = questionParts(asked ?? rawQuestion);
  if (parts.length < 2) return asked ? { ...answerOne(kb, asked, opts), question: rawQuestion } : answerOne(kb, rawQuestion, opts);
  // a later part ("and when was it brought in?") is about what the first part names
  const first = parts[0]!;
  const scoped = scopeFor(kb, first);
  const entries = scoped ? [...scoped.byId.values()] : [];
  const q0 = rewrite(kb, entries, first);
  // (the area's words too: "how many OCGs …? and per million?" is about OCGs)
  const topic = rewrite(kb, entries, keyTerms(kb, q0, new Set()).map((t) => q0.said.get(t) ?? t).join(' '));
  const answers = [answerOne(kb, first, opts)];
  for (const part of parts.slice(1)) {
    // a part that names at most one thing of its own ("any prediction in there?") goes on asking the
    // first part's question: when that was declined, so is it
    if (!answers[0]!.answered && keyTerms(kb, rewrite(kb, entries, part)).length <= 1) continue;
    answers.push(answerOne(kb, part, opts, topic));
  }
  return mergeAnswers(rawQuestion, answers);
}

/** The questions a message asks: split at a question mark followed by more, and at "and" before a question word; filler parts dropped. */
export function questionParts(message: string): string[] {
  const plain = stripSlackMarkup(message).replace(/\s+/g, ' ').trim();
  const pieces = piecesOf(plain);
  // a part with no word of its own to ask about ("right?", "a colleague thinks so", "cheers") is not a question;
  // a bare "why?" or "how come?" asks about the part before it
  const asking: string[] = [];
  for (const p of pieces) {
    const short = p.split(/\s+/).length;
    // "… why?", "what were the main problems?" ask for the reasons of the part before; "is that right?" puts it as a claim
    if (asking.length && ((short <= 6 && asksWhy(p.toLowerCase())) || (short <= 4 && /\b(?:right|true|correct|so|accurate|yeah|yes)\b/i.test(p)))) asking[asking.length - 1] += ` ${p}`;
    // a later part asks only when it opens with a question word ("£ ballpark is fine" does not)
    // ("the phone-investigation team thing - when did it start": a question asked after a remark)
    else if (asking.length === 0 || OPENS_QUESTION.test(p) || ASKS_DIRECTLY.test(p)) asking.push(p);
  }
  return asking.length ? asking : [plain];
}

/** A piece of a message that opens with a question word asks something of its own. */
const OPENS_QUESTION = /^(?:\W*)(?:what|what's|whats|when|who|who's|how|why|where|which|is|was|did|does|do|are|were|has|have|can|could|will|would|should|any|and|per|list|give|tell)\b/i;

/** A message's pieces: split at a question mark followed by more, and at "and" before a question word. */
function piecesOf(plain: string): string[] {
  return plain
    // (a part keeps its question mark: "we got good?" puts a claim)
    .split(/(?<=\?)\s+(?=\S)/)
    .flatMap((p) => p.split(/(?:,\s*|\s+-\s+|\s+)(?:and|also|plus|\+)\s+(?=(?:what|what's|whats|when|who|who's|how|why|where|which|is|was|did|does|do|are|were|has|have|can|any)\b)|\s+\+\s+/i))
    // "what's the ICMT, when was it set up": a question asked after a comma or a dash, when what stands before it asks too
    .flatMap((p) => splitAsked(p))
    .map((p) => p.replace(/^(?:and|also|plus|&)\s+/i, '').trim())
    .filter((p) => p.length > 0);
}

/** A piece split where a question asked directly follows a comma or a dash ("…, when was it set up"), when the piece opens with a question itself. */
function splitAsked(piece: string): string[] {
  if (!OPENS_QUESTION.test(piece)) return [piece];
  const out: string[] = [];
  let rest = piece;
  for (;;) {
    const m = /(?:,\s*|\s+[-–—]\s+)(?=(?:(?:and|roughly|approximately|also|then)\s+){0,2}(?:what|when|who|why|where|which|how)(?:'s)?\s)/i.exec(rest);
    const after = m ? rest.slice(m.index + m[0].length) : '';
    const asked = after.replace(/^(?:and\s+)?(?:roughly|approximately|also|then)\s+/i, '');
    // (what stands before must be a question of its own: "were asking - what does …" is its frame)
    if (!m || rest.slice(0, m.index).trim().split(/\s+/).length < 3 || !(OPENS_QUESTION.test(asked) && (ASKS_DIRECTLY.test(asked) || /^(?:what|which|how)\s+(?:share|proportion|percentage|number|rate|\w+ of)\b/i.test(asked)))) break;
    out.push(rest.slice(0, m.index));
    rest = asked;
  }
  return [...out, rest];
}

/**
 * A remark after a question: a statement of four words or more, with no question mark, no number
 * and no claim put to be checked ("heard it went up 2%", "I think ours was double digits") —
 * "need it for an explainer box", "this is literally every friday night in our patch".
 */
const CLAIMING = /\b(?:think|thought|heard|hear|told|says?|said|claims?|reckons?|guess\w*|sure|believe|apparently|supposedly|right|correct|true|wrong)\b/i;
/** A question asked directly inside a piece: a question word and its auxiliary ("- when did it start", "how much has it cut"), not an embedded one ("no idea what it is"). */
const ASKS_DIRECTLY = /\b(?:what|when|who|why|where|which|how(?: much| many| long| often| far)?)\s+(?:is|are|was|were|did|do|does|has|have|had|can|could|will|would|should)\b/i;
function isRemark(piece: string): boolean {
  return !OPENS_QUESTION.test(piece) && !ASKS_DIRECTLY.test(piece) && !asksWhy(piece.toLowerCase()) && !piece.includes('?') && !/\d/.test(piece.replace(REFERENCE, ' ')) && piece.split(/\s+/).length >= 4 && !CLAIMING.test(piece) && /\b(?:i|i'm|im|we|we're|we've|our|us|my|me|you|u|it|it's|its|thats|that's|this|feels?|need|want|trying|saw|seen|no idea|not sure|dunno)\b/i.test(piece);
}

/** The message without the remarks that follow its first question, or null when it has none. */
export function withoutRemarks(message: string): string | null {
  const plain = stripSlackMarkup(message).replace(/\s+/g, ' ').trim();
  const remarks = piecesOf(plain).filter((p, i) => i > 0 && isRemark(p));
  // (cut out of the message, not the pieces joined: "… and whats the rate" keeps its "and")
  return remarks.length ? remarks.reduce((text, r) => text.replace(r, ' '), plain).replace(/\s+/g, ' ').trim() : null;
}

/** One answer for a message's parts: each answered part's text and citations, a declined part's reason. */
function mergeAnswers(question: string, answers: Answer[]): Answer {
  const answered = answers.filter((a) => a.answered);
  if (answered.length === 0) return { ...answers[0]!, question };
  if (answered.length === 1 && answers.length === 1) return { ...answered[0]!, question };
  const seen = new Set<string>();
  const citations = answers.flatMap((a) => a.citations).filter((c) => {
    const key = `${c.report}:${c.block}:${c.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // a declined part says why, without its pointer to a page: the numbers of an answer are its quotes'
  const texts = [...new Set(answers.map((a) => (a.answered ? a.text : a.text.replace(/ Try one of these instead\.$/, '').replace(/ The nearest it comes is p\. \d+, on .*$/, ''))))];
  const lead = answered[0]!;
  return {
    question,
    intent: lead.intent,
    answered: true,
    text: texts.join('\n'),
    citations,
    ...(answered.find((a) => a.judgments) ? { judgments: answered.find((a) => a.judgments)!.judgments } : {}),
    ...(answered.find((a) => a.metric) ? { metric: answered.find((a) => a.metric)!.metric } : {}),
    ...(answered.find((a) => a.improvements) ? { improvements: answered.find((a) => a.improvements)!.improvements } : {}),
  };
}

/** Answers one question; `topic` is what an earlier part of the same message asked about ("the ICMT"). */
function answerOne(kb: Knowledge, rawQuestion: string, opts: AnswerOptions, topic?: RewrittenQuery): Answer {
  const question = rawQuestion.length > MAX_QUESTION ? rawQuestion.slice(0, MAX_QUESTION) : rawQuestion;
  // the reports asked about come first: their words are the ones a typo is mended towards
  const scope = scopeFor(kb, question) ?? (opts.previous ? scopeOfAnswer(kb, opts.previous) : null);
  const entries = scope ? [...scope.byId.values()] : [];
  const own = rewrite(kb, entries, question);
  const q = topic ? withTopic(kb, own, topic) : own;
  const ownCls = classifyQuestion(kb, own);
  // "… OCG bit? and is it better or worse than last yr?": a later part naming no area is about the first part's
  const cls = topic && !ownCls.area ? { ...ownCls, area: classifyQuestion(kb, topic).area } : ownCls;
  if (opts.previous && scope) {
    const followUp = answerFollowUp(scope, question, q, cls, opts.previous);
    if (followUp) return followUp;
  }
  // a later part with no words of its own ("whats it found so far") goes on about the first part's topic: it is not a call for help
  const intent: Intent = opts.intent ?? (topic && cls.intent === 'help' ? 'passage' : cls.intent);
  if (rawQuestion.length > MAX_QUESTION && !opts.intent) {
    return none(kb, question, q, 'That question is too long; ask about one thing at a time.');
  }
  if (intent === 'help') return help(kb, question);
  // "will they get good next year?", "will crime keep rising?", "in your opinion …": a report says what HMIC found, it predicts nothing
  if ((cls.answerType === 'future' && PREDICTED.test(q.plain)) || OPINION.test(q.plain)) {
    return none(kb, question, q, 'The report says what the inspectors found when they inspected; it makes no predictions.');
  }
  // grade words about a topic that is not a graded area ("has victim satisfaction got better?") ask about the topic
  const topical = intent === 'judgment' && !opts.intent && cls.area === null && keyTerms(kb, q).length > 0 && !gradeClaimed(q);
  const outOfScope = scopeProblem(kb, cls, intent, topical);
  // "how was investigation assessed in the 2014 inspection?", "any better than at the 2014 inspection?": a report
  // may say what an earlier inspection found; a passage naming that year answers, else none does
  if (outOfScope && scope && cls.otherYear && !cls.otherForce && !cls.otherPillar && (intent === 'judgment' || intent === 'improvement')) {
    const earlier = answerPassages(scope, question, q, { ...cls, intent: 'passage', answerType: 'any' }, 0, 'passage');
    // (what that inspection found: its sentence names the year and an inspection, not merely a date in it)
    if (earlier.answered && earlier.text.includes(cls.otherYear) && /\binspect(?:ion|ed)\b/i.test(earlier.text)) return earlier;
  }
  if (outOfScope) return none(kb, question, q, outOfScope);
  if (!scope) return whichForce(kb, question);
  return answerIntent(scope, question, q, cls, intent, opts);
}

function answerIntent(kb: Knowledge, question: string, q: RewrittenQuery, cls: Classification, intent: Intent, opts: AnswerOptions): Answer {
  switch (intent) {
    case 'overview':
      return answerOverview(kb, question);
    case 'judgment':
      // "how good are they at catching wanted persons": a topic, not a graded question
      // ("… reckons HMIC rated them inadequate on one of the questions?": a grade claimed of the grades is checked against them all)
      if (!opts.intent && cls.area === null && keyTerms(kb, q).length > 0 && !gradeClaimed(q)) return answerPassages(kb, question, q, cls, opts.offset ?? 0, 'passage');
      return answerJudgment(kb, question, cls.area, { claimed: claimedGrade(q.plain), why: asksWhy(q.plain) });
    case 'improvement':
      return answerImprovement(kb, question, cls.area) ?? answerPassages(kb, question, q, cls, opts.offset ?? 0, 'improvement');
    case 'metric':
      return answerMetric(kb, question, q, cls.otherYear);
    default: {
      const found = answerPassages(kb, question, q, cls, opts.offset ?? 0, 'passage');
      if (found.answered) return found;
      // "Evolve - is Northumbria in that collab with us?", "… think it was Redcar": a name the report never
      // uses, put as a claim, is what is checked, not what is asked about; what the report says of the rest
      // answers, saying first that it does not name it
      const claim = withoutClaimedNames(kb, question, q);
      if (!claim) return found;
      const said = answerPassages(kb, question, claim.q, cls, opts.offset ?? 0, 'passage');
      return said.answered ? { ...said, text: `The report does not mention ${claim.names.map((n) => `“${n}”`).join(' or ')}. It says:\n${said.text}` } : found;
    }
  }
}

/** A claim ("is X in …?", "think it was X") whose names typed with a capital the reports never use: the question without them, with what they were. */
function withoutClaimedNames(kb: Knowledge, question: string, q: RewrittenQuery): { q: RewrittenQuery; names: string[] } | null {
  if (!isYesNo(q.plain) && !CLAIM_PUT.test(q.plain)) return null;
  // a claim about who holds a post ("is Jane Smith the chief constable?") asks for a name the report would have to give
  const type = answerTypeOf(q.plain);
  if (type === 'person' || type === 'who') return null;
  const words = stripSlackMarkup(question).split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''));
  const capital = (w: string | undefined) => !!w && /^\p{Lu}/u.test(w);
  const names = q.unknown.filter((t) => {
    const said = q.said.get(t) ?? t;
    const i = words.findIndex((w) => w.toLowerCase() === said);
    // one capitalised word ("Northumbria", "Redcar"), not a person's full name ("Jane Smith")
    return i >= 0 && capital(words[i]) && !capital(words[i + 1]) && !(i > 0 && capital(words[i - 1]));
  });
  if (names.length === 0 || names.length !== q.unknown.length) return null;
  const rest: RewrittenQuery = { ...q, terms: q.terms.filter((t) => !names.includes(t)), unknown: [] };
  // the rest must name something of its own
  if (keyTerms(kb, rest).length < 1) return null;
  return { q: rest, names: names.map((t) => words.find((w) => w.toLowerCase() === (q.said.get(t) ?? t)) ?? t) };
}

/** A claim put in words rather than as a yes/no question: "think it was Redcar", "pretty sure it's …". */
const CLAIM_PUT = /\b(?:i think|think it(?:'s| is| was)|thought it|pretty sure|i reckon|reckons?|i believe|i heard|someone said)\b/;

/**
 * A claim about the grades as a set ("HMIC rated them inadequate on one of the questions, right?", "graded
 * good on any of the areas?"), not that one topic was rated something ("missing kids was rated good?").
 */
function gradeClaimed(q: RewrittenQuery): boolean {
  return (
    claimedGrade(q.plain) !== null &&
    /\b(?:grades?|graded|grading|rated|rating|judged|judgments?|judgements?)\b/.test(q.plain) &&
    /\b(?:any|one|some|all|none|each|either|both|two|three|four) of (?:the|them|its|their)\b|\b(?:questions|areas|pillars|strands)\b/.test(q.plain)
  );
}

function scopeProblem(kb: Knowledge, cls: Classification, intent: Intent, topical = false): string | null {
  const forces = kb.reports.map((r) => r.force).join(', ');
  if (cls.otherForce && intent !== 'passage' && intent !== 'help') {
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
function searchScope(kb: Knowledge, search: (entry: ReportEntry) => SearchResult[]): ScopedResult[] {
  const out: ScopedResult[] = [];
  for (const entry of kb.byId.values()) for (const r of search(entry)) out.push({ id: String(r.id), score: r.score, entry });
  return kb.byId.size === 1 ? out : out.sort((a, b) => b.score - a.score);
}

/** A part of a message with the topic of the part before it: searched together; the topic's words required only when the part has none of its own. */
function withTopic(kb: Knowledge, q: RewrittenQuery, topic: RewrittenQuery): RewrittenQuery {
  // (a part that names only a doing, "how many did they hand out?", counts what the topic names)
  const words = q.normalised.split(' ');
  const doing = keyTerms(kb, q).filter((t) => phrasalVerb(words, q.said.get(t) ?? t, kb.vocabulary.english));
  const ownKeys = keyTerms(kb, q).some((t) => !q.verbs.has(t) && !doing.includes(t));
  const optional = new Set([...q.optional, ...(ownKeys ? topic.terms.filter((t) => !q.terms.includes(t)) : [])]);
  const alternatives = new Map([...topic.alternatives, ...q.alternatives]);
  // what the topic names that the reports never use ("the budget") stays unknown: the part is about it too
  const unknown = [...new Set([...q.unknown, ...topic.unknown])];
  for (const t of topic.unknown) optional.delete(t);
  return { ...q, expanded: `${q.expanded} ${topic.expanded}`, terms: [...new Set([...q.terms, ...topic.terms])], optional, verbs: new Set([...q.verbs, ...topic.verbs, ...doing]), alternatives, unknown, said: new Map([...topic.said, ...q.said]) };
}

/** A text read against the reports in scope: their words are the ones a typo is mended towards and an abbreviation spelt out from. */
function rewrite(kb: Knowledge, entries: ReportEntry[], text: string): RewrittenQuery {
  const spellOut = (a: string) => entries.map((e) => e.search.spellOut(a)).find((x) => x !== null) ?? null;
  return rewriteQuery(text, kb.vocabulary, knownTerms(entries), termsBySize(entries), kb.cueTerms, spellOut);
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
function scopeFor(kb: Knowledge, question: string): Knowledge | null {
  const words = wordsOf(stripSlackMarkup(question));
  const named = new Set(kb.forces.findLongest(words).flatMap((m) => m.value));
  if (named.size === 0) return kb.reports.length === 1 ? kb : null;
  return withReports(kb, named);
}

/** A follow-up in a thread is about the reports the last answer cited. */
function scopeOfAnswer(kb: Knowledge, previous: Answer): Knowledge | null {
  const ids = new Set([...previous.citations.map((c) => c.report), ...(previous.judgments ?? []).map((j) => j.report)]);
  return ids.size ? withReports(kb, ids) : null;
}

/** With several reports and no force named: which force? (answered=false, with questions naming some). */
function whichForce(kb: Knowledge, question: string): Answer {
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
 * The question's content words that must be found in an answer: not the force's name, not the
 * intents' cue words, and for a passage not an area's alias either (the area steers the search).
 */
function keyTerms(kb: Knowledge, q: RewrittenQuery, cues: Set<string> = kb.cueTerms): string[] {
  // (a month, like a year, says when, not what: "between the yr to June 2010 and yr to June 2015")
  const keys = q.terms.filter((t) => !cues.has(t) && !kb.forceTerms.has(t) && !q.optional.has(t) && !/\d/.test(t) && !MONTH_TERMS.has(t));
  // the verbs count only when the question names nothing else ("is the charge rate better?")
  const nouns = keys.filter((t) => !q.verbs.has(t));
  return nouns.length ? nouns : keys;
}

const MONTH_TERMS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map(termOf));

/** True when a term stands in a text's terms, or all the words of something it stands for do (an acronym's expansion, a synonym). */
function standsIn(t: string, have: Set<string>, q: RewrittenQuery): boolean {
  if (have.has(t)) return true;
  return (q.alternatives.get(t) ?? []).some((alt) => alt.length > 0 && alt.every((a) => have.has(a)));
}

/** Share of `terms` found in a text's terms (the evidence check); a figure's paragraph may spell an acronym out around its number. */
function coverage(terms: string[], have: Set<string>, q: RewrittenQuery, context?: Set<string>): number {
  const known = terms.filter((t) => !q.unknown.includes(t));
  if (known.length === 0) return terms.length === 0 ? 1 : 0;
  let found = 0;
  for (const t of known) {
    if (standsIn(t, have, q) || (context && q.alternatives.has(t) && standsIn(t, context, q))) found++;
  }
  return found / known.length;
}

// --- metric ----------------------------------------------------------------------------------

function answerMetric(kb: Knowledge, question: string, q: RewrittenQuery, otherYear: string | null): Answer {
  // "how many organised crime groups": for a number, the area's words say what is counted
  const keys = keyTerms(kb, q, kb.intentCueTerms);
  // "%", "12", "what are the figures?", "… vs E&W?": a number of what? Any figure would be a guess
  const measured = keys.filter((k) => !COMPARATOR_TERMS.has(k));
  if (measured.length === 0) {
    const absent = q.dropped.filter((w) => !kb.vocabulary.english.isStopword(w));
    return none(kb, question, q, absent.length ? `The report gives no figure for “${absent.join(' ')}”.` : 'Which figure? Name what is counted or measured.');
  }
  // "is the force coping with the numbers?", "how often …?": a question that does not ask for a
  // quantity may be answered by what the report says, when no figure fits
  const inWords = () => {
    if (EXPLICIT_QUANTITY.test(q.plain)) return null;
    const passage = answerPassages(kb, question, q, { intent: 'passage', area: null, otherForce: null, otherPillar: null, otherYear, answerType: answerTypeOf(q.plain) }, 0, 'passage');
    return passage.answered ? passage : null;
  };
  // "how do our outcome rates compare to other forces?": the report's own comparison answers, when it makes one and no number is asked for
  if (answerTypeOf(q.plain) === 'compare' && !NUMBER_ASKED.test(q.plain)) {
    const compared = answerPassages(kb, question, q, { intent: 'passage', area: null, otherForce: null, otherPillar: null, otherYear, answerType: 'compare' }, 0, 'passage', true);
    if (compared.answered) return compared;
  }
  const unknown = keys.filter((k) => q.unknown.includes(k));
  if (unknown.length) return inWords() ?? none(kb, question, q, `The report gives no figure for “${saidOf(q, unknown) || 'that'}”.`);
  const wantedUnit = unitAskedFor(q.normalised);
  const changeAsked = CHANGE_ASKED.test(q.plain);
  const comparatorAsked = COMPARATOR_FOLLOW_UP.test(q.normalised) || /\bvs\b|\bversus\b|\bnationally\b|\bother forces\b/.test(q.normalised);
  // numbers the question itself gives (not years): a claim to check, or the figure it has in mind
  const claimed = digitsOf(q.normalised.replace(/\b(?:19|20)\d\d\b/g, ' ').replace(/\bper (?:1,000|1000|one million|million)\b/g, ' ').replace(REFERENCE, ' '));
  const results = searchScope(kb, (e) => e.search.metricIndex.search(q.expanded, { combineWith: 'OR' })).slice(0, RANKING.metricCandidates);
  let best: { metric: Metric; rank: number } | null = null;
  let skippedForYear = false;
  // figures that hold a number the question gives: "cut in half (280 -> 140) because offending fell by 48%?" names two
  const claimedFigures: Metric[] = [];
  for (const r of results) {
    const { search } = r.entry;
    const metric = search.metrics.get(r.id)!;
    // a sentence's paragraph says what its number is about ("MAPPAs … 13 offenders in this way")
    const cover = coverage(keys, search.metricTerms.get(metric.id)!, q, search.metricContextTerms.get(metric.id));
    // (a figure whose own value the question gives, on half its words, is shown beside the answer)
    if (cover >= 0.5 && claimed.some((n) => digitsOf(metric.value.text).includes(n))) claimedFigures.push(metric);
    // showing a different number is worse than none: short questions must be covered whole
    if (cover < (keys.length <= 2 ? 1 : RANKING.metricCoverage)) continue;
    // "per million", "what %": a figure in another unit is another figure
    if (wantedUnit && STRICT_UNITS.has(wantedUnit.source) && !wantedUnit.test(metric.unit)) continue;
    // a year no report is of must be the figure's own: in its sentence, its period or its earlier value's date,
    // or in the paragraph its "over this same period" points back to ("back in 2011" is not answered by the
    // 2015 figure whose paragraph compares it with 2011); a figure of another year is not a candidate
    if (otherYear && !figureText(metric).includes(otherYear) && !pointsBackTo(kb, metric, otherYear)) {
      skippedForYear = true;
      continue;
    }
    // what the question covers counts most, then a number it claims ("fell by 9%?") standing in the
    // figure's sentence, then the unit it asks for, then the search score
    const claims = claimed.some((n) => digitsOf(metric.citations.map((c) => c.quote).join(' ')).includes(n));
    // "… vs the national figure": a figure that carries its England and Wales comparator
    const compares = comparatorAsked && metric.comparator !== null;
    // "trend since 2010", "has it gone down?": a figure whose sentence describes a change
    const changes = changeAsked && metric.from === 'prose' && CHANGE_SAID.test(metric.citations[0]?.quote ?? '');
    const rank =
      cover * 100 +
      (claims ? RANKING.claimedNumberBonus : 0) +
      (wantedUnit && wantedUnit.test(metric.unit) ? RANKING.unitBonus : 0) +
      (compares ? RANKING.comparatorBonus : 0) +
      (changes ? RANKING.changeBonus : 0) +
      Math.min(r.score, 9.99);
    if (!best || rank > best.rank) best = { metric, rank };
  }
  const yearMissing = best === null && skippedForYear;
  if (!best && !otherYear) {
    // no extracted figure: a passage may still give the number in words ("one officer trained")
    const passage = answerPassages(kb, question, q, { intent: 'passage', area: null, otherForce: null, otherPillar: null, otherYear: null, answerType: 'any' }, 0, 'passage');
    if (passage.answered && NUMBER_IN_WORDS.test(passage.text)) return passage;
  }
  if (!best || yearMissing) {
    const said = inWords();
    if (said) return said;
    const named = saidOf(q, keys) || 'that';
    const what = yearMissing ? `“${named}” in that year` : `“${named}”`;
    const near = results[0] ? results[0].entry.search.metrics.get(results[0].id) : undefined;
    const page = near?.citations[0];
    return none(kb, question, q, `The report gives no figure for ${what}.${near && page ? ` The nearest it comes is p. ${page.page}, on ${topicOf(kb, { report: near.report, block: page.block })}.` : ''}`);
  }
  const m = best.metric;
  const force = kb.reports.find((r) => r.id === m.report)?.force ?? m.report;
  // "did it go up on the year before?": the paragraph's sentence comparing it with earlier, when the figure has no earlier value
  const change = !m.earlier && CHANGE_ASKED.test(q.plain) ? changeSentence(kb, m, q) : null;
  // "breakdown of OCGs by crime type": every row of the figure the best one stands in, in the figure's order
  // (and every other figure whose own value the question gives, each once)
  const named = claimedFigures.filter((o, i, all) => o.id !== m.id && claimed.some((n) => digitsOf(o.value.text).includes(n)) && !digitsOf(m.value.text).some((d) => digitsOf(o.value.text).includes(d)) && all.findIndex((x) => x.value.text === o.value.text) === i).slice(0, 2);
  const rows = BREAKDOWN.test(q.plain) && m.from === 'figure' ? figureRows(kb, m) : [m, ...named];
  // a row of a figure whose value a sentence of the report also gives says there what it means ("Drug activity
  // was the predominant crime type (85 percent) of the OCGs"): that sentence is cited after the row
  const told = m.from === 'figure' && rows.length === 1 ? proseOf(kb, m) : [];
  const citations = [...m.citations.map(toCitation), ...told, ...(change ? [change] : []), ...rows.flatMap((r) => r.citations.map(toCitation))].filter(
    (c, i, all) => all.findIndex((o) => o.block === c.block && o.quote === c.quote) === i,
  );
  const quotes = citations.map((c) => c.quote);
  const text = rows.map((r) => metricText(r, force, quotes)).join('\n');
  return {
    question,
    intent: 'metric',
    answered: true,
    // (a cause claimed, "… because offending fell?", is not a number to say yes or no to: the figures answer)
    text: isYesNo(q.plain) && !CAUSE_CLAIMED.test(q.plain) ? `${metricVerdict(m, q.plain, claimed)}${text}` : text,
    citations,
    metric: {
      label: m.label,
      name: m.name,
      value: m.value.text,
      number: m.value.number,
      unit: m.unit,
      period: m.period,
      comparator: m.comparator ? { area: m.comparator.area, value: m.comparator.text, number: m.comparator.number } : null,
      earlier: m.earlier ? { value: m.earlier.text, number: m.earlier.number, when: m.earlier.when } : null,
    },
  };
}

/** A claim of a cause: "because", "due to", "as a result of", "caused by". */
const CAUSE_CLAIMED = /\b(?:because|due to|as a result of|caused by|thanks to|owing to)\b/;
const STRICT_UNITS = new Set(['^per million', '^percent$', '^count$']);
/** Words of a comparison ("vs E&W", "the national average"): what a figure is compared with, not what it measures. */
const COMPARATOR_TERMS = new Set(['e&w', 'england', 'wales', 'national', 'nationally', 'nationwide', 'average', 'versus'].map(termOf));
/** A question that asks for a quantity by name: only a figure answers it. */
const EXPLICIT_QUANTITY = /\b(?:how many|how much|headcount|head count|fte|amount|budget|costs?|spend|size of|rates?|what (?:percentage|proportion|share|rate|number|figure|%)|number of|percent(?:age)?|per (?:1,?000|thousand|million|cent)|rate of|figures? for|stats? (?:on|for))\b|%|\d/;
/** A question that asks for a number itself ("what is the rate", "how many", "what %"), not how a thing compares. */
const NUMBER_ASKED = /\b(?:how many|how much|what(?:'s| is| are| was| were)? (?:the |our |their )?(?:percentage|proportion|share|rates?|number|figures?)|per (?:1,?000|thousand|million|cent)|figures? for|stats?)\b|%|\d/;
const BREAKDOWN = /\b(?:breakdown|broken down|break down|split|by (?:crime )?type|by category|each (?:type|category|crime)|all (?:the )?(?:types|categories|figures|rows)|list (?:the|all))\b/;

/** The sentence that gives a figure row's value in words: a prose figure of the same report, value and unit, on or before the figure's page, whose sentence shares a word of the row's label. */
function proseOf(kb: Knowledge, m: Metric): Citation[] {
  const label = new Set(contentTerms(m.label.split(' · ')[0]!, kb.vocabulary));
  const same = (kb.facts(m.report)?.metrics ?? []).find(
    (o) => o.from === 'prose' && o.value.text === m.value.text && o.unit === m.unit && Math.abs(o.page - m.page) <= 2 && contentTerms(o.quote, kb.vocabulary).some((t) => label.has(t)),
  );
  return same ? same.citations.slice(0, 1).map(toCitation) : [];
}

/** The rows of the figure a figure-table metric stands in, in the same unit, in the report's order. */
function figureRows(kb: Knowledge, m: Metric): Metric[] {
  const facts = kb.facts(m.report);
  return (facts?.metrics ?? []).filter((o) => o.from === 'figure' && o.figure === m.figure && o.unit === m.unit);
}
const CHANGE_ASKED = /\b(?:up|down|rise|rose|risen|fall|fell|fallen|drop\w*|increas\w*|decreas\w*|reduc\w*|change\w*|trend|before|previous|last year|earlier|since|better|worse|improv\w*)\b/;
const CHANGE_SAID = /\b(?:previous|last year|year before|earlier|increase\w*|decrease\w*|reduc\w*|fell|rose|fewer|more than|less than|lower than|higher than|compared with)\b/i;

/** True when a figure's sentence points back to the period of the paragraph before ("over this same period") and that paragraph names the year. */
function pointsBackTo(kb: Knowledge, m: Metric, year: string): boolean {
  const own = m.citations[0];
  return !!own?.block && POINTS_BACK.test(own.quote) && blockBefore(kb, { report: m.report, block: own.block }).includes(year);
}

/** What a figure itself says of when it is: its sentences or rows, its period, the date of its earlier value. */
function figureText(m: Metric): string {
  return [...m.citations.map((c) => c.quote), m.label, m.period ?? '', m.earlier?.when ?? ''].join(' ');
}

/** The sentence of a figure's paragraph, other than its own, that compares it with an earlier time or with elsewhere. */
function changeSentence(kb: Knowledge, m: Metric, q: RewrittenQuery): Citation | null {
  const own = m.citations[0];
  if (!own?.block || m.from !== 'prose') return null;
  for (const sentence of splitSentences(m.context)) {
    if (sentence === own.quote || own.quote.includes(sentence) || !CHANGE_SAID.test(sentence)) continue;
    const have = new Set(contentTerms(sentence, kb.vocabulary));
    if (!q.terms.some((t) => have.has(t))) continue;
    return { ...toCitation(own), quote: sentence };
  }
  return null;
}

const UP = /\b(?:up|rise|rose|risen|rising|increas\w*|more|higher|grew|grown|doubled?)\b/;
const DOWN = /\b(?:down|fall|fell|fallen|falling|drop\w*|reduc\w*|decreas\w*|fewer|less|lower|cut)\b/;

/**
 * Yes or no to a claim about a figure ("ASB went up 2%, right?"): the claimed number against the
 * figure's own value, the claimed direction against the words of its sentence. The figure follows.
 */
function metricVerdict(m: Metric, plain: string, claimed: string[]): string {
  const own = [m.value.text, m.comparator?.text, m.earlier?.text].filter((x): x is string => !!x).flatMap(digitsOf);
  const sentence = `${m.label} ${m.citations.map((c) => c.quote).join(' ')}`.toLowerCase();
  const saysUp = UP.test(sentence) && !DOWN.test(sentence);
  const saysDown = DOWN.test(sentence) && !UP.test(sentence);
  const claimsUp = UP.test(plain) && !DOWN.test(plain);
  const claimsDown = DOWN.test(plain) && !UP.test(plain);
  const wrongDirection = (claimsUp && saysDown) || (claimsDown && saysUp);
  const numberClaimed = claimed.length > 0;
  const numberRight = numberClaimed && claimed.some((n) => digitsOf(m.value.text).includes(n));
  const numberElsewhere = numberClaimed && !numberRight && claimed.some((n) => own.includes(n));
  if (wrongDirection) return 'No: the report says otherwise. ';
  if (numberRight) return 'Yes. ';
  if (numberElsewhere) return 'Not quite: that number is the other figure here. ';
  if (numberClaimed) return 'No: the report gives a different figure. ';
  return '';
}

// ("does not have any OCGs that have been referred", "none of them": a count of nought, in words)
const NUMBER_IN_WORDS = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|half|halved|third|quarter|double|doubled|none|(?:not|n't) (?:have|has|had|make|made|hold|holds|held) any)\b/i;

/** The unit a question asks for: a rate per 1,000, a percentage, a count. */
function unitAskedFor(text: string): RegExp | null {
  // "how much has it reduced offending by?": a change is given in percent
  if (/\bby how much\b|\bhow much\b.*\bby\b|\b(?:reduced|increased|fell|rose|cut|dropped|grew) by\b/.test(text)) return /^percent$/;
  if (/per (?:one )?million/.test(text)) return /^per million/;
  if (/per 1,000|\brate\b/.test(text)) return /^per 1,000|^rate$/;
  if (/percent|percentage|proportion|share|%/.test(text)) return /^percent$/;
  if (/how many|number of|count/.test(text)) return /^count$/;
  return null;
}

// --- passages --------------------------------------------------------------------------------

function answerPassages(kb: Knowledge, question: string, q: RewrittenQuery, cls: Classification, offset: number, intent: Intent, onlyCompared = false): Answer {
  // what a definition asks about is its subject ("what does SAR mean in the OCG bit" → SAR), which may be a cue word itself ("requires improvement")
  // (the grading scale is found by the grades it names, whatever else the question says: "hands out", "explainer")
  const keys = cls.answerType === 'definition' ? definitionSubject(kb, q) : cls.answerType === 'grades' ? [] : keyTerms(kb, q);
  if (cls.answerType === 'expansion') return answerExpansion(kb, question, q);
  // a question a third of whose content words the reports never use is about something else
  const unknownShare = keys.length ? keys.filter((k) => q.unknown.includes(k)).length / keys.length : 0;
  if (q.terms.length === 0 || unknownShare >= RANKING.maxUnknownShare) {
    return none(kb, question, q, unknownReason(q, keys));
  }
  // most of what the question names, the report never uses ("the troubled families programme"): one word left is too thin
  // (a verb of saying or hearing, "<@U…> mentioned a uni did a study", frames what is asked)
  const absent = q.dropped.filter((w) => !kb.vocabulary.english.isStopword(w) && !SAYING.test(w));
  if (keys.length <= RANKING.thinKeys && absent.length >= RANKING.thinAbsent) return none(kb, question, q, `The report does not mention “${absent.join(' ')}”.`);
  const areaQuestion = cls.area && cls.area !== 'overall' ? cls.area.matches.toLowerCase() : null;
  const defining = cls.answerType === 'definition' || cls.answerType === 'grades';
  const searched = cls.answerType === 'grades' ? `${q.expanded} ${GRADE_NAMES}` : q.expanded;
  const results = searchedOnce(q, `${areaQuestion}|${defining}|${cls.answerType === 'grades'}|${kb.reports.map((r) => r.id).join(',')}`, () => searchScope(kb, (e) =>
    e.search.passageIndex.search(searched, {
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
  const asked = new Set(wordsOf(q.normalised));
  const nearest = results[0] && results[0].score >= RANKING.minPassageScore ? results[0].entry.search.passages.get(results[0].id)! : null;
  const good: { passage: Passage; score: number; lead: string }[] = [];
  const seenText = new Set<string>();
  let untyped: Passage | null = null;
  // the evidence check reads only the best-scored few: beyond them no passage would be shown
  for (const r of results.slice(0, RANKING.candidates)) {
    const passage = r.entry.search.passages.get(r.id)!;
    if (r.score < RANKING.minPassageScore) break;
    if (coverage(keys, r.entry.search.passageTerms.get(passage.id)!, q) < RANKING.minCoverage) continue;
    // a year no report is of must stand in the evidence ("the 2016 inspection")
    // (or in the paragraph before it, which "over this same period" points back to)
    if (cls.otherYear && !passage.text.includes(cls.otherYear) && !(POINTS_BACK.test(passage.text) && blockBefore(kb, passage).includes(cls.otherYear))) continue;
    const key = passage.text.slice(0, 80);
    if (seenText.has(key)) continue;
    seenText.add(key);
    const lead = keySentence(r.entry.search.sentences(passage.id), cls.answerType === 'grades' ? { ...q, terms: [] } : q, cls.answerType === 'any' ? undefined : (s) => carriesType(cls.answerType, s, asked, kb.forceWords));
    if (lead === null) {
      untyped ??= passage;
      continue;
    }
    good.push({ passage, score: r.score, lead });
  }
  if (good.length === 0) {
    // a comparison with other forces is preferred, not required: the passage on the topic still answers
    if (cls.answerType === 'compare' && !onlyCompared) return answerPassages(kb, question, q, { ...cls, answerType: 'any' }, offset, intent);
    // the report speaks of it, but not in the way asked: say so, and where it does speak of it
    if (untyped) return none(kb, question, q, `The report does not say ${TYPE_PHRASE[cls.answerType]} “${saidOf(q, keys) || 'that'}”.${nearby(kb, untyped)}`);
    return none(kb, question, q, `${unknownReason(q, keys)}${nearby(kb, nearest)}`);
  }
  if (defining) {
    // where the report defines comes first, the search order kept otherwise
    // (a sentence that sends the reader elsewhere, "see Annex A for definitions", after one that says it)
    const rank = (g: (typeof good)[number]) => (definesTerm(g.lead, g.passage.kind, g.passage.section) ? (/\bsee\b/i.test(g.lead) ? 1 : 0) : 2);
    good.sort((a, b) => rank(a) - rank(b));
    // where the report defines it, passages that merely use the term add nothing to a definition
    if (rank(good[0]!) < 2) good.splice(0, good.length, ...good.filter((g) => rank(g) < 2));
  }
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
    citations: [passageCitation(first.passage), ...list.map((b) => b.citation), ...page.slice(1).map(({ passage }) => passageCitation(passage))],
    ...(good.length > offset + RANKING.pageSize ? { nextOffset: offset + RANKING.pageSize } : {}),
  };
}

/** Verbs of saying, hearing and reading: how a person came to ask, never what they ask about. */
const SAYING = /^(?:mention(?:s|ed|ing)?|sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|ask(?:s|ed|ing)?|hear(?:s|d|ing)?|s(?:aw|een)|read(?:s|ing)?|wonder(?:s|ed|ing)?|reckon(?:s|ed|ing)?|suggest(?:s|ed|ing)?|claim(?:s|ed|ing)?|rumou?r(?:s|ed)?)$/;

/** Words that point back to the period of the paragraph before: "over this same period", "during that time". */
const POINTS_BACK = /\b(?:(?:this|that|the) same (?:period|time)|(?:over|during|in|for) (?:this|that) (?:period|time))\b/i;

/** The text of the block before a passage's in the same section ("Over this same period …" points back to it), or "". */
function blockBefore(kb: Knowledge, passage: Pick<Passage, 'report' | 'block'>): string {
  const report = kb.byId.get(passage.report)?.report;
  const i = report ? report.blocks.findIndex((b) => b.id === passage.block) : -1;
  const before = i > 0 ? report!.blocks[i - 1]! : null;
  return before && before.section === report!.blocks[i]!.section ? before.text : '';
}

/** The grades of an inspection, searched for when the grading scale is asked about. */
const GRADE_NAMES = GRADES.join(' ');

const searches = new WeakMap<RewrittenQuery, Map<string, ScopedResult[]>>();

/**
 * A question's passage search, run once however many ways it is answered (a figure question falls
 * back to its passages, a comparison to any passage): the same query with the same boosts gives the
 * same results, and the search is most of an answer's time. Forgotten with the question.
 */
function searchedOnce(q: RewrittenQuery, boosts: string, search: () => ScopedResult[]): ScopedResult[] {
  let byBoosts = searches.get(q);
  if (!byBoosts) searches.set(q, (byBoosts = new Map()));
  let results = byBoosts.get(boosts);
  if (!results) byBoosts.set(boosts, (results = search()));
  return results;
}

/** The key words of what a definition question asks about: the words between "what does" and "mean", after "define", … or all its key words. */
function definitionSubject(kb: Knowledge, q: RewrittenQuery): string[] {
  const all = keyTerms(kb, q, new Set());
  const m = /\bwhat (?:does|do|is) (.+?) (?:actually |really )?mean\b|\bdefin(?:e|ition of|ition for) (.+)|\b(?:what is meant by|what counts as|meaning of) (.+)/.exec(q.plain);
  const subject = m ? (m[1] ?? m[2] ?? m[3] ?? '') : '';
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
function topicOf(kb: Knowledge, p: { report: string; block: string }): string {
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
    out.push({ text: b.text, citation: { report: report.id, section: passage.section, page: b.page, quote: b.text, block: b.id } });
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
        if (expansion) {
          return { question, intent: 'passage', answered: true, text: `${bare}: ${expansion}.`, citations: [passageCitation(passage, sentence)] };
        }
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

/** Terms as the person wrote them, numbers left out (a number in an answer must be quoted). */
function saidOf(q: RewrittenQuery, terms: string[]): string {
  const words = [...new Set(terms.map((t) => q.said.get(t) ?? t).filter((w) => !/\d/.test(w)))];
  // "shake-up" was also read as "shake": say it once, as written
  return words.filter((w) => !words.some((o) => o !== w && o.includes('-') && o.split('-').includes(w))).join(' ');
}

/** Why a question is declined, in the person's words (never its numbers: a number in an answer must be quoted). */
function unknownReason(q: RewrittenQuery, keys: string[] = q.terms): string {
  const unknown = saidOf(q, q.unknown);
  if (unknown) return `The report does not mention “${unknown}”.`;
  const asked = saidOf(q, keys.length ? keys : q.terms);
  if (asked) return `The report does not say that about “${asked}”.`;
  const other = q.dropped.filter((w) => !/\d/.test(w)).join(' ');
  return other ? `The report does not mention “${other}”.` : 'That is not a question the report can answer.';
}

// --- help, none, follow-ups ------------------------------------------------------------------

function help(kb: Knowledge, question: string): Answer {
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
function none(kb: Knowledge, question: string, q: RewrittenQuery, reason: string): Answer {
  const examples = kb.vocabulary.intents.filter((i) => i.name !== 'help').flatMap((i) => i.examples);
  const asked = new Set(q.terms);
  const ranked = examples
    .map((e, i) => ({ e, i, overlap: contentTerms(e, kb.vocabulary).filter((t) => asked.has(t)).length }))
    .sort((a, b) => b.overlap - a.overlap || a.i - b.i);
  const suggestions = [...new Set(ranked.map((r) => r.e))].slice(0, 3);
  return { question, intent: 'none', answered: false, text: `${reason} Try one of these instead.`, citations: [], suggestions };
}

const COMPARATOR_FOLLOW_UP = /\b(?:england and wales|e&w|national(?:ly)?|average|compared?)\b/;
const PAGE_FOLLOW_UP = /\b(?:which|what) page\b|\bwhere (?:is|does|did) (?:that|this|it)\b|\bsource\b|\bcitation\b/;

/** A follow-up in a thread: the comparator of the last number, where the last answer stands, the same question for another area. */
function answerFollowUp(kb: Knowledge, question: string, q: RewrittenQuery, cls: Classification, previous: Answer): Answer | null {
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
