import type { RewrittenQuery } from '../search/query.js';
import type { PhraseMatch } from '../search/phrases.js';
import type { AreaRef, Vocabulary } from '../search/vocabulary.js';
import type { Knowledge } from '../library/knowledge.js';
import type { Intent } from './schema.js';
import { answerTypeOf, claimedGrade, type AnswerType } from './types.js';
import { termOf } from '../words/terms.js';
import { baseForm } from '../words/morphy.js';

export interface Classification {
  intent: Intent;
  /** the main question the question is about: an area, "overall", or null when none is named */
  area: AreaRef | null;
  /** a force the question names that no report in the corpus is about */
  otherForce: string | null;
  /** a PEEL pillar the question names that the reports do not cover */
  otherPillar: string | null;
  /** a year the question names that no report is of */
  otherYear: string | null;
  /** the kind of answer the question wants (a name, a date, a reason, a definition …) */
  answerType: AnswerType;
  /** a summary asked of one part of the report ("tl;dr on the vulnerability side"), not of the whole */
  partSummary: boolean;
}

/**
 * Which alias of which area the question uses; the longest alias wins. An area's alias that is part of an alias of
 * the overall question ("keeping people safe", of "keeping people safe and reducing crime") names the overall
 * question when the question also says "overall" ("the overall verdict on keeping ppl safe & cutting crime").
 */
export function findArea(words: readonly string[], vocabulary: Vocabulary): AreaRef | null {
  const matches = vocabulary.phrases.areas.findAll(words);
  let best: PhraseMatch<AreaRef> | null = null;
  for (const m of matches) if (!best || m.length > best.length) best = m;
  if (best && best.value !== 'overall' && matches.some((m) => m.value === 'overall')) {
    const alias = ` ${words.slice(best.at, best.at + best.length).join(' ')} `;
    if (vocabulary.overallAliases.some((o) => o.length > alias.length && ` ${o} `.includes(alias))) return 'overall';
  }
  return best?.value ?? null;
}

/**
 * The area a word the question mistyped stands for ("invesitgations" → investigating): a one-word alias with the
 * term the typo was mended to. The aliases are matched on the words as typed, so a mended word needs its own look.
 */
function mendedArea(q: RewrittenQuery, vocabulary: Vocabulary): AreaRef | null {
  for (const t of q.terms) {
    const said = q.said.get(t);
    if (!said || termOf(said) === t) continue;
    const area = areaTerms(vocabulary).get(t);
    if (area) return area;
  }
  return null;
}

const areaTermsMemo = new WeakMap<Vocabulary, Map<string, AreaRef>>();

/** Each one-word alias's term, with its area (the first area to use it), worked out once per vocabulary. */
function areaTerms(vocabulary: Vocabulary): Map<string, AreaRef> {
  let known = areaTermsMemo.get(vocabulary);
  if (!known) {
    known = new Map();
    for (const a of vocabulary.areas) for (const alias of a.aliases) if (!alias.includes(' ') && !known.has(termOf(alias))) known.set(termOf(alias), a);
    areaTermsMemo.set(vocabulary, known);
  }
  return known;
}

/** A time of day: "9am", "5.30 pm", "14:00". */
const CLOCK_TIME = /\b\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b/g;

/** A numbered reference, not a quantity: "Q2", "question 3", "ch.3", "chapter 2", "section 4", "para 12". */
export const REFERENCE = /\b(?:q|question|ch|chapter|section|sect|para|paragraph)\.?\s?\d{1,2}\b/gi;

/** A grade named as what the question is about. */
const GRADE_NOUN = /\b(?:grades?|graded|grading|ratings?|rated|judgments?|judgements?|verdict)\b/;
/** A quantity named: only a figure answers. */
const QUANTITY_NAMED = /\b(?:how many|how much|number|numbers|rates?|percent(?:age)?|proportion|share|per|figures?|stats?|statistics?|total|count|level)\b|%|\d/;

/** A quantity asked for in so many words: "what percent", "how many", "the rate", "%", a number per so many. */
const QUANTITY_ASKED = /\b(?:how many|how much|what (?:percent(?:age)?|proportion|share|rate|number)|percent(?:age)?|rates?|per (?:1,000|1000|thousand|million|cent))\b|%/;
/** A grade named: what a judgment is about. */
const GRADE_WORD = /\b(?:outstanding|good|requires improvement|inadequate)\b/;
/** The report's parts counted by their grade: "how many of the questions came out good", "how many areas were RI". */
export const GRADES_COUNTED = /\bhow many\b(?: of)?(?: the| its| their| our)?(?: \w+)? (?:questions|areas|pillars|strands|sections|parts|bits)\b.*\b(?:outstanding|good|requires improvement|inadequate)\b|\b(?:questions|areas|pillars|strands|sections|parts|bits)\b.*\bhow many\b.*\b(?:outstanding|good|requires improvement|inadequate)\b/;

/** A multiple written in words (half, halved, doubled, trebled): a number. */
export const MULTIPLE = /\b(?:(half)|(halve[sd]?|halving)|(doubl(?:e|ed|es|ing)|twice)|(tripl(?:e|ed|es|ing)|trebl(?:e|ed|es|ing)))\b/;
/**
 * A value asked for as where a change starts or ends: "from what (number) to what", "down to how many"; not
 * "learning from what other forces do", where a clause follows, nor "to what extent".
 */
/** "from what … to what", "to how many": a value and its earlier one asked (never "learning from what others do", "to what extent") */
export const VALUE_OF_CHANGE = /\bfrom (?:what|how many|how much)(?=\s*(?:$|[?,.!;:)-]|to\b|down\b|up\b|(?:number|figure|level|total|amount|size)s?\b))|\bto (?:what|how many|how much)\b(?! (?:extent|degree)\b)/;

/** The parts of an inspection report asked for by number or name: its questions, sections, chapters, pillars. */
const PARTS_ASKED = /\b(?:how many|which|what|main) (?:\w+ )?(?:questions|sections|chapters|pillars|strands)\b/;

/** An obligation weighs as a two-word cue: as much as "areas for improvement" less its article. */
const OBLIGATION_WEIGHT = 2;

/**
 * The force put under an obligation ("they need to", "the force must", "cleveland has to") or told to do
 * something by the inspectors ("did HMIC tell them to …", "the report wants the force to …"): a verb with
 * the force as its object and a to-infinitive after it is a directive in English, whichever verb it is.
 */
function forceObliged(text: string, kb: Knowledge): boolean {
  const { obliged, directed } = obligationPatterns(kb.forceWords);
  if (obliged.test(text) || TOLD.test(text)) return true;
  const told = directed.exec(text);
  return told !== null && kb.vocabulary.english.wordnet.lookup(told[1]!, 'verb') !== null;
}

/**
 * Told to do something, whoever tells: a verb of telling with its object and a to-infinitive ("did they tell
 * them to sort out …"), the same in the passive ("did they get told anything about …", "were they asked to …"),
 * or the inspectors wanting a thing to be so ("HMIC want prevention to be …").
 */
const TOLD =
  /\b(?:tell|tells|told|telling|ask|asks|asked|urge[sd]?|advised?|instructed)\s+(?:them|the force|the police|the cops)\s+to\s+\w+|\b(?:get|gets|got|getting|been|being|was|were)\s+(?:(?:they|we|it|the force|the police)\s+)?(?:\w+ly\s+)?(?:told|asked|urged|advised|instructed)\s+(?:to\s+\w+|anything|something|what|how|about)\b|\b(?:hmic\w*|inspectors?|inspectorate)\s+(?:\w+\s+)?(?:want|wants|wanted)\s+(?:\w+\s+){1,3}to\s+(?:be|become)\b/;

/** forceObliged's two patterns, built once per set of force words rather than on every question. */
const obligations = new WeakMap<Set<string>, { obliged: RegExp; directed: RegExp }>();

function obligationPatterns(forceWords: Set<string>): { obliged: RegExp; directed: RegExp } {
  let known = obligations.get(forceWords);
  if (!known) {
    const force = `(?:they|we|it|the force|force|${[...forceWords].join('|')})`;
    known = {
      obliged: new RegExp(`\\b${force}\\s+(?:\\w+ly\\s+|still\\s+)?(?:(?:is\\s+|are\\s+|was\\s+|were\\s+)?(?:need|needs|needed|have|has|had|ought|got|supposed)\\s+to|should|must)\\b`),
      directed: new RegExp(`\\b(?:hmic\\w*|inspectors?|inspectorate|report)\\s+(?:\\w+\\s+)??(\\w+)\\s+(?:them|us|${force})\\s+to\\s+\\w+`),
    };
    obligations.set(forceWords, known);
  }
  return known;
}

/**
 * What the shape of a question adds to its cues' weights (a number in digits or words, a value asked as
 * the end of a change, the report's parts asked for, an obligation put on the force); returns its
 * text with years, times of day and references out, where a quantity named is looked for.
 */
function weighShape(kb: Knowledge, q: RewrittenQuery, text: string, scores: Map<Intent, number>): string {
  const add = (intent: Intent, weight: number) => scores.set(intent, (scores.get(intent) ?? 0) + weight);
  // a number in the question ("per 1,000", "42,844") asks for a number; a year or a time of day
  // ("before my 9am", "by 5.30pm") says when, not what is counted
  // (a number the reports never write, with no unit, names something — "the 999 / call handling side" — rather than a figure)
  // (nor does a reference to a part of the report or of a piece of work: "(Q2)", "for ch.3", "section 4")
  const numbers = text.replace(/\b(?:19|20)\d\d\b/g, '').replace(CLOCK_TIME, '').replace(REFERENCE, ' ');
  if (/\d/.test(numbers) && (/%|\bper\b|\bpercent/.test(numbers) || q.figures.length > 0 || !/\b\d+\b/.test(numbers))) add('metric', 1);
  // so does a multiple in words ("cut in half", "halved", "trebled"), and a value asked
  // for as the end of a change ("from what to what", "down to what number") as much as "how many" does
  if (MULTIPLE.test(text)) add('metric', 1);
  if (VALUE_OF_CHANGE.test(text)) add('metric', 2);
  // "how many questions did HMIC look at", "which sections": the report's own parts asked about are the report's outline
  if (PARTS_ASKED.test(text)) add('overview', 2);
  // "what do they need to get better at", "did HMIC tell them to …": what the force must do is what it was told to improve
  // ("how much does the force have to save?" asks a sum, not what it was told)
  if (forceObliged(text, kb) && !/\bhow (?:much|many)\b/.test(text)) add('improvement', OBLIGATION_WEIGHT);
  return numbers;
}

// when two intents' cues weigh the same, the more specific wins
const PRIORITY: Intent[] = ['help', 'overview', 'improvement', 'metric', 'judgment', 'passage'];

const corpora = new WeakMap<Knowledge['reports'], { forces: string[]; pillars: Set<string>; years: Set<string> }>();

/** The forces (lower case), pillars and years of a list of reports, worked out once per list: at 100× the corpus they are hundreds. */
function corpusOf(reports: Knowledge['reports']): { forces: string[]; pillars: Set<string>; years: Set<string> } {
  let known = corpora.get(reports);
  if (!known) {
    known = { forces: reports.map((r) => r.force.toLowerCase()), pillars: new Set(reports.map((r) => r.pillar)), years: new Set(reports.map((r) => String(r.year))) };
    corpora.set(reports, known);
  }
  return known;
}

/**
 * The words as the cues are listed: a plural no cue is ("fixes", "weaknesses") read as its singular when that is a
 * one-word cue ("fix"): a cue is written once, in one number, and people ask in either.
 */
function cueForms(words: string[], vocabulary: Vocabulary): string[] {
  const { cues } = vocabulary.phrases;
  return words.map((w) => {
    if (!w.endsWith('s') || cues.findAll([w]).length) return w;
    const single = baseForm(vocabulary.english.wordnet, w, 'noun');
    return single !== w && cues.findAll([single]).length ? single : w;
  });
}

/** Classifies a question by the cue words of intents/ (data), and notes what it asks that the corpus lacks. */
export function classifyQuestion(kb: Knowledge, q: RewrittenQuery): Classification {
  // "how did HMIC rate their investigation": "rate" after its auxiliary is the verb of grading, not a figure
  // (after someone who grades: "did hmic rate", "how would the inspectors rate"; "did the asb rate go up" is the figure)
  const text = q.normalised.replace(/\b((?:did|does|do|would|will)\s+(?:hmic|hmicfrs|they|you|u|the inspectors|inspectors|the inspectorate)\s+)rate\b/g, '$1rated');
  const words = text.split(' ').filter(Boolean);
  const { vocabulary } = kb;
  const area = findArea(words, vocabulary) ?? mendedArea(q, vocabulary);
  const scores = new Map<Intent, number>();
  for (const m of vocabulary.phrases.cues.findAll(cueForms(words, vocabulary))) {
    for (const { intent, weight } of m.value) scores.set(intent, (scores.get(intent) ?? 0) + weight);
  }
  const numbers = weighShape(kb, q, text, scores);
  let intent: Intent = 'passage';
  let best = 0;
  for (const name of PRIORITY) {
    const s = scores.get(name) ?? 0;
    if (s > best) {
      best = s;
      intent = name;
    }
  }
  // "did our overall grade go up or down?": a change of a grade is asked of the grade, not of a figure,
  // unless a quantity is named ("how many", "rate", "%")
  if (intent === 'metric' && GRADE_NOUN.test(text) && !QUANTITY_NAMED.test(numbers)) intent = 'judgment';
  // "what percent of victims are happy? better or worse than national?": a figure set beside the national one, where
  // no grade is named; "of the 4 questions how many came out good vs RI?": a count of the grades is asked of the grades
  if (intent === 'judgment' && QUANTITY_ASKED.test(numbers) && !GRADE_NOUN.test(text) && !GRADE_WORD.test(text)) intent = 'metric';
  if (intent === 'metric' && GRADES_COUNTED.test(text)) intent = 'judgment';
  // "what does 'requires improvement' mean?": a definition is read where the report defines, whatever its words cue
  const answerType = answerTypeOf(q.plain, kb.forceWords);
  // "why has recorded crime gone up so much?": a reason is asked, which a sentence gives, not a figure
  if (intent === 'metric' && answerType === 'why' && !/\b(?:how many|how much|what (?:percentage|proportion|share|rate|number|figure)|by how)\b|%/.test(text)) intent = 'passage';
  if (answerType === 'expansion' || ((answerType === 'definition' || answerType === 'grades') && intent !== 'help')) intent = 'passage';
  // "we got good for prevention, right?": a grade claimed about an area asks for that grade
  if (area && claimedGrade(q.plain) && intent !== 'improvement') intent = 'judgment';
  // "what grade for prevention, in a nutshell?": an area named asks about that area, not the whole report:
  // its grade, or its summary ("tl;dr on the vulnerability side")
  const partSummary = intent === 'overview' && area !== null && area !== 'overall' && !((scores.get('judgment') ?? 0) > 0);
  if (intent === 'overview' && area && area !== 'overall' && !partSummary) intent = 'judgment';
  // "help" or "overview" only when the question is about the bot or the report, not a topic in it
  // (two or more of its cues — "headline summary of the whole report" — say it is about the report)
  const topicWords = q.terms.filter((t) => !kb.cueTerms.has(t) && !kb.forceTerms.has(t) && !q.optional.has(t) && !q.unknown.includes(t));
  if ((intent === 'help' || intent === 'overview') && topicWords.length > 1 && best < 2 && !partSummary) intent = 'passage';
  // nothing to ask about is a call for help ("hi", "?"); words the report never uses are a question about something else ("who won the football")
  const asksAboutSomething = q.dropped.some((w) => !kb.vocabulary.english.isStopword(w));
  if (text.trim() === '' || q.terms.length === 0) intent = best > 0 ? intent : asksAboutSomething ? 'passage' : 'help';
  // "what does PEEL stand for?" asks the report's words, even when PEEL is all it names
  if (answerType === 'expansion') intent = 'passage';

  const corpus = corpusOf(kb.reports);
  const otherForce =
    vocabulary.phrases.forces.findAll(words).map((m) => m.value).find((f) => !corpus.forces.some((c) => c.includes(f.toLowerCase()))) ?? null;
  const otherPillar = vocabulary.phrases.pillars.findAll(words).map((m) => m.value).find((p) => !corpus.pillars.has(p)) ?? null;
  const years = text.match(/\b(?:19|20)\d\d\b/g) ?? [];
  const otherYear = years.find((y) => !corpus.years.has(y)) ?? null;
  return { intent, area, otherForce, otherPillar, otherYear, answerType, partSummary: partSummary && intent === 'overview' };
}
