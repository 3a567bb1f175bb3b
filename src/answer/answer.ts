/**
 * The answerer's front door: a message read into its parts, each part classified and answered by
 * the kind of answer it wants (a grade, an area for improvement, an overview, a figure, prose, a
 * follow-up) from the reports it is about, and the parts' answers merged into one cited Answer.
 */
import { RANKING } from '../search/ranking.js';
import { stripSlackMarkup } from '../search/markup.js';
import { type RewrittenQuery } from '../search/query.js';
import { classifyQuestion, GRADES_COUNTED, type Classification } from './classify.js';
import { type AnswerType, asksWhy, claimedGrade, isYesNo, OPINION, PREDICTED } from './types.js';
import { answerGradeExtreme, answerImprovement, answerJudgment, answerOverview, gradeExtremeAsked } from './facts.js';
import type { Knowledge } from '../library/knowledge.js';
import type { Answer, ForcedIntent, Intent } from './schema.js';
import { questionParts, withoutRemarks } from './parts.js';
import { keyTerms, rewrite, standsIn, scopeFor, scopeOfAnswer, scopeProblem, topicTerms, whichForce, withTopic } from './scope.js';
import { answerMetric, COMPARATOR_TERMS, NATIONAL_SAID, unitAskedFor } from './metric.js';
import { answerPassages } from './passages.js';
import { answerTopicSummary } from './summary.js';
import { answerFollowUp, COMPARATOR_FOLLOW_UP, help, none } from './replies.js';

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
    const partQ = rewrite(kb, entries, part);
    if (!answers[0]!.answered && keyTerms(kb, partQ).length <= 1) continue;
    // ("… how much did recorded crime jump? and what was it nationally": the first part's figure gives its England and Wales figure beside it)
    const first = answers[0]!.metric;
    if (first && asksComparatorOf(scoped ?? kb, partQ, first)) {
      // (said already, beside the figure or as the figure itself: "compared with a reduction of 12 percent across England and Wales")
      const said = first.comparator !== null || NATIONAL_SAID.test(first.label);
      const followUp = said ? null : answerFollowUp(scoped ?? kb, part, partQ, classifyQuestion(kb, partQ), answers[0]!);
      if (followUp) answers.push(followUp);
      continue;
    }
    answers.push(answerOne(kb, part, opts, topic));
  }
  return mergeAnswers(rawQuestion, answers);
}

/**
 * A later part that names nothing but the England and Wales figure ("and what was it nationally", "how does that
 * compare with England and Wales"), after a first part answered with a figure: it asks for the one beside that figure
 * (not for a figure in another unit: "… 9.7k? and whats the E&W rate" asks for a rate beside a count).
 */
function asksComparatorOf(kb: Knowledge, q: RewrittenQuery, first: NonNullable<Answer['metric']>): boolean {
  // (a percentage may be called a rate, "the E&W rate" of satisfaction; a count never is)
  const unit = unitAskedFor(q.normalised);
  if (unit && !unit.test(first.unit) && (first.unit === 'count' || unit.test('percent') || unit.test('count'))) return false;
  return COMPARATOR_FOLLOW_UP.test(q.normalised) && !keyTerms(kb, q).some((t) => !COMPARATOR_TERMS.has(t));
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
  // ("how did Durham do in their effectiveness report - they got good, right?": another force's grade, whatever the intent read)
  const otherGraded = cls.otherForce && OTHER_GRADE_ASKED.test(q.plain) ? 'judgment' : intent;
  const outOfScope = scopeProblem(kb, cls, otherGraded, topical);
  // "how was investigation assessed in the 2014 inspection?", "any better than at the 2014 inspection?": a report
  // may say what an earlier inspection found; a passage naming that year answers, else none does
  if (outOfScope && scope && cls.otherYear && !cls.otherForce && !cls.otherPillar && (intent === 'judgment' || intent === 'improvement')) {
    const earlier = answerPassages(scope, question, q, { ...cls, intent: 'passage', answerType: 'any' }, 0, 'passage');
    // (what that inspection found: its sentence names the year and an inspection, not merely a date in it)
    if (earlier.answered && earlier.text.includes(cls.otherYear) && /\binspect(?:ion|ed)\b/i.test(earlier.text)) return earlier;
  }
  if (outOfScope) return none(kb, question, q, outOfScope);
  if (!scope) return whichForce(kb, question);
  // "which area did they do best in?": the question graded highest (or lowest) of all
  const extreme = !opts.intent && (cls.area === null || cls.area === 'overall') && cls.intent !== 'metric' ? gradeExtremeAsked(q.plain) : null;
  if (extreme) return answerGradeExtreme(scope, question, extreme);
  return answerIntent(scope, question, q, cls, intent, opts);
}

function answerIntent(kb: Knowledge, question: string, q: RewrittenQuery, cls: Classification, intent: Intent, opts: AnswerOptions): Answer {
  switch (intent) {
    case 'overview': {
      if (!cls.partSummary || cls.area === null || cls.area === 'overall') return answerOverview(kb, question);
      return answerTopicSummary(kb, question, q, topicTerms(kb, q), cls.area) ?? answerPassages(kb, question, q, cls, opts.offset ?? 0, 'passage');
    }
    case 'judgment':
      // "how good are they at catching wanted persons": a topic, not a graded question
      // ("… reckons HMIC rated them inadequate on one of the questions?": a grade claimed of the grades is checked against them all)
      if (!opts.intent && cls.area === null && keyTerms(kb, q).length > 0 && !gradeClaimed(q)) return answerPassages(kb, question, q, cls, opts.offset ?? 0, 'passage');
      // "how good are they with DA victims?": a topic within a graded area is answered by the area's grade and its summary sentences on the topic
      if (!opts.intent && cls.area !== null && cls.area !== 'overall' && !claimedGrade(q.plain) && !asksWhy(q.plain) && keyTerms(kb, q).length > 0) {
        const summed = answerTopicSummary(kb, question, q, keyTerms(kb, q), cls.area);
        if (summed) return { ...summed, intent: 'judgment' };
      }
      return answerJudgment(kb, question, cls.area, { claimed: claimedGrade(q.plain), why: asksWhy(q.plain) });
    case 'improvement': {
      const about = cls.area === null ? improvementsAbout(kb, q) : undefined;
      // ("was the RSO workload flagged as an area for improvement?": no listed one holds its words; the findings that say so do)
      // (so too with an area named: "did HMIC recommend anything about nbhd abstractions?" names what no area for improvement holds)
      if (about === null || (cls.area !== null && cls.area !== 'overall' && noneListed(kb, q))) {
        const said = answerPassages(kb, question, q, cls, opts.offset ?? 0, 'improvement');
        if (said.answered) return said;
      }
      return answerImprovement(kb, question, cls.area, about ?? undefined) ?? answerPassages(kb, question, q, cls, opts.offset ?? 0, 'improvement');
    }
    case 'metric':
      return answerMetric(kb, question, q, cls);
    default: {
      const found = answerPassages(kb, question, q, cls, opts.offset ?? 0, 'passage');
      if (found.answered) return found;
      // "Evolve - is Northumbria in that collab with us?", "… think it was Redcar": a name the report never
      // uses, put as a claim, is what is checked, not what is asked about; what the report says of the rest
      // answers, saying first that it does not name it
      const claim = withoutClaimedNames(kb, question, q, cls.answerType);
      if (!claim) return found;
      const said = answerPassages(kb, question, claim.q, cls, opts.offset ?? 0, 'passage');
      return said.answered ? { ...said, text: `The report does not mention ${claim.names.map((n) => `“${n}”`).join(' or ')}. It says:\n${said.text}` } : found;
    }
  }
}

/**
 * "was there a rec about how crimes get handed out …": the words a question that names no area asks about
 * (verbs too: "allocated") pick the areas for improvement that hold most of them; undefined when it has no
 * words of its own (every one is listed), null when none holds any (the findings on its words are looked for first).
 */
function improvementsAbout(kb: Knowledge, q: RewrittenQuery): ((text: string) => boolean) | undefined | null {
  const topic = topicTerms(kb, q);
  if (topic.length === 0) return undefined;
  const held = heldByImprovements(kb, q, topic);
  const most = Math.max(0, ...held.values());
  return most > 0 ? (text) => held.get(text) === most : null;
}

/** How many of `terms` each area for improvement holds, by its text (its terms worked out once, with its report). */
function heldByImprovements(kb: Knowledge, q: RewrittenQuery, terms: string[]): Map<string, number> {
  const held = new Map<string, number>();
  for (const e of kb.byId.values()) {
    for (const i of e.facts.improvements) held.set(i.text, terms.filter((t) => standsIn(t, e.improvementTerms.get(i.text)!, q)).length);
  }
  return held;
}

/** The words (as terms) for the inspectorate and its report: who tells the force what to improve. */
const TELLERS = new Set(['hmic', 'hmicfr', 'inspector', 'report']);

/** The question's own key words (an area's aliases aside) name something, and no area for improvement holds any of them. */
function noneListed(kb: Knowledge, q: RewrittenQuery): boolean {
  // (who said it, "what did the inspectors say …", is not what was said)
  const keys = keyTerms(kb, q).filter((t) => !TELLERS.has(t));
  return keys.length > 0 && [...heldByImprovements(kb, q, keys).values()].every((n) => n === 0);
}

/** A claim ("is X in …?", "think it was X") whose names typed with a capital the reports never use: the question without them, with what they were. */
function withoutClaimedNames(kb: Knowledge, question: string, q: RewrittenQuery, type: AnswerType): { q: RewrittenQuery; names: string[] } | null {
  if (!isYesNo(q.plain) && !CLAIM_PUT.test(q.plain)) return null;
  // a claim about who holds a post ("is Jane Smith the chief constable?") asks for a name the report would have to give
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

/** A grade asked or claimed of whatever force the question names: "how did X do", "X got good", "X's grade". */
const OTHER_GRADE_ASKED = /\bhow (?:did|does|do|has|have) [\w' -]{1,40} (?:do|done|get|got|fare|fared|perform|performed)\b|\b(?:grades?|graded|rated|rating)\b|\b(?:got|get|given|was|were) (?:an? )?(?:outstanding|good|requires improvement|inadequate)\b/;

/** A claim put in words rather than as a yes/no question: "think it was Redcar", "pretty sure it's …". */
const CLAIM_PUT = /\b(?:i think|think it(?:'s| is| was)|thought it|pretty sure|i reckon|reckons?|i believe|i heard|someone said)\b/;

/**
 * A claim about the grades as a set ("HMIC rated them inadequate on one of the questions, right?", "graded
 * good on any of the areas?"), not that one topic was rated something ("missing kids was rated good?").
 */
function gradeClaimed(q: RewrittenQuery): boolean {
  // ("of the 4 questions how many came out good vs RI?": the grades counted are the grades as a set too)
  if (GRADES_COUNTED.test(q.plain)) return true;
  return (
    claimedGrade(q.plain) !== null &&
    /\b(?:grades?|graded|grading|rated|rating|judged|judgments?|judgements?)\b/.test(q.plain) &&
    /\b(?:any|one|some|all|none|each|either|both|two|three|four) of (?:the|them|its|their)\b|\b(?:questions|areas|pillars|strands)\b/.test(q.plain)
  );
}
