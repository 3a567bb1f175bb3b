/**
 * A figure: the metric whose label and row cover the question, with its England and Wales figure,
 * earlier value and the sentence saying how it changed; a yes/no claim about it checked; a year or
 * a unit the report does not give declined.
 */
import type { Metric } from '../facts/index.js';
import { RANKING } from '../search/ranking.js';
import { searchOr } from '../search/scorer.js';
import { contentTerms } from '../search/content.js';
import { type RewrittenQuery } from '../search/query.js';
import { termOf } from '../words/terms.js';
import { type Classification, MULTIPLE, REFERENCE, VALUE_OF_CHANGE } from './classify.js';
import { type AnswerType, isYesNo } from './types.js';
import { digitsOf, metricText, toCitation } from './facts.js';
import type { Knowledge } from '../library/knowledge.js';
import type { Answer } from './schema.js';
import { coverage, keyTerms, searchScope, standsIn } from './scope.js';
import { answerPassages, topicOf } from './passages.js';
import { CHANGE_SAID, antecedentSentence, changeSentence, figureRows, figureText, pointsBackTo, proseOf } from './figure-context.js';
import { COMPARATOR_FOLLOW_UP, none, saidOf } from './replies.js';
import { CHANGE_ASKED, CHANGE_SIZE_ASKED, metricVerdict, saysDirectionClaimed } from './figure-claims.js';

/** What the classifier found of a figure question that answering it needs: a year the reports do not cover, and the answer type. */
type Asked = Pick<Classification, 'otherYear' | 'answerType'>;

/** A figure question answered: what is measured, the figure that covers it best, or a passage or decline when none does. */
export function answerMetric(kb: Knowledge, question: string, q: RewrittenQuery, asked: Asked): Answer {
  const { otherYear, answerType } = asked;
  // "how many organised crime groups": for a number, the area's words say what is counted
  const keys = keyTerms(kb, q, kb.intentCueTerms);
  // "%", "12", "what are the figures?", "… vs E&W?": a number of what? Any figure would be a guess
  if (!keys.some((k) => !COMPARATOR_TERMS.has(k))) return declineUnmeasured(kb, question, q);
  // "how do our outcome rates compare to other forces?": the report's own comparison answers, when it makes one and no number is asked for
  if (answerType === 'compare' && !NUMBER_ASKED.test(q.plain)) {
    const compared = answerPassages(kb, question, q, asPassage(otherYear, 'compare'), 0, 'passage', true);
    if (compared.answered) return compared;
  }
  // "which crime type is furthest above the E&W average?": the row of a comparison table furthest from its comparator
  const furthest = furthestFromComparator(kb, q);
  if (furthest) return figureAnswer(kb, question, q, furthest, { best: furthest, skippedForYear: false, claimed: [], claimedFigures: [], nearest: undefined });
  const unknown = keys.filter((k) => q.unknown.includes(k));
  if (unknown.length) return answerInWords(kb, question, q, asked) ?? none(kb, question, q, `The report gives no figure for “${saidOf(q, unknown) || 'that'}”.`);
  const pick = pickFigure(kb, q, keys, otherYear);
  if (!pick.best && !otherYear) {
    // no extracted figure: a passage may still give the number in words ("one officer trained")
    const passage = answerPassages(kb, question, q, asPassage(null, 'any'), 0, 'passage');
    if (passage.answered && countsWhatIsAsked(kb, passage.text, keys, q)) return passage;
  }
  if (!pick.best) return answerInWords(kb, question, q, asked) ?? declineNoFigure(kb, question, q, keys, pick);
  // "how many crimes in Hartlepool?": a figure for the whole force, or of another measure, is not the place's
  const place = placesAsked(kb, question, keys).find((t) => !ownTerms(kb, pick.best!).has(t));
  if (place) return none(kb, question, q, `The report gives no figure for “${saidOf(q, [place])}” on its own: its figures are for the force area as a whole.`);
  const answer = figureAnswer(kb, question, q, pick.best, pick);
  // "E&W average OCGs per million pop?": the national figure itself is asked, and neither the figure nor what it quotes gives one
  if (NATIONAL_ASKED.test(q.normalised) && !pick.best.comparator && !answer.citations.some((c) => NATIONAL_SAID.test(c.quote))) {
    return none(kb, question, q, `The report gives no England and Wales figure for “${saidOf(q, keys.filter((k) => !COMPARATOR_TERMS.has(k))) || 'that'}”, only the force's own.`);
  }
  return answer;
}

/** A place named after "in", "across", "around" or "within": a word no dictionary knows ("in hartlepool"), or one written as a name ("in Stockton"). */
const PLACE_AFTER = /\b(?:in|across|around|within|throughout)\s+([A-Za-z][\w'’-]*)/gi;

/** The key terms of a question that name a place within the area asked about; England and Wales are what a figure is compared with. */
function placesAsked(kb: Knowledge, question: string, keys: string[]): string[] {
  const { english } = kb.vocabulary;
  return [...question.matchAll(PLACE_AFTER)]
    .map((m) => m[1]!)
    .filter((w) => !english.inDictionary(w.toLowerCase()) || /^\p{Lu}\p{Ll}/u.test(w))
    .flatMap((w) => contentTerms(w, kb.vocabulary))
    .filter((t) => keys.includes(t) && !COMPARATOR_TERMS.has(t));
}

/** A passage question's classification, for a figure question answered by what the report says. */
function asPassage(otherYear: string | null, answerType: AnswerType): Classification {
  return { intent: 'passage', area: null, otherForce: null, otherPillar: null, otherYear, answerType, partSummary: false };
}

/** "%", "what are the figures?": no figure is named, so the decline names what was said or asks which. */
function declineUnmeasured(kb: Knowledge, question: string, q: RewrittenQuery): Answer {
  const absent = q.dropped.filter((w) => !kb.vocabulary.english.isStopword(w));
  return none(kb, question, q, absent.length ? `The report gives no figure for “${absent.join(' ')}”.` : 'Which figure? Name what is counted or measured.');
}

/**
 * "is the force coping with the numbers?", "how often …?": a question that does not ask for a
 * quantity may be answered by what the report says, when no figure fits; null when it asks for one.
 */
function answerInWords(kb: Knowledge, question: string, q: RewrittenQuery, { otherYear, answerType }: Asked): Answer | null {
  if (EXPLICIT_QUANTITY.test(q.plain)) return null;
  const passage = answerPassages(kb, question, q, asPassage(otherYear, answerType), 0, 'passage');
  return passage.answered ? passage : null;
}

/** What the search for a figure found: the best candidate, whether one was passed over for its year, and figures holding a number the question gives. */
interface FigurePick {
  best: Metric | null;
  skippedForYear: boolean;
  /** numbers the question itself gives (not years): a claim to check, or the figure it has in mind */
  claimed: string[];
  /** figures that hold a number the question gives: "cut in half (280 -> 140) because offending fell by 48%?" names two */
  claimedFigures: Metric[];
  /** the search's best-scored figure, for a decline that points to it */
  nearest: Metric | undefined;
}

/** The figure that covers the question's key terms best, in the unit and year asked, ranked by `figureRank`. */
function pickFigure(kb: Knowledge, q: RewrittenQuery, keys: string[], otherYear: string | null): FigurePick {
  const wantedUnit = unitAskedFor(q.normalised);
  const claimed = digitsOf(q.normalised.replace(/\b(?:19|20)\d\d\b/g, ' ').replace(/\bper (?:1,000|1000|one million|million)\b/g, ' ').replace(REFERENCE, ' '));
  const results = searchScope(kb, (e) => searchOr(e.search.metricIndex, q.expanded, { combineWith: 'OR' })).slice(0, RANKING.metricCandidates);
  const pick: FigurePick = { best: null, skippedForYear: false, claimed, claimedFigures: [], nearest: results[0]?.entry.search.metrics.get(results[0].id) };
  let bestRank = -Infinity;
  for (const r of results) {
    const { search } = r.entry;
    const metric = search.metrics.get(r.id)!;
    // a sentence's paragraph says what its number is about ("MAPPAs … 13 offenders in this way")
    const borne = multipleBorneOut(metric, q.plain) ? 1 : 0;
    const cover = (coverage(keys, search.spelt(search.metricTerms.get(metric.id)!), q, search.metricContextTerms.get(metric.id)) * keys.length + borne) / (keys.length + borne || 1);
    // (a figure whose own value the question gives, on half its words, is shown beside the answer)
    if (cover >= 0.5 && claimed.some((n) => digitsOf(metric.value.text).includes(n))) pick.claimedFigures.push(metric);
    // showing a different number is worse than none: short questions must be covered whole
    if (cover < (keys.length + borne <= 2 ? 1 : RANKING.metricCoverage)) continue;
    // "per million", "what %": a figure in another unit is another figure
    if (wantedUnit && STRICT_UNITS.has(wantedUnit.source) && !wantedUnit.test(metric.unit)) continue;
    // a year no report is of must be the figure's own: in its sentence, its period or its earlier value's date,
    // or in the paragraph its "over this same period" points back to ("back in 2011" is not answered by the
    // 2015 figure whose paragraph compares it with 2011); a figure of another year is not a candidate
    if (otherYear && !figureText(metric).includes(otherYear) && !pointsBackTo(kb, metric, otherYear)) {
      pick.skippedForYear = true;
      continue;
    }
    // (a key word only the heading of the figure's chapter holds says little of the figure: "ASB" of recorded crime's rise)
    const own = coverage(keys, search.spelt(ownTerms(kb, metric)), q);
    // ...and a short question's words must be the figure's own: "how many crimes were recorded?" is not answered by
    // the count of anti-social behaviour incidents "recorded" in the chapter on crime and anti-social behaviour
    if (keys.length + borne <= 2 && (own * keys.length + borne) / (keys.length + borne) < 1) continue;
    const headingOnly = Math.max(0, cover - own);
    const rank = figureRank(metric, cover, r.score, q, claimed, wantedUnit) - headingOnly * RANKING.headingOnlyPenalty;
    if (rank > bestRank) {
      pick.best = metric;
      bestRank = rank;
    }
  }
  return pick;
}

const owned = new WeakMap<Metric, Set<string>>();

/**
 * A figure's own words: its label, its comparator's area, its sentences or rows and their paragraph ("IOM" in the
 * paragraph of "managed offenders from 280 down to 140"), without the headings of the section they stand in
 * ("Preventing crime and anti-social behaviour …" names no figure of its chapter); worked out once per figure.
 */
function ownTerms(kb: Knowledge, m: Metric): Set<string> {
  let terms = owned.get(m);
  if (!terms) {
    terms = new Set(contentTerms(`${m.label} ${m.comparator?.area ?? ''} ${m.citations.map((c) => c.quote).join(' ')} ${m.context}`, kb.vocabulary));
    owned.set(m, terms);
  }
  return terms;
}

/**
 * True when a multiple the question claims ("halved the cohort", "doubled") is borne out by a figure against its
 * earlier value (280 → 140): it counts as one more word of the question the figure holds, as the figure is of
 * the change asked about, whatever the question's own word for the thing counted.
 */
function multipleBorneOut(m: Metric, plain: string): boolean {
  const said = MULTIPLE.exec(plain);
  if (!said || !m.earlier || m.earlier.number === 0) return false;
  const factor = said[1] || said[2] ? 0.5 : said[3] ? 2 : 3;
  return Math.abs(m.value.number / m.earlier.number / factor - 1) <= 0.1;
}

/**
 * How well a candidate figure answers: what the question covers counts most, then a number it claims
 * ("fell by 9%?") standing in the figure's sentence, then the unit it asks for, a comparator or a change
 * when asked, then the search score.
 */
function figureRank(metric: Metric, cover: number, score: number, q: RewrittenQuery, claimed: string[], wantedUnit: RegExp | null): number {
  // ("crime went up 40%": a number claimed as a change is the number of a change, not "40 percent of crimes")
  const claims = claimed.some((n) => digitsOf(metric.citations.map((c) => c.quote).join(' ')).includes(n)) && saysDirectionClaimed(metric, q.plain);
  // "… vs the national figure": a figure that carries its England and Wales comparator
  const comparatorAsked = COMPARATOR_FOLLOW_UP.test(q.normalised) || /\bvs\b|\bversus\b|\bnationally\b|\bother forces\b/.test(q.normalised);
  const compares = comparatorAsked && metric.comparator !== null;
  // "trend since 2010", "has it gone down?": a figure whose sentence describes a change
  const changes = CHANGE_ASKED.test(q.plain) && metric.from === 'prose' && CHANGE_SAID.test(metric.citations[0]?.quote ?? '');
  // ("has ASB gone down?": "2 percent fewer incidents" is the change, "42,844 incidents" in the same sentence is not)
  const isChange = changes && CHANGE_SAID.test(metric.label);
  return (
    cover * 100 +
    (claims ? RANKING.claimedNumberBonus : 0) +
    (wantedUnit && wantedUnit.test(metric.unit) ? RANKING.unitBonus : 0) +
    (compares ? RANKING.comparatorBonus : 0) +
    (changes ? RANKING.changeBonus : 0) +
    (isChange ? RANKING.changeItselfBonus : 0) +
    // ("from what to what?", "what was it before?": a figure that gives its earlier value beside it)
    (metric.earlier && FROM_TO_ASKED.test(q.plain) ? RANKING.changeBonus : 0) +
    Math.min(score, 9.99)
  );
}

/** No figure answers: say so (in that year, when one was passed over for its year), and where the nearest figure stands. */
function declineNoFigure(kb: Knowledge, question: string, q: RewrittenQuery, keys: string[], pick: FigurePick): Answer {
  const named = saidOf(q, keys) || 'that';
  const what = pick.skippedForYear ? `“${named}” in that year` : `“${named}”`;
  const near = pick.nearest;
  const page = near?.citations[0];
  return none(kb, question, q, `The report gives no figure for ${what}.${near && page ? ` The nearest it comes is p. ${page.page}, on ${topicOf(kb, { report: near.report, block: page.block })}.` : ''}`);
}

/** The answer a figure gives: its rows (every row for a breakdown, figures the question names beside it), the sentences that tell it, and yes or no to a claim. */
function figureAnswer(kb: Knowledge, question: string, q: RewrittenQuery, m: Metric, pick: FigurePick): Answer {
  const { claimed } = pick;
  const force = kb.reports.find((r) => r.id === m.report)?.force ?? m.report;
  // "did it go up on the year before?": the paragraph's sentence comparing it with earlier, when the figure has no earlier value
  const change = !m.earlier && CHANGE_ASKED.test(q.plain) ? changeSentence(kb, m, q) : null;
  // "breakdown of OCGs by crime type": every row of the figure the best one stands in, in the figure's order
  // (and every other figure whose own value the question gives, each once)
  const named = pick.claimedFigures.filter((o, i, all) => o.id !== m.id && claimed.some((n) => digitsOf(o.value.text).includes(n)) && !digitsOf(m.value.text).some((d) => digitsOf(o.value.text).includes(d)) && all.findIndex((x) => x.value.text === o.value.text) === i).slice(0, 2);
  const rows = BREAKDOWN.test(q.plain) && m.from === 'figure' ? figureRows(kb, m) : [m, ...named];
  // a row of a figure whose value a sentence of the report also gives says there what it means ("Drug activity
  // was the predominant crime type (85 percent) of the OCGs"): that sentence is cited after the row
  const told = m.from === 'figure' && rows.length === 1 ? proseOf(kb, m) : [];
  // ("… within this resource reduction": the sentence it points back to says what the reduction was)
  const antecedent = antecedentSentence(kb, m);
  const citations = [...m.citations.map(toCitation), ...(antecedent ? [antecedent] : []), ...told, ...(change ? [change] : []), ...rows.flatMap((r) => r.citations.map(toCitation))].filter(
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

/** A question that asks for the England and Wales figure itself ("the E&W average no. of OCGs"), not only the force's beside it, nor compares with it ("compared with the national average"). */
const NATIONAL_ASKED = /(?<!\b(?:compared (?:with|to)|than|vs|versus|against|above|below|to|with) (?:the )?)\b(?:e&w|england and wales|national|nationwide)(?: (?:wide|-wide))? (?:average|figure|rate|mean|level)\b|\b(?:average|figure|rate) (?:for|across|in) (?:e&w|england and wales|all forces)\b/;

/** A sentence that speaks of the national picture. */
export const NATIONAL_SAID = /\b(?:England and Wales|national(?:ly)?|all forces|other forces)\b/i;

/** Which way from the England and Wales figure a question asks for the extreme: furthest above, below, or either ("the biggest gap"). */
function comparatorExtreme(plain: string): 'above' | 'below' | 'gap' | null {
  if (!/\b(?:e&w|england (?:and|&) wales|national(?:ly)?|average)\b/.test(plain)) return null;
  if (/\b(?:biggest|largest|widest|greatest)\s+(?:gap|difference)\b/.test(plain)) return 'gap';
  if (/\b(?:furthest|farthest|most)\s+(?:above|over|higher)\b|\bworst\b/.test(plain)) return 'above';
  if (/\b(?:furthest|farthest|most)\s+(?:below|under|lower)\b/.test(plain)) return 'below';
  return null;
}

/**
 * The table row furthest from its England and Wales figure, the way asked (the largest ratio above it, the
 * smallest below, or the largest either way), among the rows with a comparator in the unit asked (a rate
 * unless a percentage is); null when the question asks no such extreme or no row is on the side asked.
 */
function furthestFromComparator(kb: Knowledge, q: RewrittenQuery): Metric | null {
  const end = comparatorExtreme(q.plain);
  if (!end) return null;
  const unit = unitAskedFor(q.normalised)?.source === '^percent$' ? /^percent$/ : /^per 1,000/;
  const rows = kb.reports.flatMap((r) => kb.facts(r.id)?.metrics ?? []).filter((m) => m.from === 'figure' && m.comparator && m.comparator.number > 0 && unit.test(m.unit));
  const away = (m: Metric) => {
    const ratio = Math.log(m.value.number / m.comparator!.number);
    return end === 'above' ? ratio : end === 'below' ? -ratio : Math.abs(ratio);
  };
  // (a row on the other side is not "furthest below" however near it is)
  return rows.filter((m) => away(m) > 0).reduce<Metric | null>((best, m) => (!best || away(m) > away(best) ? m : best), null);
}

/** A claim of a cause: "because", "due to", "as a result of", "caused by". */
const CAUSE_CLAIMED = /\b(?:because|due to|as a result of|caused by|thanks to|owing to)\b/;

const STRICT_UNITS = new Set(['^per million', '^percent$', '^count$']);

/** Words of a comparison ("vs E&W", "the national average"): what a figure is compared with, not what it measures. */
export const COMPARATOR_TERMS = new Set(['e&w', 'england', 'wales', 'national', 'nationally', 'nationwide', 'average', 'versus'].map(termOf));

/** A question that asks for a quantity by name: only a figure answers it. */
const EXPLICIT_QUANTITY = /\b(?:how many|how much|headcount|head count|fte|amount|budget|costs?|spend|size(?: of)?|how big|how large|rates?|what (?:percentage|proportion|share|rate|number|figure|%)|number of|percent(?:age)?|per (?:1,?000|thousand|million|cent)|rate of|figures? for|stats? (?:on|for))\b|%|\d/;

/** A question that asks for a number itself ("what is the rate", "how many", "what %"), not how a thing compares. */
const NUMBER_ASKED = /\b(?:how many|how much|what(?:'s| is| are| was| were)? (?:the |our |their )?(?:percentage|proportion|share|rates?|number|figures?)|per (?:1,?000|thousand|million|cent)|figures? for|stats?)\b|%|\d/;

const BREAKDOWN = /\b(?:breakdown|broken down|break down|split|by (?:crime )?type|by category|each (?:type|category|crime)|all (?:the )?(?:types|categories|figures|rows)|list (?:the|all))\b/;

/** A value and its earlier one asked: classify's "from what … to what", or "what was it before". */
const FROM_TO_ASKED = new RegExp(`${VALUE_OF_CHANGE.source}|\\bwhat (?:was|were) (?:it|they) (?:before|previously|originally)\\b`);


/**
 * True when a sentence gives a number of what the question counts: a number (in digits or words) with one
 * of its key terms among the few words around it ("one officer trained", "does not have any OCGs", "the
 * satisfaction rate of 83.8"), not a number of something else ("… team in one area", "in October 2015").
 */
function countsWhatIsAsked(kb: Knowledge, text: string, keys: string[], q: RewrittenQuery): boolean {
  for (const m of text.matchAll(NUMBER_IN_WORDS)) {
    if (/^(?:19|20)\d\d$/.test(m[0])) continue;
    const before = text.slice(0, m.index).split(/\s+/).slice(-4).join(' ');
    const after = text.slice(m.index + m[0].length).split(/\s+/).slice(0, 5).join(' ');
    const have = new Set(contentTerms(`${before} ${after}`, kb.vocabulary));
    if (keys.some((k) => standsIn(k, have, q))) return true;
  }
  return false;
}

// ("does not have any OCGs that have been referred", "none of them": a count of nought, in words)
const NUMBER_IN_WORDS = /\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|half|halved|third|quarter|double|doubled|none|(?:not|n't) (?:have|has|had|make|made|hold|holds|held) any)\b/gi;

/** The unit a question asks for: a rate per 1,000, a percentage, a count. */
export function unitAskedFor(text: string): RegExp | null {
  // "how much has it reduced offending by?": a change is given in percent
  if (CHANGE_SIZE_ASKED.test(text)) return /^percent$/;
  if (/per (?:one )?million/.test(text)) return /^per million/;
  if (/per 1,000|\brate\b/.test(text)) return /^per 1,000|^rate$/;
  if (/percent|percentage|proportion|share|%/.test(text)) return /^percent$/;
  if (/how many|number of|count/.test(text)) return /^count$/;
  return null;
}

