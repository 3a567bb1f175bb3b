import { english } from '../words/english.js';
/**
 * What kind of answer a question wants (Li & Roth's coarse classes, narrowed to what a report
 * holds), and whether a sentence of the report carries it. A "when" answer must hold a date or a
 * period, a "who" answer a name, a "why" answer a reason, a question about the future a plan or an
 * expectation; without one the bot declines rather than showing a sentence that merely shares words.
 */

export type AnswerType =
  /** who holds a post ("who is the chief constable?"): a person's name must stand in the answer */
  | 'person'
  /** a person or an organisation: a name must stand in the answer */
  | 'who'
  /** a date, a period or a time */
  | 'when'
  /** a reason or a cause */
  | 'why'
  /** a place: a place's name must stand in the answer */
  | 'where'
  /** what a term means: where the report defines it */
  | 'definition'
  /** the grades an inspection can give ("what grades can HMIC give?"): a sentence that names them */
  | 'grades'
  /** what an abbreviation stands for: its words spelt out */
  | 'expansion'
  /** a prediction or a plan: the report must say what will happen */
  | 'future'
  /** how something compares with other forces ("how do our outcome rates compare to other forces?"): the report's own comparison */
  | 'compare'
  /** anything else: the passage's words decide */
  | 'any';

const WHO = /\b(?:who|whom|whose|which (?:other |partner |outside )?(?:organisations?|agenc(?:y|ies)|partners?|forces?|bodies|body|teams?|units?|university))\b/;
/**
 * "when" asks for a time where it opens a clause or an auxiliary follows it ("when was it set up", "… - when
 * did it start"); inside a clause it says on what occasion ("what happens when someone rings",
 * "what's THRIVE when it's at home") and asks nothing.
 */
const WHEN = /(?:^|[?.!,;:(–—-]\s*|\b(?:and|so|but|or|roughly|approximately|about|exactly)\s+)when\b|\bwhen(?:'s| (?:was|were|is|are|did|do|does|will|would|has|have|had|can|could|should|might))\b|\b(?:what (?:date|year|month|time)|how long ago|since when|by when|which (?:year|month))\b/;
/** "where was the exercise done?", "which town": a place asked for (not "where does the report say", which asks for a page). */
const WHERE = /\bwhere(?:'s| (?:was|were|is|are|did|do|does|has|have|had|will|would|can))\b(?! (?:it|the report|hmic|they|that|this) (?:say|says|said|mention|mentions|talk|talks|discuss|cover|covers|state|states)\b)|\b(?:says?|tell (?:me|us)|know|shows?|asking|wondering|find out)\s+where\b|\b(?:which|what) (?:town|towns|place|places|district|districts|location|locations|area of the force)\b/;
/** The grading scheme asked about: "what grades can hmic give?", "the possible hmic grades", "what's the scale" beside grades. */
const GRADES_ASKED = /\b(?:what|which) (?:grades|judgments|judgements|ratings|categories) (?:can|could|does|do|are there)\b|\b(?:possible|different|available) (?:\w+ )?(?:grades|judgments|judgements|ratings)\b|\b(?:grades|judgments|judgements|ratings) (?:\w+ )?(?:can|could) (?:\w+ )?(?:give|award|hand out)\b|\bgrading (?:scale|system|scheme|categories|bands)\b|\bgrades?\b.{0,30}\b(?:the|a) scale\b/;

/** "what is khat?", "wth is a MASH lol": one or two words after "what is", nothing after but filler. */
const BARE_TERM_ASKED = /^\W*(?:what|wth|wtf)(?:'s| is| are)\s+(?:an? )?(?!(?:the|their|our|its|this|that|it|they|hmic)\b)([a-z&-]+)(?: [a-z&-]+)?\s*(?:\?+.*|\blol\b.*|\bexactly\b.*|[,.;:-].*)?$/;

/** "who's in …", "who's involved", "who are they working with": who takes part, organisations as much as people. */
const WHO_WITH = /\bwho(?:'s| is| are| was| were) (?:[a-z]+ly )?(?:in|involved|part of|on board|signed up)\b|\bwho(?:'s| is| are| was| were| do| does| did)\b.{0,40}\b(?:with|teamed|partner(?:ed|ing|s)?|collaborat\w*|involved)\b/;
const WHY = /\b(?:why|what (?:is|was) the reason|reasons? (?:for|why)|how come|what caused)\b/;
/** What a term means is asked ("define …", "what does … mean", "meaning of …"), whether or not an abbreviation's letters are asked too. */
export const MEANING_ASKED = /\b(?:define|definition|what (?:exactly |actually |precisely )?(?:does|do) [\w' -]{1,40} mean\b|meaning of|what counts as|what is meant by)/;
const EXPANSION = /\b(?:stand(?:s)? for|short for|acronym|abbreviation)\b/;
/**
 * A clause of time or condition that opens a message and ends at a comma before a question of its own
 * ("when someone rings 999/101, how do …", "if a victim reports online, do they …"); not "when" with its
 * auxiliary, which asks a time ("when was it set up, and …").
 */
export const OCCASION_FIRST = /^\W*(?:when|whenever|if|once|after|before) (?!(?:was|were|is|are|did|do|does|will|would|has|have|had|can|could)\b)[^,?.!]{3,80}, (?=(?:how|what|what's|who|why|where|which|do|does|did|is|are|was|were|can|could|will|would|should|has|have)\b)/;

/** Words of a trend or a grade: a question about their future asks for a prediction. */
export const PREDICTED = /\b(?:outstanding|good|requires? improvement|inadequate|grades?|graded|rated|rating|rise|rising|rises|fall|falling|falls|drop|increase|increasing|decrease|decreasing|go(?:ing)? (?:up|down)|(?:come|comes|coming) (?:up|down)|reduc(?:e|es|ed|ing|tion)|declin(?:e|es|ing)|keep (?:rising|falling|going)|get (?:better|worse)|improve|stop|end|solve|fix|work|succeed|fail)\b/;

/** Asking the bot for its own view ("in your opinion", "do you reckon"): the report's findings are all it has. */
export const OPINION = /\b(?:in (?:your|ur|yr) (?:opinion|view)|do (?:you|u) (?:think|reckon|believe)|what do (?:you|u) (?:think|reckon)|your (?:opinion|view|take))\b/;

const FUTURE = /\b(?:will|'ll|gonna|next year|in (?:the )?future|predict(?:ion|ed|s)?|forecast|expected to|likely to|plan(?:s|ned|ning)? to)\b/;

/** A question put in the present or past ("do police agree …", "is there …"), after any greeting. */
/** A greeting or opener before a question ("hi, …", "quick q - …"). */
const OPENER = '(?:(?:hi|hey|hello|ok|so|quick one|quick q)[,!:\\s-]*)?';
const ASKED_NOW = new RegExp(`^\\W*${OPENER}(?:do|does|did|is|are|was|were|has|have|can|could)\\b`);
/**
 * A manner that a question asks about, from its "how" to the end ("… how they'll be kept updated"): what is done,
 * not a plan ("does it say when / whether / what will …" still asks what will happen).
 */
const EMBEDDED = /\bhow\b.*$/;

/** "going to improve" tells what will happen; "going to the wrong people", "going to court" where something goes: a verb must follow. */
function goingToHappen(q: string): boolean {
  // (a word more often a noun is a verb when an object follows it: "going to tackle the backlog", not "going to court")
  for (const m of q.matchAll(/\bgoing to ([a-z]+)( (?:the|a|an|it|this|that|them|their|its|our|his|her)\b)?/g)) {
    if (english().wordnet.lookup(m[1]!, 'verb') !== null && (english().mostlyVerb(m[1]!) || m[2] !== undefined)) return true;
  }
  return false;
}

/** A question that sets the force beside other forces ("compared to other forces", "out of line with most forces", "how do … compare … forces"). */
const COMPARES_WITH_FORCES = /\b(?:compared?|comparison|in line|out of line|than|vs|versus|against|amongst|among)\b.{0,20}\b(?:other|most|similar|comparable|all the|the other) (?:police )?forces\b|\bhow (?:do|does|did|are|is)\b.{1,60}\bcompare\b.{0,30}\bforces\b/;

/** The answer type a question (normalised: lower case, markup out) asks for; `names` are the words of the forces' names ("cleveland"). */
export function answerTypeOf(question: string, names: ReadonlySet<string> = new Set()): AnswerType {
  // ("when someone rings 999, how do call handlers decide …?": a clause set before the question says on what occasion, it asks nothing)
  const q = question.replace(/[’]/g, "'").replace(OCCASION_FIRST, '');
  if (EXPANSION.test(q)) return 'expansion';
  if (MEANING_ASKED.test(q)) return 'definition';
  // the grading scheme itself: "what grades can hmic give?", "the possible grades"
  if (GRADES_ASKED.test(q)) return 'grades';
  // "what is khat?", "wth is khat lol": a bare term after "what is" asks what it is
  // (not "what is cleveland doing about …": a force's name is who is asked about, not a term)
  const bare = BARE_TERM_ASKED.exec(q);
  if (bare && !names.has(bare[1]!)) return 'definition';
  // ("who's in the Evolve collab?", "who are they teamed up with?": the members of a partnership, not a post's holder)
  if (WHO_WITH.test(q)) return 'who';
  if (/\bwho(?:'s| is| was| are| were| leads| heads| runs)\b|\b(?:name of|names of|(?:'s|s|s') names?)\b|\bby name\b/.test(q)) return 'person';
  if (WHO.test(q)) return 'who';
  if (WHEN.test(q)) return 'when';
  if (WHY.test(q)) return 'why';
  if (WHERE.test(q)) return 'where';
  // ("do police agree with victims how they'll be kept updated?": a future inside the manner a present question asks about is not asked)
  const main = ASKED_NOW.test(q) ? q.replace(EMBEDDED, '') : q;
  if (FUTURE.test(main) || goingToHappen(main)) return 'future';
  if (COMPARES_WITH_FORCES.test(q)) return 'compare';
  return 'any';
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const DATE = new RegExp(`\\b(?:(?:19|20)\\d\\d|${MONTHS}|spring|summer|autumn|winter|since|until|by the end of|at the time of|previous(?:ly)?|last year|next year|this year|(?:twelve|12) months|annual(?:ly)?|weekly|daily|monthly|recent(?:ly)?|now|currently|already|yet|first (?:time|year))\\b`, 'i');
const REASON = /\b(?:because|due to|as a result|result(?:s|ed)? (?:in|from)|so that|in order to|owing to|since|therefore|means that|caus(?:e|ed|es|ing)|reasons?|contribut(?:e|ed|es|ing|or|ors)|factors?|explain(?:s|ed)?|explanation|driv(?:e|en|es|er|ers)|attribut(?:e|ed|able)|led to|leads? to|however|but|although|limited|lack|insufficient|stretched|backlog|demand|pressure|not (?:always|yet|sufficiently|enough)|well|effective(?:ly)?|good|strong|weak(?:ness)?)\b/i;
const PLAN = /\b(?:will|plans?|planned|planning|intends?|intention|proposed?|expects?|expected|future|next year|early (?:next|in)|by (?:april|may|june|july|august|september|october|november|december|january|february|march|the end)|is (?:developing|introducing|reviewing|considering)|are (?:developing|introducing|reviewing|considering)|in the process of|(?:201[6-9]|20[2-9]\d))\b/i;

/**
 * True when a sentence carries the answer type. `asked` are the question's words in the
 * sentence's case-folded form, so that a name the question itself gives is not taken for the answer.
 */
export function carriesType(type: AnswerType, sentence: string, asked: ReadonlySet<string>, force: ReadonlySet<string>): boolean {
  switch (type) {
    case 'person':
      return personName(sentence, asked);
    case 'who':
      return properName(sentence, asked, force) || ORGANISATION_WORDS.test(sentence);
    case 'when':
      return DATE.test(sentence);
    case 'why':
      return REASON.test(sentence);
    case 'where':
      return properName(sentence, asked, force);
    case 'definition':
      // a definition says something of the term: not a bare list item naming it ("requires improvement; and")
      return sentence.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 6;
    case 'grades':
      // the scale named whole, or nearly: "Outstanding, good, requires improvement or inadequate"
      return new Set(sentence.toLowerCase().match(/\b(?:outstanding|good|requires improvement|inadequate)\b/g) ?? []).size >= 3;
    case 'future':
      return PLAN.test(sentence);
    case 'compare':
      return ELSEWHERE.test(sentence) && COMPARISON.test(sentence);
    default:
      return true;
  }
}

/** A sentence that sets the force beside others: where the others are, and how it stands against them. */
const ELSEWHERE = /\b(?:other|most|similar|comparable|all) (?:\w+ )?forces\b|\bnational(?:ly)?\b|\bEngland and Wales\b/i;
const COMPARISON = /\b(?:in line with|compared? (?:with|to)|higher|lower|more|less|fewer|above|below|similar to|than|average|better|worse|position amongst|amongst the)\b/i;

const ORGANISATION_WORDS = /\b(?:universit(?:y|ies)|council|authorit(?:y|ies)|partners?|agenc(?:y|ies)|services?|trust|charit(?:y|ies)|commissioner|government|home office|college|constabulary|forces?|organisations?|hospital|nhs|probation|prison|health|housing|schools?|teams?|unit|board|hub|crown prosecution)\b/i;

/** A sentence holds a proper name the question did not give (not its first word, not the force's name). */
function properName(sentence: string, asked: ReadonlySet<string>, force: ReadonlySet<string>): boolean {
  const words = sentence.split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (w.length < 2 || !/^\p{Lu}/u.test(w)) continue;
    const lower = w.toLowerCase();
    if (asked.has(lower) || force.has(lower) || GENERIC_CAPITALS.has(lower)) continue;
    return true;
  }
  return false;
}

/**
 * A sentence holds a person's name: two capitalised words in a row, not the first of the sentence,
 * at least one of which no dictionary knows ("Jacqui Cheer"), so "The Strategic Policing
 * Requirement" and "(PCC)" are not taken for one.
 */
function personName(sentence: string, asked: ReadonlySet<string>): boolean {
  const words = sentence.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''));
  const capitalised = (w: string) => /^\p{Lu}\p{Ll}+$/u.test(w) && !asked.has(w.toLowerCase());
  for (let i = 1; i + 1 < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    if (capitalised(a) && capitalised(b) && (!english().inDictionary(a) || !english().inDictionary(b))) return true;
  }
  return false;
}

/** Capitalised words that name no one: the inspectorate, the country, the report's own headings. */
const GENERIC_CAPITALS = new Set(['hmic', 'england', 'wales', 'english', 'we', 'our', 'i', 'figure', 'annex', 'peel', 'question', 'police']);

/** A definition stands where the report defines: a footnote, Annex A, or a sentence saying what a thing means or is known as. */
export function definesTerm(sentence: string, kind: string, section: string): boolean {
  if (kind === 'footnote' || /^annex/i.test(section)) return true;
  // (or spells an abbreviation out where it brings it in: "multi-agency public protection arrangements (MAPPAs)")
  // ("X means that …" says what follows from X, not what it is)
  return /\b(?:means?(?! that)|refers? to|(?:is|are) defined as|i\.e\.|categories are|known (?:locally )?as)\b/i.test(sentence) || /\w \([A-Z][A-Z&]{1,9}s?\)/.test(sentence);
}

/** A question opening with its verb, after an opener and a topic set off by a dash or colon. */
const YES_NO_OPENING = new RegExp(`^${OPENER}(?:[^?.!]{1,40}?\\s[-–—:]\\s+)?(?:is|was|were|are|am|did|do|does|has|have|had|can|could|will)\\b`);

/** A yes/no question, or a claim put to be checked ("is it true that…", "a colleague says … right?"). */
export function isYesNo(question: string): boolean {
  const q = question.trim().replace(/[’]/g, "'");
  return (
    // (after a topic set off by a dash or colon: "Evolve - is Northumbria in that collab?", "RSO team: are they overloaded?")
    YES_NO_OPENING.test(q) ||
    /\b(?:right|correct|true|yeah|yes|no|y\/n|yes or no|yes\/no|innit|isn't (?:it|that|they)|didn't (?:it|they|we|he|she)|wasn't (?:it|that)|aren't (?:they|we)|haven't (?:they|we)|is that so)\s*[?!.]*\s*(?::[a-z0-9_+-]+:\s*)*$/.test(q) ||
    /\b(?:is it true|is that true|colleague (?:says|said|thinks|reckons)|someone (?:says|said|told)|i heard|heard (?:that|it)|did (?:they|hmic) really|reckons|claims|can you confirm|can u confirm|confirm that|pretty sure|i think|i thought)\b/.test(q)
  );
}

const GRADE_CLAIM = /\b(outstanding|good|requires? improvement|inadequate)\b/;

/** The grade a yes/no question claims ("we got good for prevention, right?"), or null. */
export function claimedGrade(question: string): 'outstanding' | 'good' | 'requires improvement' | 'inadequate' | null {
  if (!isYesNo(question)) return null;
  const m = question.replace(/\bgood at\b/g, 'good').match(GRADE_CLAIM);
  if (!m) return null;
  return m[1]!.startsWith('require') ? 'requires improvement' : (m[1] as 'outstanding' | 'good' | 'inadequate');
}

/**
 * A question that asks for the reasons behind what it asks ("and why?", "what were the main
 * problems?"), or how it compares with before ("better than last year?"), which a summary also says.
 */
export function asksWhy(question: string): boolean {
  return /\b(?:why|reasons?|how come|explain|justif(?:y|ication)|what were the (?:main )?(?:problems|issues|concerns)|main (?:problems?|issues?|concerns?)|what went wrong|weaknesses|critici[sz](?:ed|e|m|ms)|last (?:year|yr|time)|year before|previous(?:ly)?|compare[ds]?|first (?:time|year)|better|worse|improved|than before)\b/.test(question);
}
